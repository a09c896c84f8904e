// Package nhsgraph holds the default corpus: the seed documents about NHSX
// that every nhsgraph binary carries, so it runs from any directory.
//
// The service itself is in cmd/nhsgraph; the store in graph, the loader in
// loader, queries in query and HTTP in web.
package nhsgraph

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed seeds/*.txt
var seedFS embed.FS

// SeedFile is one built-in document.
type SeedFile struct {
	Name string
	Data []byte
}

// Seeds returns the built-in documents in name order.
func Seeds() []SeedFile {
	names, _ := fs.Glob(seedFS, "seeds/*.txt")
	sort.Strings(names)
	out := make([]SeedFile, 0, len(names))
	for _, n := range names {
		b, _ := seedFS.ReadFile(n)
		out = append(out, SeedFile{Name: n[len("seeds/"):], Data: b})
	}
	return out
}
