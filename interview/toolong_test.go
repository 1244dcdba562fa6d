package interview

import (
	"errors"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestTextAnswerLongerThanTheLimit: a text answer of more than MaxText characters is
// refused with ErrKindTooLong, whose error names the length and never the text; one at the
// limit is taken.
func TestTextAnswerLongerThanTheLimit(t *testing.T) {
	g, ds := guidelines.Open("example")
	if g == nil {
		t.Fatal(ds)
	}
	q := g.Question("contact_details")
	secret := strings.Repeat("ж", MaxText+1)
	_, err := Validate(q, guidelines.Value{Str: secret})
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.Kind != ErrKindTooLong || ae.Value != "4001" || strings.Contains(err.Error(), "ж") {
		t.Errorf("Validate(too long) = %v", err)
	}
	if v, err := Validate(q, guidelines.Value{Str: secret[len("ж"):]}); err != nil || v.Str == "" {
		t.Errorf("Validate(at the limit) = %v, %v", v, err)
	}
}
