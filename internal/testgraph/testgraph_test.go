package testgraph

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph"
	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

var update = flag.Bool("update", false, "rewrite testdata/seeds.nq from the loader's graph of the seeds")

// TestSeedsFixture checks that the fixture loads into a store as a graph of
// the seeds (every seed document is in it), and with -update rewrites it
// from what the loader makes of the seeds now.
func TestSeedsFixture(t *testing.T) {
	if *update {
		var files []loader.File
		for _, f := range nhsgraph.Seeds() {
			files = append(files, loader.File{Name: f.Name, Data: f.Data})
		}
		c := loader.New().ExtractAll(files)
		if len(c.Errors) > 0 {
			t.Fatal(c.Errors)
		}
		var buf bytes.Buffer
		if err := graph.WriteNQuads(&buf, c.Quads, false); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(SeedsFixture(), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := Seeds(t)
	for _, f := range nhsgraph.Seeds() {
		doc := graph.DocIRI(strings.TrimSuffix(f.Name, filepath.Ext(f.Name)))
		if !s.Has(doc, quad.IRI("rdf:type"), quad.IRI("nhs:Document")) {
			t.Errorf("the fixture has no document for the seed %s (run go test ./internal/testgraph -update)", f.Name)
		}
	}
}

// TestQueryAndWebTestsUseTheFixture keeps the tests of the query packages
// and of web off the loader: they read the fixture, so a loader change
// fails only the loader's own tests (and this fixture's, until -update).
func TestQueryAndWebTestsUseTheFixture(t *testing.T) {
	out, err := exec.Command("go", "list", "-test", "-deps", "../../query/...", "../../web").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/nhsgraph/nhsgraph/loader" {
			t.Errorf("the query or web tests link the loader")
		}
	}
}
