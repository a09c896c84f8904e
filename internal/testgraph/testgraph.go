// Package testgraph opens real stores loaded with known data for tests:
// Cayley's own example graph (data/testdata.nq from the cayley module) and
// the graph of nhsgraph's seeds.
//
// The seeds graph is a checked-in N-Quads fixture (testdata/seeds.nq), made
// by the loader and refreshed on purpose with
//
//	go test ./internal/testgraph -update
//
// so that the query and web tests built on it fail only for their own
// reasons, never because the loader changed. The loader's own golden files
// (loader/testdata) are what check the loader.
package testgraph

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
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

// SeedsFixture is the path of the checked-in seeds graph.
func SeedsFixture() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "seeds.nq")
}

// Seeds opens a memory store holding the seeds graph fixture.
func Seeds(t testing.TB) *graph.Store {
	t.Helper()
	return SeedsIn(t, graph.Config{Backend: graph.BackendMemory})
}

// SeedsIn opens the store cfg names and imports the seeds graph fixture.
func SeedsIn(t testing.TB, cfg graph.Config) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, _, err := s.ImportFile(context.Background(), SeedsFixture(), nil); err != nil {
		t.Fatal(err)
	}
	return s
}
