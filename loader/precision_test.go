package loader

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The precision sample: 100 relation edges drawn at random (by the hash of
// their document, sentence and edge) from the
// graphs of the seeds and the dev set, each with the sentence it came from
// and a verdict given by a person who read the sentence: right (the
// sentence supports the edge as a reader would state it), partly (the
// relation is there but an end is cut short, too long or a little off) or
// wrong (the sentence does not support it). Precision is the share judged
// right. -resample draws a new sample, keeping the verdicts of edges judged
// before; new edges need a verdict before the test passes again.

var resample = flag.Bool("resample", false, "draw a new precision sample into testdata/precision.json, keeping verdicts already given")

const precisionFile = "testdata/precision.json"

// judgedEdge is one edge of the sample.
type judgedEdge struct {
	Doc      string `json:"doc"`
	Sentence string `json:"sentence"`
	Edge     string `json:"edge"`
	Rule     string `json:"rule"`
	Verdict  string `json:"verdict"` // right, partly or wrong
	Note     string `json:"note,omitempty"`
}

// sampledEdges are the relation edges of the seeds and the dev set, in a
// fixed order: every fact but the about links, which only say that a
// description names something.
func sampledEdges(t *testing.T) []judgedEdge {
	t.Helper()
	paths, _ := filepath.Glob("../seeds/*.txt")
	dev, _ := filepath.Glob("testdata/devset/*.txt")
	var out []judgedEdge
	x := New()
	for _, p := range append(paths, dev...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.read(filepath.Base(p), b)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.facts {
			if f.p == graph.About {
				continue
			}
			out = append(out, judgedEdge{Doc: filepath.Base(p), Sentence: d.sents[max(f.sent, 0)].Text,
				Edge: fmt.Sprintf("%s --%s--> %s", nodeLabel(f.s), shortPredicate(f.p), nodeLabel(f.o)), Rule: f.rule})
		}
	}
	return out
}

// TestPrecisionSample checks the judged sample: every edge has a verdict,
// the share judged right is at least 0.90, and the sample still stands for
// the loader (at least 90 of its edges are still made).
func TestPrecisionSample(t *testing.T) {
	edges := sampledEdges(t)
	key := func(e judgedEdge) string { return e.Doc + "\x00" + e.Sentence + "\x00" + e.Edge }
	if *resample {
		old := map[string]judgedEdge{}
		if b, err := os.ReadFile(precisionFile); err == nil {
			var prev []judgedEdge
			if err := json.Unmarshal(b, &prev); err != nil {
				t.Fatal(err)
			}
			for _, e := range prev {
				old[key(e)] = e
			}
		}
		// the 100 edges whose keys hash lowest: a random sample that keeps
		// its edges when the loader changes others
		pool := slices.Clone(edges)
		hash := func(e judgedEdge) uint64 {
			h := fnv.New64a()
			h.Write([]byte(key(e)))
			return h.Sum64()
		}
		slices.SortFunc(pool, func(a, b judgedEdge) int { return cmp.Compare(hash(a), hash(b)) })
		pool = slices.CompactFunc(pool, func(a, b judgedEdge) bool { return key(a) == key(b) })
		sample := pool[:min(100, len(pool))]
		for i, e := range sample {
			if o, ok := old[key(e)]; ok {
				sample[i].Verdict, sample[i].Note = o.Verdict, o.Note
			}
		}
		b, _ := json.MarshalIndent(sample, "", "  ")
		if err := os.WriteFile(precisionFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(precisionFile)
	if err != nil {
		t.Fatal(err)
	}
	var sample []judgedEdge
	if err := json.Unmarshal(b, &sample); err != nil {
		t.Fatal(err)
	}
	if len(sample) != 100 {
		t.Fatalf("%d edges in the sample, want 100", len(sample))
	}
	count := map[string]int{}
	for _, e := range sample {
		switch e.Verdict {
		case "right", "partly", "wrong":
			count[e.Verdict]++
		default:
			t.Errorf("no verdict for %q (from %q)", e.Edge, e.Sentence)
		}
	}
	made := map[string]bool{}
	for _, e := range edges {
		made[key(e)] = true
	}
	still := 0
	for _, e := range sample {
		if made[key(e)] {
			still++
		}
	}
	precision := float64(count["right"]) / float64(len(sample))
	t.Logf("precision %.2f: %d right, %d partly, %d wrong of %d; %d of the edges still made", precision, count["right"], count["partly"], count["wrong"], len(sample), still)
	if precision < 0.90 {
		t.Errorf("precision %.2f, want at least 0.90", precision)
	}
	if still < 90 {
		t.Errorf("only %d of the judged edges are still made: draw a new sample (-resample) and judge it", still)
	}
}
