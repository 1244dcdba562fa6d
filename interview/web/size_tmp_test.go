package web

import (
	"net/url"
	"testing"
	"os"
	"github.com/earlyid/earlyid/guidelines"
)

func TestTmpSizes(t *testing.T) {
	scs, _ := guidelines.EmbeddedScenarios()
	for _, sc := range scs {
		g := openGuideline(t, sc.Guideline)
		s, _ := New(Config{Guideline: g, Keys: testKeys(t)})
		b := newBrowser(t, s)
		b.post("/start", url.Values{"lang": {"uk"}})
		maxPage, maxCookie := 0, 0
		for b.hidden("q") != "" && containsForm(b.page, "/answer") {
			maxPage = max(maxPage, len(b.page)); if sc.ID == "mixed-flows-md-scam-centre" { os.WriteFile("/tmp/q.html", []byte(b.page), 0o600) }
			q := g.Question(b.hidden("q"))
			b.submit("/answer", formFor(q, answerFor(sc, q)))
			maxCookie = max(maxCookie, len(b.cookie()))
		}
		rev := len(b.page)
		if sc.ID == scs[0].ID { os.WriteFile("/tmp/review.html", []byte(b.page), 0o600) }
		b.submit("/finish", nil)
		t.Logf("%s: max page %d, review %d, end %d, max cookie %d", sc.ID, maxPage, rev, len(b.page), maxCookie)
		if sc.ID == scs[0].ID { os.WriteFile("/tmp/end.html", []byte(b.page), 0o600) }
	}
}
