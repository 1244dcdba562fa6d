// Package indicators scores a finished (or partial) interview: which trafficking indicators
// the answers reveal, which dimensions (ILO/EC elements) are positive, the outcome, the
// urgent flags and the referrals — each indicator with the answers and notes behind it.
//
// Scoring is a pure function of (guideline, answers): [Score] never reads the clock, the
// disk or a map in iteration order, so the same answers always give the same assessment, in
// the TUI, in plain mode and in `earlyid score`. Every rule is data in the guideline file
// (strengths per profile, element_positive combinations, outcome conditions); no scoring
// rule is written in Go.
//
// # The rules, in the order Score applies them
//
//  1. Relevance: guidelines.Guideline.Resolve walks sections and questions in file order. An
//     answer to a question whose own or whose section's condition is false is ignored
//     everywhere — conditions see that question as not asked, it is never evidence — and is
//     listed in Assessment.Ignored.
//  2. Indicators: present when the condition holds and the indicator has a strength for the
//     person's profile (a strength map that leaves a profile out means the indicator does
//     not apply to it). "unknown" and "declined" are words, never "yes".
//  3. Dimensions: present indicators counted by strength; positive when any element_positive
//     combination is met (each named count is a minimum).
//  4. Flags, evaluated on the answers.
//  5. Outcome: the first whose condition holds, with profile, every dimension, indicator and
//     flag id (bool) and strong/medium/weak (counts of present indicators) in scope.
//  6. Referrals: those whose condition holds (outcome in scope) plus those a raised flag
//     refers to; file order, each once.
//
// # JSON output (earlyid score --format json)
//
// One object with exactly these keys; texts are in the content language (--lang, default
// the guideline's first language); every list is present (possibly empty), in this order:
//
//	{
//	  "guideline":  {"id": "mixed-flows-md", "version": "2026.1"},
//	  "outcome":    {"id": "presumed_victim", "level": "high", "text": "…"},
//	  "dimensions": [{"id": "deceptive_recruitment", "stage": "recruitment",
//	                  "positive": true, "strong": 1, "medium": 1, "weak": 0}],
//	  "indicators": [{"id": "deceived_about_job", "dimension": "deceptive_recruitment",
//	                  "strength": "strong", "text": "…",
//	                  "evidence": [{"question": "job_as_promised", "answer": "no",
//	                                "answer_text": "No", "note": "…"}]}],
//	  "flags":      [{"id": "minor", "urgency": "immediate", "text": "…"}],
//	  "referrals":  [{"id": "child_protection", "name": "…", "contact": "…"}]
//	}
//
// The keys:
//
//   - guideline: the id and version of the rule set that produced the result.
//   - outcome: the outcome reached; level is high, medium or low.
//   - dimensions: every dimension in file order; stage is recruitment or exploitation;
//     strong/medium/weak count its present indicators; positive says whether an
//     element_positive combination is met.
//   - indicators: the present indicators in file order; strength is the one for the person's
//     profile. evidence lists the indicator's evidence questions (its `evidence` list, or
//     the questions its condition names): answer is the raw answer as an answers file
//     writes it — a string (yesno, choice id, text, date), a list of choice ids (multi), a
//     number, or "unknown"/"declined" — or null when the question was not answered;
//     answer_text is the answer in words in the content language ("" when unanswered);
//     note is the interviewer's note ("" when none).
//   - flags: the raised flags, immediate first, then priority, then context (a risk factor,
//     reported but not urgent); file order within each urgency.
//   - referrals: recommended services in file order; contact is the guideline's text as is,
//     which is empty or starts with "TO BE FILLED" while the deploying organisation has not
//     filled it in.
//
// Text from files and answers is stripped of control characters and bidi overrides in both
// formats, so output is safe to print on a terminal.
package indicators
