package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time by make build
// (-ldflags "-X main.version=$(git describe --always --dirty)");
// without it the module's version and VCS stamp are used, when Go
// recorded them.
var version = ""

// versionLine is what --version prints.
func versionLine() string {
	v, rev, cayley := version, "", "?"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/cayleygraph/cayley" {
				cayley = d.Version
			}
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" && rev != "" {
					rev += "-dirty"
				}
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if rev != "" && len(rev) >= 12 {
		v += " " + rev[:12]
	}
	return fmt.Sprintf("nhsgraph %s, %s, Cayley %s, %s/%s", v, runtime.Version(), cayley, runtime.GOOS, runtime.GOARCH)
}
