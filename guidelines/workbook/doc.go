// Package workbook converts a guideline to a spreadsheet workbook (.xlsx) in the layout of
// XLSForm, the format of ODK and KoboToolbox, and back: authors and translators who work in
// Excel or LibreOffice edit the workbook, and earlyid reads the YAML it converts to.
//
// The questionnaire is on the sheets an XLSForm author knows (survey, choices, settings);
// what XLSForm has no place for has a sheet of its own (profiles, dimensions, indicators,
// element_positive, outcomes, flags, referrals, privacy). A translated text has one column
// per language, named like XLSForm's: label::English (en). The conversion is lossless: a
// guideline converted to a workbook and back loads to the same model.
//
// Reading keeps where each value came from, so that every finding about the result, the
// loader's included, names its cell (survey!D14) instead of a line of a YAML file the
// author never saw.
package workbook
