package guidelines

// LoadWithGaps loads a guideline as LoadBytes does, except that a text missing or empty in
// one of its languages is a warning: the guideline is returned with those texts absent
// from their Text, for a preview that shows the translator what is still to do. Anything
// else that is wrong is still an error, and no guideline is returned. The guideline must
// never run an interview: a question without its text in the interview's language cannot
// be asked.
func LoadWithGaps(name string, data []byte) (*Guideline, Diagnostics) {
	return loadBytesGaps(name, data, nil, true)
}

// isGap reports whether a finding is a translation still to write.
func isGap(d Diagnostic) bool {
	return d.Code == "missing_translation" || d.Code == "empty_translation"
}

// gapsAsWarnings makes every missing or empty translation found so far a warning.
func (l *loader) gapsAsWarnings() {
	for i := range l.diags {
		if isGap(l.diags[i]) {
			l.diags[i].Severity = SevWarning
		}
	}
}
