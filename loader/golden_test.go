package loader

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./loader -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (run go test ./loader -update if the change is intended)\n got: %s\nwant: %s", path, i+1, g, w)
			}
		}
	}
}

func seedFiles(t *testing.T) []File {
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(paths) != 5 {
		t.Fatalf("want the 5 seed documents in ../seeds, found %d", len(paths))
	}
	var files []File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: filepath.Base(p), Data: b})
	}
	return files
}

func nquads(t *testing.T, c *Corpus) []byte {
	var buf bytes.Buffer
	if err := graph.WriteNQuads(&buf, c.Quads, false); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenSeeds pins what extract writes for the seeds.
func TestGoldenSeeds(t *testing.T) {
	c := New().ExtractAll(seedFiles(t))
	if len(c.Errors) > 0 {
		t.Fatal(c.Errors)
	}
	golden(t, "seeds.nq.golden", nquads(t, c))
}

// TestGoldenOwnDocuments pins the output for the documents the team wrote
// to keep the rules honest about text they were not written for.
func TestGoldenOwnDocuments(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	md, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	paths = append(paths, md...)
	if len(paths) == 0 {
		t.Fatal("no documents in testdata/")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, _ := os.ReadFile(p)
			c := New().ExtractAll([]File{{Name: filepath.Base(p), Data: b}})
			if len(c.Errors) > 0 {
				t.Fatal(c.Errors)
			}
			golden(t, filepath.Base(p)+".nq.golden", nquads(t, c))
		})
	}
}
