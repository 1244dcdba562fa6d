package main

import (
	"strings"

	"github.com/earlyid/earlyid/interview"
)

// A case code is read aloud, copied by hand and typed on phones: the commands that look a
// session up (resume, export, sessions show, delete and follow-up, debrief, simulate --case
// of a stored session) take it in any case and name it in its one written form, as
// generated (MD-7K3Q-2PXA). A new code given to interview --case stays strict: lower case
// there is what a name typed by habit looks like.

// caseCodeArg reads a command's CODE (or CODE|FILE) argument as a case code in canonical
// form: upper case, without surrounding spaces. ok is false for a path (a separator or a
// dot) and for anything with characters no code has.
func caseCodeArg(arg string) (code string, ok bool) {
	if strings.ContainsAny(arg, `/\.`) {
		return "", false
	}
	code = strings.ToUpper(strings.TrimSpace(arg))
	if code == "" {
		return "", false
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return "", false
		}
	}
	return code, true
}

// sessionArg is a CODE|FILE argument as the commands use it: a case code in canonical
// form, or the path as given.
func sessionArg(arg string) string {
	if code, ok := caseCodeArg(arg); ok {
		return code
	}
	return arg
}

// resolveCode returns the canonical form of a command's CODE argument, or the usage error
// that says why it cannot be a case code in any case (a name: no digit, a space). Whether a
// session has the code is for the caller to find out, and to say with noSession.
func resolveCode(f *factory, arg string) (string, error) {
	code, ok := caseCodeArg(arg)
	if !ok {
		code = arg
	}
	if err := validateCodeArg(f, code); err != nil {
		return "", err
	}
	return code, nil
}

// noSession is the error for a case code no saved session has, naming it as given.
func noSession(f *factory, code string) error {
	return &cliError{code: exitFailure, err: interview.ErrNotFound, msg: f.Localizer().T("cli.error.session_not_found", map[string]any{"Code": code})}
}
