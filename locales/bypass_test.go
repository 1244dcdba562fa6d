package locales

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repoRoot is the module root, seen from this package's directory (go test runs there).
const repoRoot = ".."

// uiPackages render text for people; every sentence they print must come from the localizer.
var uiPackages = []string{"interview/tui", "interview/plain", "interview/summary", "interview/web", "interview/web/poster", "cmd/earlyid"}

// ignoreMark on a line exempts the literals on it (a sentinel error never shown as is, a
// fixed technical token). Say why next to it.
const ignoreMark = "i18n:ignore"

// goFile is a parsed file with the lines that carry ignoreMark.
type goFile struct {
	path    string
	fset    *token.FileSet
	file    *ast.File
	ignored map[int]bool
}

// parseDir parses the non-test .go files of one directory (not its subdirectories). A
// directory that cannot be read, or holds no Go file, fails the test: a package moved or
// renamed must take the lint with it, not switch it off.
func parseDir(t *testing.T, dir string) []goFile {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%s cannot be checked for text that bypasses the localizer: %v (update uiPackages if the package moved)", filepath.ToSlash(dir), err)
	}
	var out []goFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		out = append(out, parseFile(t, filepath.Join(dir, name)))
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no Go file to check for text that bypasses the localizer (update uiPackages if the package moved)", filepath.ToSlash(dir))
	}
	return out
}

func parseFile(t *testing.T, path string) goFile {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	ign := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, ignoreMark) {
				ign[fset.Position(c.Slash).Line] = true
			}
		}
	}
	return goFile{path: path, fset: fset, file: f, ignored: ign}
}

// outputCall reports whether call prints or builds user-facing text: fmt's Print/Sprint/
// Fprint families and Errorf, errors.New, and the methods that put text on a screen or in a
// writer (lipgloss Style.Render, cobra's Print*, WriteString).
func outputCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg := ""
	if id, ok := sel.X.(*ast.Ident); ok {
		pkg = id.Name
	}
	switch name := sel.Sel.Name; {
	case pkg == "fmt":
		return strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint") ||
			strings.HasPrefix(name, "Sprint") || name == "Errorf" || name == "Appendf"
	case pkg == "errors":
		return name == "New"
	default:
		switch name {
		case "Render", "Print", "Println", "Printf", "PrintErr", "PrintErrln", "PrintErrf", "WriteString":
			return true
		}
	}
	return false
}

var (
	// A format verb (%s, %-10v, %[1]q, %%) or an escape is not prose.
	verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)
	// Prose: two words of two or more letters in a row.
	proseRE = regexp.MustCompile(`\p{L}{2,}[\s,;:]+\p{L}{2,}`)
)

func looksLikeProse(s string) bool {
	return proseRE.MatchString(verbRE.ReplaceAllString(s, " "))
}

// stringLits returns the string literals an argument is built from: itself, or the parts of
// a + concatenation. Literals inside nested calls are their call's business.
func stringLits(e ast.Expr) []*ast.BasicLit {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			return []*ast.BasicLit{e}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return append(stringLits(e.X), stringLits(e.Y)...)
		}
	case *ast.ParenExpr:
		return stringLits(e.X)
	}
	return nil
}

func TestUIPackagesDoNotBypassTheLocalizer(t *testing.T) {
	for _, pkg := range uiPackages {
		for _, gf := range parseDir(t, filepath.Join(repoRoot, filepath.FromSlash(pkg))) {
			ast.Inspect(gf.file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !outputCall(call) {
					return true
				}
				callLine := gf.fset.Position(call.Pos()).Line
				for _, arg := range call.Args {
					for _, lit := range stringLits(arg) {
						pos := gf.fset.Position(lit.Pos())
						if gf.ignored[pos.Line] || gf.ignored[callLine] {
							continue
						}
						s, err := strconv.Unquote(lit.Value)
						if err != nil || !looksLikeProse(s) {
							continue
						}
						t.Errorf("%s:%d: %s prints %s: put the text in locales/active.*.yaml and use l.T, or mark the line //%s",
							filepath.ToSlash(pos.Filename), pos.Line, exprName(call.Fun), lit.Value, ignoreMark)
					}
				}
				return true
			})
		}
	}
}

func exprName(e ast.Expr) string {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return exprName(sel.X) + "." + sel.Sel.Name
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "call"
}

// idRE matches a complete message id with one of the program's prefixes. An id ending in "."
// is a prefix the code completes at run time ("diag."+code) and cannot be checked here.
var idRE = regexp.MustCompile(`^(app|common|cli|interview|tui|plain|score|summary|train|diag|web|poster)(\.[a-z0-9_]+)+$`)

// Every id the code names must exist in English (and so, by the catalogue tests, everywhere):
// the first argument of .T and .N, and of any helper that takes an id first
// (f.usageError("cli.error.x", …)). .N needs a plural message and .T a plain one.
func TestMessageIDsUsedInCodeExist(t *testing.T) {
	en := readCatalogue(t, "en")
	var files []goFile
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != repoRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, parseFile(t, path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, gf := range files {
		ast.Inspect(gf.file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			id, err := strconv.Unquote(lit.Value)
			if err != nil || !idRE.MatchString(id) {
				return true
			}
			pos := gf.fset.Position(lit.Pos())
			if gf.ignored[pos.Line] {
				return true
			}
			where := filepath.ToSlash(pos.Filename) + ":" + strconv.Itoa(pos.Line)
			m, ok := en[id]
			if !ok {
				t.Errorf("%s: message %s is not in locales/active.en.yaml (add it to all four files)", where, id)
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				switch {
				case sel.Sel.Name == "N" && !m.plural:
					t.Errorf("%s: N(%q) but the message has no plural forms; use T or make it plural", where, id)
				case sel.Sel.Name == "T" && m.plural:
					t.Errorf("%s: T(%q) but the message is plural; use N so the right form is chosen", where, id)
				}
			}
			return true
		})
	}
}

func TestLooksLikeProse(t *testing.T) {
	tests := map[string]bool{
		"Could not save the session": true,
		"%s: %s [%s]":                false,
		"%d / %d":                    false,
		"earlyid · %s":               false,
		"\n  %-20s %s":               false,
		"error: %v":                  false,
		"no answer was given to %s":  true,
		"MD-%s":                      false,
		"%s, %s":                     false,
	}
	for s, want := range tests {
		if got := looksLikeProse(s); got != want {
			t.Errorf("looksLikeProse(%q) = %v, want %v", s, got, want)
		}
	}
}
