package summary

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestNoteAuthorInEveryFormat: a note the person wrote in self mode is printed as theirs,
// never as the interviewer's, in the Markdown, HTML, PDF and JSON; the interviewer's note
// beside it keeps the interviewer's label, and the JSON validates with both.
func TestNoteAuthorInEveryFormat(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	s.Mode = interview.ModeSelf
	const person, staff = "knows_employer", "s_medical"
	if s.Answers.Notes[person] == "" || s.Answers.Notes[staff] == "" {
		t.Fatalf("the scenario no longer has notes on %s and %s", person, staff)
	}
	s.Answers.NoteBy[person] = guidelines.NoteByPerson
	s.Answers.NoteBy[staff] = guidelines.NoteByInterviewer
	personNote := strings.TrimSpace(s.Answers.Notes[person])
	staffNote := strings.TrimSpace(s.Answers.Notes[staff])

	for lang, labels := range map[string][2]string{
		"en": {"The person's own note: ", "Interviewer's note: "},
		"ro": {"Nota scrisă de persoana intervievată: ", "Nota intervievatorului: "},
		"uk": {"Примітка, яку написала сама особа: ", "Примітка інтерв'юера: "},
		"ru": {"Примечание, написанное самим опрашиваемым лицом: ", "Примечание интервьюера: "},
	} {
		sum := build(t, g, s, lang, "")
		for _, format := range []string{FormatMarkdown, FormatHTML} {
			out := string(render(t, sum, format))
			if format == FormatHTML {
				out = html.UnescapeString(out)
			}
			if !strings.Contains(out, labels[0]+personNote) {
				t.Errorf("%s %s: the person's note is not printed as theirs (%q)", lang, format, labels[0])
			}
			if !strings.Contains(out, labels[1]+staffNote) {
				t.Errorf("%s %s: the interviewer's note lost its label", lang, format)
			}
			if strings.Contains(out, labels[1]+personNote) {
				t.Errorf("%s %s: the person's note is printed as the interviewer's", lang, format)
			}
		}
	}

	sum := build(t, g, s, "en", "")
	out := render(t, sum, FormatJSON)
	var doc struct {
		Indicators []struct {
			Evidence []Answer `json:"evidence"`
		} `json:"indicators"`
		OtherNotes []Answer `json:"other_notes"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	by := map[string]string{}
	for _, in := range doc.Indicators {
		for _, e := range in.Evidence {
			by[e.Question] = e.NoteBy
		}
	}
	for _, a := range doc.OtherNotes {
		by[a.Question] = a.NoteBy
	}
	if by[person] != "person" || by[staff] != "interviewer" {
		t.Errorf("the JSON gives the authors %q (%s) and %q (%s)", by[person], person, by[staff], staff)
	}
	if !bytes.Contains(out, []byte(`"note_by": ""`)) {
		t.Error("an answer without a note does not say note_by \"\"")
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := summarySchema(t).Validate(v); err != nil {
		t.Errorf("the JSON with the notes' authors does not validate: %v", err)
	}

	needTool(t, "pdftotext")
	text := string(flat(pdfText(t, render(t, sum, FormatPDF))))
	if !strings.Contains(text, "The person's own note: ") || !strings.Contains(text, "Interviewer's note: ") {
		t.Error("the PDF does not say who wrote each note")
	}
}
