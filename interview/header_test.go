package interview

import (
	"strings"
	"testing"
)

func TestHeaderField(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"spaces around", "  Palanca  ", "Palanca", true},
		{"a new line is a space", "ofițer\nIGPF", "ofițer IGPF", true},
		{"an escape sequence is removed", "IGPF\x1b[31m", "IGPF", true},
		{"80 letters fit", strings.Repeat("ș", 80), strings.Repeat("ș", 80), true},
		{"81 letters do not", strings.Repeat("ș", 81), strings.Repeat("ș", 81), false},
		{"spaces do not count", " " + strings.Repeat("a", 80) + " ", strings.Repeat("a", 80), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := HeaderField(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("HeaderField(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
