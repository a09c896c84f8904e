// Package testgraph opens real stores loaded with known data for tests:
// Cayley's own example graph (data/testdata.nq from the cayley module) and
// nhsgraph's seeds.
package testgraph

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nhsgraph/nhsgraph"
	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

var (
	dirOnce sync.Once
	dir     string
	dirErr  error
)

// CayleyDir is the cayley module's directory in the module cache.
func CayleyDir(t testing.TB) string {
	t.Helper()
	dirOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
		if err != nil {
			dirErr = err
			return
		}
		dir = strings.TrimSpace(string(out))
	})
	if dirErr != nil || dir == "" {
		t.Fatalf("cannot find the cayley module (run go mod download): %v", dirErr)
	}
	return dir
}

// CayleyData is the path of a file under the cayley module's data/.
func CayleyData(t testing.TB, name string) string {
	p := filepath.Join(CayleyDir(t), "data", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("cayley data file: %v", err)
	}
	return p
}

// Cayley opens a memory store holding Cayley's example graph.
func Cayley(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ImportFile(context.Background(), CayleyData(t, "testdata.nq"), nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Seeds opens a memory store holding the extracted seed documents.
func Seeds(t testing.TB) *graph.Store {
	t.Helper()
	return SeedsIn(t, graph.Config{Backend: graph.BackendMemory})
}

// SeedsIn opens the store cfg names and adds the extracted seed documents.
func SeedsIn(t testing.TB, cfg graph.Config) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var files []loader.File
	for _, f := range nhsgraph.Seeds() {
		files = append(files, loader.File{Name: f.Name, Data: f.Data})
	}
	c := loader.New().ExtractAll(files)
	if len(c.Errors) > 0 {
		t.Fatal(c.Errors)
	}
	if _, err := s.Add(context.Background(), c.Quads); err != nil {
		t.Fatal(err)
	}
	return s
}
