package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenWritesALoadableGraph(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synth.nq.gz")
	_, stderr, err := runCmd(t, "gen", "--quads", "20000", "--seed", "3", "--out", path)
	if err != nil || !strings.Contains(stderr, "quads to") {
		t.Fatalf("gen: %v %s", err, stderr)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() < 10000 {
		t.Fatalf("output: %v", err)
	}
	// It loads, and it holds what the analyst questions need: funds that
	// fund programmes that achieve outcomes, and NHSX at the centre.
	out, _, err := runCmd(t, "query", "--no-seeds", "--load", path, "--limit", "1",
		`g.V().has("<rdf:type>", "<nhs:Fund>").out("<nhs:funds>").out("<nhs:achieved>").has("<rdf:type>", "<nhs:Outcome>").all()`)
	if err != nil || !strings.Contains(out, "nhs:outcome/") {
		t.Fatalf("query on the generated graph: %v %s", err, out)
	}
	out, _, err = runCmd(t, "query", "--no-seeds", "--load", path, `g.emit(g.V("<nhs:org/nhsx>").both().count())`)
	if err != nil || strings.Contains(out, "[0]") {
		t.Errorf("NHSX should be a hub: %v %s", err, out)
	}
	// The same seed gives the same bytes.
	again := filepath.Join(t.TempDir(), "again.nq")
	first := filepath.Join(t.TempDir(), "first.nq")
	runCmd(t, "gen", "--quads", "3000", "--out", first)
	runCmd(t, "gen", "--quads", "3000", "--out", again)
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(again)
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("two runs with one seed differ (%d and %d bytes)", len(a), len(b))
	}
}
