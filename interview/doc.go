// Package interview is the interview engine: what to ask now, answers and notes, Back and
// jumps, which questions still apply, progress, review, the result — and the sessions that
// hold all of it and the stores that keep them. It has no UI: the TUI (interview/tui) and the
// plain line mode (interview/plain) are thin front ends over an Engine, so both reach the
// same result for the same answers, and so does `earlyid score` on the same answers.
//
// # Using the engine
//
//	s, _ := interview.NewSession(g, "", interview.ModeTraining, "uk", "ro", time.Now())
//	e, _ := interview.New(g, s, store)
//	e.Start()                        // setup → first applicable unanswered question
//	for e.Current().Question != nil {
//		st := e.Current()            // Stage, Section, Role, Question, Value, Note
//		err := e.Answer(v)           // *AnswerError: explain (interview.error.<Kind>), ask again
//		if e.PauseSuggested() { … }  // safety check: postpone (Quit) or ContinueAnyway
//		if e.SaveError() != nil { … } // show a warning; the interview goes on in memory
//	}
//	// Stage review: e.Review(), e.Goto(id) to change an answer, then
//	a, _ := e.Finish()               // *indicators.Assessment; Stage result
//
// Which questions apply is always guidelines.Guideline.Resolve (file order), recomputed
// after every change. Answers to questions that stop applying are kept — they apply again
// if the change is undone — marked in Review and ignored by scoring.
//
// Every change is saved through the Store before the method returns.
//
// The rules every front end shares live here too: ForInterviewer says who a question is
// for (observations and the safety check are the interviewer's), ParseInput reads a typed
// answer, and YesNo and IsYesWord know the words for yes and no in every UI language.
//
// # Data folder
//
//	DATA                          (DataDirFrom) $EARLYID_DATA_DIR, else per platform:
//	                              Linux/BSD  $XDG_DATA_HOME/earlyid or ~/.local/share/earlyid
//	                              macOS      ~/Library/Application Support/earlyid
//	                              Windows    %LocalAppData%\earlyid
//	DATA/training/<CODE>.json     training sessions, plaintext (TrainingStore)
//	DATA/sessions/<CODE>.age      real sessions, encrypted (the encrypted store)
//
// Folders are 0700, files 0600; every file is replaced atomically (WriteFileAtomic).
package interview
