package indicators

import (
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// load loads a guideline written in a test. Warnings are allowed (some tests need a
// strength map that leaves a profile out, which the validator warns about); errors fail.
func load(t testing.TB, src string) *guidelines.Guideline {
	t.Helper()
	g, diags := guidelines.LoadBytes(t.Name()+".yaml", []byte(src))
	if diags.HasErrors() || g == nil {
		t.Fatalf("test guideline does not load:\n%v", diags)
	}
	return g
}

// header is the top of every test guideline: one language, so texts can be plain strings.
const header = `format: earlyid/guideline/v1
id: test
version: "1"
title: Test
languages: [en]
`

// answers builds Answers from "id=value" pairs: "unknown"/"declined" are the special
// answers, a value with commas is a multi answer (a trailing comma makes a one-item list),
// digits are a number, anything else a string. The question type decides what is meant, so
// the caller passes g.
func answers(t testing.TB, g *guidelines.Guideline, pairs ...string) guidelines.Answers {
	t.Helper()
	a := guidelines.NewAnswers()
	for _, p := range pairs {
		id, val, ok := strings.Cut(p, "=")
		if !ok {
			t.Fatalf("bad answer pair %q", p)
		}
		q := g.Question(id)
		if q == nil {
			t.Fatalf("no question %q", id)
		}
		a.Values[id] = value(t, q, val)
	}
	return a
}

func value(t testing.TB, q *guidelines.Question, s string) guidelines.Value {
	t.Helper()
	if s == guidelines.Unknown || s == guidelines.Declined {
		return guidelines.Value{Special: s}
	}
	switch q.Type {
	case guidelines.TypeMulti:
		var list []string
		for _, x := range strings.Split(s, ",") {
			if x != "" {
				list = append(list, x)
			}
		}
		return guidelines.Value{List: list}
	case guidelines.TypeNumber:
		var n float64
		for _, c := range s {
			if c < '0' || c > '9' {
				t.Fatalf("bad number %q", s)
			}
			n = n*10 + float64(c-'0')
		}
		return guidelines.Value{Num: n}
	default:
		return guidelines.Value{Str: s}
	}
}

func indicatorIDs(a *Assessment) []string {
	var ids []string
	for _, in := range a.Indicators {
		ids = append(ids, in.Indicator.ID)
	}
	return ids
}

func flagIDs(a *Assessment) []string {
	var ids []string
	for _, f := range a.Flags {
		ids = append(ids, f.Flag.ID)
	}
	return ids
}

func referralIDs(a *Assessment) []string {
	var ids []string
	for _, r := range a.Referrals {
		ids = append(ids, r.ID)
	}
	return ids
}

func dimension(t testing.TB, a *Assessment, id string) DimensionResult {
	t.Helper()
	for _, d := range a.Dimensions {
		if d.Dimension.ID == id {
			return d
		}
	}
	t.Fatalf("no dimension %q in the assessment", id)
	return DimensionResult{}
}

// diff describes what got lacks (missing) and has in excess (extra) compared with want,
// as sets; "" when they are the same set.
func diff(got, want []string) string {
	var missing, extra []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	if len(missing)+len(extra) == 0 {
		return ""
	}
	return "missing " + list(missing) + ", extra " + list(extra)
}

func list(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return "[" + strings.Join(s, " ") + "]"
}

func mustScore(t testing.TB, g *guidelines.Guideline, a guidelines.Answers) *Assessment {
	t.Helper()
	as, err := Score(g, a)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return as
}
