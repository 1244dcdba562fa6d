package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// version is the release version, set at build time:
//
//	go build -ldflags "-X main.version=v1.2.0" ./cmd/earlyid
//
// When empty, the module version recorded by `go install ...@version` is used, else "dev".
var version = ""

// buildVersion returns the version to show.
func buildVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
}

// versionOf returns the version set at build time when there is one, else the module
// version in bi (nil when the binary has no build information), else "dev": a build from
// a checkout records "(devel)", which tells a user nothing.
func versionOf(ldflags string, bi *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// versionOptions holds the version command's dependencies.
type versionOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Embedded  func() ([]guidelines.Info, error)
}

func newVersionCmd(f *factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{IO: f.IO, Localizer: f.Localizer, Embedded: guidelines.EmbeddedInfo}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of earlyid and of its built-in guidelines",
		Long: `Print the version of earlyid, the Go version it was built with, and the id and version of
each built-in guideline. Quote this when reporting a problem or recording which tool and
guideline produced a result.`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOr(runF, opts, func() error { return runVersion(opts) })
		},
	}
}

func runVersion(opts *versionOptions) error {
	l := opts.Localizer()
	var gs []string
	embedded, _ := opts.Embedded() // version must print even from a build with a broken guideline
	for _, g := range embedded {
		gs = append(gs, g.ID+" "+g.Version)
	}
	_, err := fmt.Fprintf(opts.IO.Out, "earlyid %s\n%s %s/%s\n%s %s\n",
		buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		l.T("cli.version.guidelines", nil), strings.Join(gs, ", "))
	return err
}
