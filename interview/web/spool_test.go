package web

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
)

// completeScenario answers every question of the pages with sc's answers, in lang, and
// finishes: the browser is on the end page.
func completeScenario(t testing.TB, b *browser, g *guidelines.Guideline, sc *guidelines.Scenario, lang string) {
	t.Helper()
	b.post("/start", url.Values{"lang": {lang}})
	for n := 0; b.hidden("q") != "" && containsForm(b.page, "/answer"); n++ {
		if n > len(g.Questions) {
			t.Fatal("the pages ask more questions than the guideline has")
		}
		q := g.Question(b.hidden("q"))
		b.submit("/answer", formFor(q, answerFor(sc, q)))
	}
	b.submit("/finish", nil)
	checkPage(t, b)
}

func scenario(t testing.TB, id string) *guidelines.Scenario {
	t.Helper()
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scs {
		if sc.ID == id {
			return sc
		}
	}
	t.Fatalf("no scenario %s", id)
	return nil
}

// At the end the person may ask to be contacted: only then is the session written, to
// the spool, encrypted to the organisation's key (which the server does not hold); the
// person sees the case code, and the file opens with the organisation's identity to the
// same answers and the same assessment.
func TestAskingForContactSpoolsTheSessionEncrypted(t *testing.T) {
	org, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	spool := filepath.Join(t.TempDir(), "spool")
	g := openGuideline(t, guidelines.DefaultID)
	sc := scenario(t, "mixed-flows-md-scam-centre")
	keys := testKeys(t)
	s := newServer(t, Config{Guideline: g, Keys: keys, Spool: spool, Recipients: []age.Recipient{org.Recipient()}})
	b := newBrowser(t, s)
	completeScenario(t, b, g, sc, "uk")

	if !strings.Contains(b.page, `<a href="tel:112">`) || !strings.Contains(b.page, `<a href="tel:080077777">`) {
		t.Errorf("the end page lacks the emergency number or the hotline as tel: links:\n%s", b.page)
	}
	if i, j := strings.Index(b.page, "tel:112"), strings.Index(b.page, "tel:080077777"); i > j {
		t.Error("the emergency number does not come first")
	}
	if !strings.Contains(b.page, "Бажаєте, щоб Ваші відповіді побачив фахівець?") {
		t.Fatalf("the end page does not offer contact, in Ukrainian:\n%s", b.page)
	}
	if files, _ := os.ReadDir(spool); len(files) != 0 {
		t.Fatalf("something was written before the person asked: %v", files)
	}
	st, err := keys.open(b.cookie(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	code := st.Session.Code

	b.submit("/contact", url.Values{"agree": {"yes"}})
	checkPage(t, b)
	if !strings.Contains(b.page, `<p class="code">`+code+`</p>`) || !strings.Contains(b.page, "Ваші відповіді збережено") {
		t.Fatalf("the person is not given the case code:\n%s", b.page)
	}
	if containsForm(b.page, "/contact") {
		t.Error("the contact is offered again after it was asked for")
	}
	path := filepath.Join(spool, code+vault.Ext)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the spool holds no %s: %v", filepath.Base(path), err)
	}
	if !bytes.HasPrefix(raw, []byte("age-encryption.org/v1")) || bytes.Contains(raw, []byte(code)) || bytes.Contains(raw, []byte("consent")) {
		t.Error("the spooled file is not an age file, or shows something in clear")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the spooled file is readable by others: %v", fi.Mode())
	}
	got, err := vault.ReadFile(path, org)
	if err != nil {
		t.Fatalf("the organisation's identity does not open the spooled file: %v", err)
	}
	if got.Mode != interview.ModeSelf || got.Status != interview.StatusFinished || !reflect.DeepEqual(got.Answers.Values, st.Session.Answers.Values) {
		t.Errorf("the spooled session is not the person's finished self-check: %s %s", got.Mode, got.Status)
	}
	for id, have := range got.Answers.Values {
		if v, ok := sc.Answers.Values[id]; ok && !have.Equal(v) {
			t.Errorf("the spooled answer to %s is %v, the scenario's %v", id, have, v)
		}
	}
	a1, err := assess(g, got)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := assess(g, st.Session)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Outcome != a2.Outcome || !reflect.DeepEqual(ids(a1.Indicators), ids(a2.Indicators)) || len(a1.Indicators) == 0 {
		t.Errorf("the spooled session scores otherwise: %v %v, pages %v %v", a1.Outcome.ID, ids(a1.Indicators), a2.Outcome.ID, ids(a2.Indicators))
	}
	// The form posted a second time (a reload) writes nothing more and changes nothing.
	b.submit("/contact", url.Values{"agree": {"yes"}})
	if files, _ := os.ReadDir(spool); len(files) != 1 {
		t.Errorf("the spool holds %d files", len(files))
	}
}

// Without a spool (no --recipient), the end page gives the contacts and offers nothing
// that would keep the answers; a forged request to keep them writes nothing.
func TestWithoutRecipientsNothingIsKept(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	b := newBrowser(t, newServer(t, Config{Guideline: g}))
	completeScenario(t, b, g, scenario(t, "mixed-flows-md-scam-centre"), "ro")
	if containsForm(b.page, "/contact") || !regexp.MustCompile(`tel:112`).MatchString(b.page) {
		t.Errorf("the end page without a spool:\n%s", b.page)
	}
	b.submit("/contact", url.Values{"agree": {"yes"}})
	if strings.Contains(b.page, `class="code"`) {
		t.Error("a contact was recorded without a spool")
	}
}

// One address may ask to be contacted a tenth of its requests a minute an hour (12 with
// the default limit): a raised limit lets a crowd behind one address answer, not one
// address fill the spool. Past it, the person is asked to try again in a moment, nothing
// is written, and the allowance comes back within the hour.
func TestContactRequestsOfOneAddressAreBounded(t *testing.T) {
	for rate, want := range map[int]int{DefaultRatePerMinute: 12, 600: 60, 5: 1} {
		l := newLimiter(contactsPerHour(rate), time.Hour, func() time.Time { return time.Unix(0, 0) })
		n := 0
		for l.allow("198.51.100.7") {
			n++
		}
		if n != want {
			t.Errorf("with %d requests a minute, one address may ask to be contacted %d times an hour, want %d", rate, n, want)
		}
	}

	org, _ := age.GenerateX25519Identity()
	spool := filepath.Join(t.TempDir(), "spool")
	g := openGuideline(t, guidelines.DefaultID)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := newServer(t, Config{Guideline: g, Spool: spool, Recipients: []age.Recipient{org.Recipient()}, Now: func() time.Time { return now }})
	for s.contacts.allow("127.0.0.1") { // the test's browser comes from loopback
	}
	b := newBrowser(t, s)
	completeScenario(t, b, g, scenario(t, "mixed-flows-md-scam-centre"), "en")
	b.submit("/contact", url.Values{"agree": {"yes"}})
	checkPage(t, b)
	if !strings.Contains(b.page, "Your answers could not be kept just now. Please try again in a moment") || strings.Contains(b.page, `class="code"`) {
		t.Errorf("a contact request past the address's allowance:\n%s", b.page)
	}
	if files, _ := os.ReadDir(spool); len(files) != 0 {
		t.Errorf("a contact request past the allowance was written: %v", files)
	}
	now = now.Add(time.Hour / time.Duration(contactsPerHour(DefaultRatePerMinute)))
	b.submit("/contact", url.Values{"agree": {"yes"}})
	if !strings.Contains(b.page, `class="code"`) {
		t.Errorf("once the allowance is back, the person still cannot ask to be contacted:\n%s", b.page)
	}
	if files, _ := os.ReadDir(spool); len(files) != 1 {
		t.Errorf("the spool holds %d files, want 1", len(files))
	}
}
