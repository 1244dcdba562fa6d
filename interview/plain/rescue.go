package plain

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// offerCopy runs when the user quits while the last save failed (a full disk, a removed
// drive): the answers since the last good save exist only in memory. It asks where to
// write an encrypted copy of the session (interview.Engine.SaveCopy) until one is written,
// or the user presses Enter, or the input ends.
func (r *runner) offerCopy() {
	r.offered = true
	r.println(r.t("vault.copy.offer", nil))
	for {
		r.prompt()
		line, eof := r.readLine()
		path := strings.TrimSpace(line)
		if eof || path == "" {
			r.println(r.t("vault.copy.skipped", nil))
			return
		}
		if rest, ok := strings.CutPrefix(path, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				path = filepath.Join(home, rest)
			}
		}
		written, err := r.e.SaveCopy(path)
		switch {
		case err == nil:
			r.copied = true
			r.println(r.t("vault.copy.done", map[string]any{"Path": written, "Code": r.s.Code}))
			return
		case errors.Is(err, fs.ErrExist):
			r.println(r.t("vault.copy.exists", map[string]any{"Path": path}))
		default:
			r.println(r.t("vault.copy.failed", map[string]any{"Reason": err.Error()}))
		}
	}
}
