// Package training serves workshops and pilot evaluations: it finds a training scenario and
// its guideline, writes the role-player's briefing, plays a scenario on screen by itself (a
// projector demonstration), compares trainees' sessions with what the scenario expected
// (debrief, one trainee or a group), and aggregates many sessions into a pilot report.
//
// Everything here works on fictional cases or on aggregates: a debrief reads training
// sessions only, and a report never carries a case code, an answer or a note — only counts,
// medians and the guideline's own texts.
//
// Every text that comes from a file (guideline, scenario, session) goes through
// textsafe before it reaches a terminal, and through html/template escaping in HTML.
package training
