// Package guidelines loads, validates and serves guideline files: the questionnaire an
// interviewer follows, the trafficking indicators its answers reveal, how they are scored,
// the urgent flags and the referrals (format earlyid/guideline/v1, described in the README and by `earlyid schema`).
//
// Loading has two phases. The file is parsed into a yaml.Node tree (after size, binary,
// empty and syntax checks; anchors and aliases are rejected and nesting is bounded, because
// a Node walk is not protected against alias bombs). A walker then fills the typed model
// (Guideline, Section, Question, ...) keeping the line and column of every part, and
// collects every finding instead of stopping at the first: unknown keys (with "did you
// mean"), wrong kinds and types, missing fields, ids, translations, control characters,
// enumerations, and cross-references. Every condition is compiled once with expr against an
// environment typed from the question types, and checked for names of later questions and
// for strings a question can never hold. Findings are Diagnostics whose text is a locales
// message "diag.<code>"; Codes lists every code.
//
// The same package reads answers files (ParseAnswers) and training scenarios
// (LoadScenarioBytes, CheckScenario), with one function that turns a YAML value into an
// answer, and embeds the shipped guidelines and scenarios (Embedded, EmbeddedScenarios,
// Open). Synthetic generates large valid guidelines for benchmarks.
package guidelines
