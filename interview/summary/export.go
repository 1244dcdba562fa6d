package summary

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// AgeExt is appended to the file name of an encrypted export.
const AgeExt = ".age"

// ExportOptions is everything one export needs. The CLI (earlyid export) and the TUI's
// result screen fill it from their own inputs and call Export.
type ExportOptions struct {
	Guideline *guidelines.Guideline
	Session   *interview.Session
	// Store saves the session once the export is recorded in its sharing log: the store
	// the session came from (an interview.Store satisfies Saver). nil leaves saving to the
	// caller (Session.Exports is updated either way).
	Store Saver

	Format     string // one of Formats
	Lang       string // summary language ("" as in Options)
	LegalBasis string // one of LegalBases, or ""
	// Recipients are age recipients ("age1…"); when there is at least one, the output is
	// encrypted to all of them and ".age" is appended to Out.
	Recipients []string
	// Armor writes the encrypted output as ASCII armour (PEM-like text) instead of binary.
	Armor bool

	// Out is the file to write. "" writes to W instead.
	Out string
	W   io.Writer
	// Force allows replacing an existing Out; without it an existing file is never touched.
	Force bool

	// Place, Role and Institution fill the session's fields of the same name when they are
	// empty; a value the session already records is kept.
	Place, Role, Institution string

	// Now is the clock (nil: time.Now); Location the time zone of dates (nil: time.Local).
	Now      func() time.Time
	Location *time.Location
}

// Saver saves a session; every interview.Store is one. The CLI also passes savers that
// write a session back to the file it was read from.
type Saver interface {
	Save(s *interview.Session) error
}

// ExistsError reports an output file that exists while Force is false.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; it was not overwritten", e.Path) // i18n:ignore: Go error, localized by callers
}

// RecipientError reports a --recipient value that is not an age recipient. Value is empty
// when the value was a secret key, which must never be printed.
type RecipientError struct {
	Value  string
	Secret bool // the value was an age secret key (an identity), not a recipient
	Err    error
}

func (e *RecipientError) Error() string {
	if e.Secret {
		return "an age secret key was given where a recipient (age1…) is expected"
	}
	return fmt.Sprintf("%q is not an age recipient: %v", e.Value, e.Err) // i18n:ignore: Go error, localized by callers
}

func (e *RecipientError) Unwrap() error { return e.Err }

// WriteError reports that the summary could not be written to Path ("" for the writer): a
// failure of the file system or the output (a folder that does not exist, no permission, a
// full or read-only disk). Err is the underlying error, so errors.Is sees fs.ErrNotExist or
// syscall.ENOSPC; callers explain it in the user's language from that, not from the text.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("the summary could not be written: %v", e.Err) // i18n:ignore: Go error, localized by callers
	}
	return fmt.Sprintf("the summary could not be written to %s: %v", e.Path, e.Err) // i18n:ignore: Go error, localized by callers
}

func (e *WriteError) Unwrap() error { return e.Err }

// LogError reports that the summary was written but the sharing log could not be saved.
type LogError struct {
	Path string // what was written ("" for the writer)
	Err  error
}

func (e *LogError) Error() string {
	return fmt.Sprintf("the summary was written, but the sharing log could not be saved: %v", e.Err) // i18n:ignore: Go error, localized by callers
}

func (e *LogError) Unwrap() error { return e.Err }

// ParseRecipient parses one age recipient: an X25519 key (age1…) or a post-quantum hybrid
// key (age1pq1…). The error is a *RecipientError.
func ParseRecipient(s string) (age.Recipient, error) {
	v := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(strings.ToUpper(v), "AGE-SECRET-KEY-"):
		return nil, &RecipientError{Secret: true, Err: errors.New("secret key")} // i18n:ignore: Go error, localized by callers
	case strings.HasPrefix(v, "age1pq1"):
		r, err := age.ParseHybridRecipient(v)
		if err != nil {
			return nil, &RecipientError{Value: v, Err: err}
		}
		return r, nil
	case strings.HasPrefix(v, "age1"):
		r, err := age.ParseX25519Recipient(v)
		if err != nil {
			return nil, &RecipientError{Value: v, Err: err}
		}
		return r, nil
	}
	return nil, &RecipientError{Value: v, Err: errors.New("an age recipient starts with age1")} // i18n:ignore: Go error, localized by callers
}

// OutputPath returns the file Export writes for out: out itself, or out+".age" when the
// output is encrypted and out does not already end in ".age".
func OutputPath(out string, encrypted bool) string {
	if encrypted && out != "" && !strings.HasSuffix(out, AgeExt) {
		return out + AgeExt
	}
	return out
}

// Export builds the summary of opts.Session, renders it, encrypts it when recipients are
// given, writes it to opts.Out (atomically: a temp file in the same folder, then a rename;
// never over an existing file without Force) or to opts.W, and records the export in the
// session's sharing log, saved through opts.Store. It returns the path written ("" for W).
//
// Nothing is written when anything before the write fails. A failed write is a *WriteError.
// When the write succeeded but the log could not be saved, the path is returned with a
// *LogError.
func Export(opts ExportOptions) (string, error) {
	if opts.Guideline == nil || opts.Session == nil {
		return "", errors.New("cannot export: the guideline and the session are both needed") // i18n:ignore: Go error, localized by callers
	}
	if !ValidFormat(opts.Format) {
		return "", fmt.Errorf("cannot export as %q (use %s): %w", opts.Format, strings.Join(Formats, ", "), ErrFormat) // i18n:ignore: Go error, localized by callers
	}
	recipients := make([]age.Recipient, 0, len(opts.Recipients))
	names := make([]string, 0, len(opts.Recipients))
	for _, s := range opts.Recipients {
		r, err := ParseRecipient(s)
		if err != nil {
			return "", err
		}
		recipients = append(recipients, r)
		names = append(names, strings.TrimSpace(s))
	}
	encrypted := len(recipients) > 0
	path := OutputPath(opts.Out, encrypted)
	if path == "" && opts.W == nil {
		return "", errors.New("cannot export: no output file and no writer were given") // i18n:ignore: Go error, localized by callers
	}
	if path != "" && !opts.Force {
		if _, err := os.Lstat(path); err == nil {
			return "", &ExistsError{Path: path}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", &WriteError{Path: path, Err: err}
		}
	}

	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	at := now()
	s := opts.Session
	fill := func(field *string, v string) {
		if *field == "" {
			*field = strings.TrimSpace(v)
		}
	}
	fill(&s.Place, opts.Place)
	fill(&s.InterviewerRole, opts.Role)
	fill(&s.Institution, opts.Institution)

	a, err := Assess(opts.Guideline, s)
	if err != nil {
		return "", err
	}
	sum, err := Build(opts.Guideline, s, a, Options{Lang: opts.Lang, LegalBasis: opts.LegalBasis, Generated: at, Location: opts.Location})
	if err != nil {
		return "", err
	}
	var doc bytes.Buffer
	if err := sum.Render(&doc, opts.Format); err != nil {
		return "", err
	}
	data := doc.Bytes()
	if encrypted {
		if data, err = encrypt(data, recipients, opts.Armor); err != nil {
			return "", err
		}
	}

	if path != "" {
		if err := interview.WriteFileAtomic(path, data); err != nil {
			return "", &WriteError{Path: path, Err: err}
		}
	} else if _, err := opts.W.Write(data); err != nil {
		return "", &WriteError{Err: err}
	}

	s.Exports = append(s.Exports, interview.Export{
		At:         at.UTC().Truncate(time.Second),
		Format:     opts.Format,
		Lang:       sum.Lang,
		Recipients: names,
		Redacted:   sum.Redacted(),
		LegalBasis: opts.LegalBasis,
	})
	if opts.Store != nil {
		if err := opts.Store.Save(s); err != nil {
			return path, &LogError{Path: path, Err: err}
		}
	}
	return path, nil
}

// encrypt returns data encrypted to recipients, armoured when asked.
func encrypt(data []byte, recipients []age.Recipient, armored bool) ([]byte, error) {
	var out bytes.Buffer
	var dst io.Writer = &out
	var aw io.WriteCloser
	if armored {
		aw = armor.NewWriter(&out)
		dst = aw
	}
	w, err := age.Encrypt(dst, recipients...)
	if err != nil {
		return nil, fmt.Errorf("the summary could not be encrypted: %w", err) // i18n:ignore: Go error, localized by callers
	}
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("the summary could not be encrypted: %w", err) // i18n:ignore: Go error, localized by callers
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("the summary could not be encrypted: %w", err) // i18n:ignore: Go error, localized by callers
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			return nil, fmt.Errorf("the summary could not be encrypted: %w", err) // i18n:ignore: Go error, localized by callers
		}
	}
	return out.Bytes(), nil
}

// Redacted reports whether any sensitive answer or note was withheld from the summary.
func (s *Summary) Redacted() bool {
	for _, list := range [][]Answer{s.Consent.Answers, s.Person, s.Needs, s.TrustedPerson} {
		for _, a := range list {
			if a.Withheld {
				return true
			}
		}
	}
	for _, in := range s.Indicators {
		for _, a := range in.Evidence {
			if a.Withheld {
				return true
			}
		}
	}
	return false
}
