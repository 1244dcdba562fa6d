package guidelines

import (
	"strings"
)

// The expression library and the YAML parser explain a problem in English, with Go's type
// names. A guideline author reads findings in ro, uk, ru or en and knows the format's words
// (a number, text, a list), not Go's. The functions here turn the messages those libraries
// actually give into Phrases; a message they do not recognise is kept, marked as an English
// detail, rather than lost.

var (
	exprUnexpectedEnd   = lazyRegexp(`^unexpected token EOF$`)
	exprUnexpectedToken = lazyRegexp(`^unexpected token \w+\("(.*)"\)$`)
	exprMismatched      = lazyRegexp(`^invalid operation: (\S+) \(mismatched types (.+) and (.+)\)$`)
	exprMismatchedOne   = lazyRegexp(`^invalid operation: (\S+) \(mismatched type (.+)\)$`)
	exprRuntimeOp       = lazyRegexp(`^invalid operation: (\S+) (\S+) (\S+)$`)
	exprBadArgument     = lazyRegexp(`^invalid argument for (\w+) \(type (.+)\)$`)
	exprNoField         = lazyRegexp(`^type (.+) has no field (\S+)$`)
)

// exprReason turns an expr error message (its first line, without the "(line:col)" expr
// adds) into a Phrase.
func exprReason(msg string) Phrase {
	msg = trimExprPosition(msg)
	if m := exprUnexpectedEnd().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.unexpected_end")
	}
	if m := exprUnexpectedToken().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.unexpected_token", "Token", m[1])
	}
	if m := exprMismatched().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.mismatched", "Op", m[1], "Left", typeWord(m[2]), "Right", typeWord(m[3]))
	}
	if m := exprMismatchedOne().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.mismatched_one", "Op", m[1], "Type", typeWord(m[2]))
	}
	if m := exprRuntimeOp().FindStringSubmatch(msg); m != nil {
		// At run time expr names the operands' types around the operator: "<nil> < int".
		if m[1] == "<nil>" || m[3] == "<nil>" {
			return phrase("diag.expr.nil_operand", "Op", m[2])
		}
		return phrase("diag.expr.mismatched", "Op", m[2], "Left", typeWord(m[1]), "Right", typeWord(m[3]))
	}
	if m := exprBadArgument().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.bad_argument", "Func", m[1], "Type", typeWord(m[2]))
	}
	if m := exprNoField().FindStringSubmatch(msg); m != nil {
		return phrase("diag.expr.no_field", "Type", typeWord(m[1]), "Field", m[2])
	}
	return phrase("diag.reason.detail", "Detail", msg)
}

var exprPositionRe = lazyRegexp(` \(\d+:\d+\)$`)

// trimExprPosition keeps the first line of an expr message and drops the "(1:5)" position
// expr appends: the finding has the position in the file instead.
func trimExprPosition(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	return exprPositionRe().ReplaceAllString(strings.TrimSpace(msg), "")
}

// typeWord names a Go type, as expr prints it, in the format's words.
func typeWord(goType string) Phrase {
	switch t := strings.TrimSpace(goType); {
	case t == "float64" || t == "float32" || t == "int" || t == "int64" || t == "int32" ||
		t == "uint" || t == "uint64" || t == "uint32":
		return phrase("diag.type.number")
	case t == "string":
		return phrase("diag.type.text")
	case t == "bool":
		return phrase("diag.type.yesno")
	case strings.HasPrefix(t, "[]"):
		return phrase("diag.type.list")
	case t == "unknown" || t == "interface {}" || t == "interface{}" || t == "any":
		return phrase("diag.type.unknown")
	case t == "<nil>" || t == "nil":
		return phrase("diag.type.nil")
	default:
		return phrase("diag.type.other", "Name", t)
	}
}

// yamlReasons maps yaml.v3's messages (parserc.go, scannerc.go) to Phrases.
var yamlReasons = map[string]Phrase{
	"did not find expected ',' or '}'":                             phrase("diag.yaml.missing_comma", "Close", "}"),
	"did not find expected ',' or ']'":                             phrase("diag.yaml.missing_comma", "Close", "]"),
	"did not find expected key":                                    phrase("diag.yaml.expected_key"),
	"did not find expected node content":                           phrase("diag.yaml.missing_value"),
	"did not find expected '-' indicator":                          phrase("diag.yaml.expected_dash"),
	"block sequence entries are not allowed in this context":       phrase("diag.yaml.dash_not_allowed"),
	"mapping values are not allowed in this context":               phrase("diag.yaml.colon_not_allowed"),
	"could not find expected ':'":                                  phrase("diag.yaml.missing_colon"),
	"found character that cannot start any token":                  phrase("diag.yaml.bad_start"),
	"found unexpected end of stream":                               phrase("diag.yaml.unexpected_end"),
	"found unknown escape character":                               phrase("diag.yaml.bad_escape"),
	"found a tab character that violates indentation":              phrase("diag.yaml.tab"),
	"found a tab character where an indentation space is expected": phrase("diag.yaml.tab"),
}

var yamlTooDeep = lazyRegexp(`^exceeded max depth of \d+$`)

// yamlReason turns a yaml.v3 message (without its "yaml: line N:" prefix) into a Phrase.
func yamlReason(msg string) Phrase {
	if p, ok := yamlReasons[msg]; ok {
		return p
	}
	if yamlTooDeep().MatchString(msg) {
		return phrase("diag.yaml.too_deep")
	}
	return phrase("diag.reason.detail", "Detail", msg)
}
