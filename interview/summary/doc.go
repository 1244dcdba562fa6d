// Package summary builds the referral summary of an interview — what a specialist hands to
// the national referral system — and writes it as Markdown, HTML, JSON or PDF, in any of the
// program's languages, optionally encrypted to the recipients' age keys.
//
// # Model
//
// Build turns (guideline, session, assessment) into a Summary: plain data with every text
// already chosen, sanitized and, where the person did not consent, withheld. The renderers
// only lay it out, so the four formats cannot disagree about what is shown. The JSON form
// of Summary is the case-management format (schema "earlyid/summary/v1", SchemaJSON).
//
// Content, in order: the header (case code, dates, place, the interviewer's role and
// institution, guideline id and version, languages and interpreter, mode — a training
// session is marked "TRAINING — fictional case" on every page); the facts about the person
// the guideline marks with summary: true (age, citizenship, documents); urgent flags; the outcome
// with its level and the facts that made its rule hold, in words (Outcome.Reason; the JSON
// also has the rule itself); consent (to the interview, to sharing identity,
// and the legal basis used when identity is shared without consent); the dimensions with
// their counts; each present indicator with its evidence (question as asked, answer, note);
// contextual risk factors; needs and recommended referrals with contacts; the trusted
// person and contact details (only with consent); the questions declined or answered
// "don't know"; the interviewer's closing remarks; and the fixed statement that this is a
// screening, not a legal identification.
//
// # Privacy
//
// An answer to a question marked sensitive in the guideline is shown only when the
// guideline's privacy.share_identity_when holds on the answers, or when a legal basis
// (LegalBases) is recorded for sharing without consent; otherwise it reads "withheld (no
// consent to share)", and so does any note on it. Every text from a file or a person passes
// through textsafe; the HTML is escaped by html/template and the Markdown escapes what a
// converter would treat as markup.
//
// # Trusted person and needs
//
// The guideline format has no way to say "this question records the trusted person" or
// "this section records the person's needs", so both are found from the data:
//
//   - contact details: every question marked sensitive, preceded by the yes/no questions its
//     condition depends on (its consent chain: in the default guideline trusted_person →
//     trusted_contact_ok → trusted_contact);
//   - needs: the questions of the section that holds the question with id NeedsQuestion
//     ("needs" in the default guideline), except the sensitive ones and their chains.
//
// # Export
//
// Export is the one entry point the CLI (earlyid export) and the TUI's result screen share:
// it builds and renders the summary, encrypts it when recipients are given, writes it
// atomically without ever overwriting an existing file unless told to, and records the
// export in the session's sharing log (Session.Exports) through the session's store.
package summary
