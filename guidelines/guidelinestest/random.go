// Package guidelinestest holds what the tests of several packages share: random answers
// for the property tests and benchmarks of the packages that work on guidelines (scoring,
// the interview engine), so they all exercise the same kinds of answers, and
// small guidelines that more than one front end's tests need.
package guidelinestest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// RandomAnswers answers a random subset of g's questions — four in five, whether they apply
// or not, since scoring must ignore the others — with RandomValue, and a note one time in
// ten.
func RandomAnswers(r *rand.Rand, g *guidelines.Guideline) guidelines.Answers {
	a := guidelines.NewAnswers()
	for _, q := range g.Questions {
		if r.IntN(5) == 0 {
			continue
		}
		a.Values[q.ID] = RandomValue(r, q)
		if r.IntN(10) == 0 {
			a.Notes[q.ID] = fmt.Sprintf("note %d", r.IntN(100))
		}
	}
	return a
}

// RandomValue returns a random valid answer to q: "unknown" or "declined" one time in ten,
// else a value of q's type that the engine accepts (a multi answer is never empty and has an
// exclusive choice only alone, a number
// stays within q's range, a date is real, a text mixes scripts and YAML-special characters).
func RandomValue(r *rand.Rand, q *guidelines.Question) guidelines.Value {
	switch r.IntN(10) {
	case 0:
		return guidelines.UnknownValue
	case 1:
		return guidelines.DeclinedValue
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		return guidelines.Value{Str: []string{"yes", "no"}[r.IntN(2)]}
	case guidelines.TypeChoice:
		return guidelines.Value{Str: q.Choices[r.IntN(len(q.Choices))].ID}
	case guidelines.TypeMulti:
		var ids []string
		for _, c := range q.Choices {
			if r.IntN(2) == 0 {
				ids = append(ids, c.ID)
			}
		}
		if len(ids) == 0 {
			ids = []string{q.Choices[r.IntN(len(q.Choices))].ID}
		}
		return guidelines.Value{List: withoutContradiction(q, ids)}
	case guidelines.TypeNumber:
		lo, hi := -50.0, 150.0
		if q.Min != nil {
			lo = *q.Min
		}
		if q.Max != nil {
			hi = *q.Max
		}
		n := lo + float64(r.IntN(int(hi-lo)+1))
		if r.IntN(4) == 0 && n+0.5 <= hi {
			n += 0.5
		}
		return guidelines.Value{Num: n}
	case guidelines.TypeDate:
		days := r.IntN(2500)
		if q.Past {
			// Up to 2026-01-09: before any clock the tests use, so the interview takes it.
			// The same one random number is drawn, so other answers stay as they were.
			days %= 2200
		}
		d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
		return guidelines.Value{Str: d.Format(time.DateOnly)}
	default:
		words := []string{"offer", "Oferta", "ședeți", "робота", "работа", "24h", "it's", `"quoted"`, "a: b", "#no"}
		n := 1 + r.IntN(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[r.IntN(len(words))]
		}
		return guidelines.Value{Str: strings.Join(parts, " ")}
	}
}

// withoutContradiction makes ids, a multi answer to q, one the engine accepts: an exclusive
// choice picked with others is kept alone or dropped, by the parity of len(ids), so both
// kinds of answer occur without drawing from r (the other answers of a seed stay the same).
func withoutContradiction(q *guidelines.Question, ids []string) []string {
	if len(ids) < 2 {
		return ids
	}
	var others []string
	for _, id := range ids {
		if c := q.Choice(id); c != nil && c.Exclusive {
			if len(ids)%2 == 0 {
				return []string{id}
			}
			continue
		}
		others = append(others, id)
	}
	if len(others) == 0 { // every pick was exclusive: one alone is valid
		return ids[:1]
	}
	return others
}
