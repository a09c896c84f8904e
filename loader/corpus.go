package loader

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// File is one document to extract: its name and bytes.
type File struct {
	Name string
	Data []byte
}

// Corpus is what a set of documents yields together. Each document's
// quads are merged into Quads as it is read, so a Result in Results has no
// Quads of its own: the corpus does not hold every quad twice.
type Corpus struct {
	Results []*Result
	Errors  []error // one per file that could not be read; the rest still load
	Quads   []quad.Quad
}

// ExtractAll reads every file, makes one node of each real thing the
// documents name, then links figures that disagree across documents. A
// file that fails is reported in Errors and skipped. With more than one
// CPU (GOMAXPROCS) documents are read in parallel; the result is the same.
func (x *Extractor) ExtractAll(files []File) *Corpus {
	c := &Corpus{}
	docs := make([]*docState, len(files))
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				docs[i], errs[i] = x.read(files[i].Name, files[i].Data)
				if docs[i] != nil {
					docs[i].finish()
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var ok []*docState
	for i, d := range docs {
		if errs[i] != nil {
			c.Errors = append(c.Errors, errs[i])
			continue
		}
		ok = append(ok, d)
	}
	b := newCorpusBuilder(ok)
	c.Quads = b.quads()
	for _, d := range ok {
		r := d.result()
		r.Outcomes = b.outcomes[d]
		c.Results = append(c.Results, r)
	}
	c.Quads = append(c.Quads, Conflicts(c.Results)...)
	return c
}

// Conflicts links outcome figures for the same measure that differ between
// documents (55m against just under 57m Summary Care Records) with
// nhs:conflictsWith in both directions. Figures further apart than a
// quarter are taken to be different measures, not a disagreement.
func Conflicts(results []*Result) []quad.Quad {
	var all []OutcomeInfo
	for _, r := range results {
		all = append(all, r.Outcomes...)
	}
	slices.SortStableFunc(all, func(a, b OutcomeInfo) int { return strings.Compare(a.Unit, b.Unit) })
	var out []quad.Quad
	seen := map[[2]quad.IRI]bool{}
	end := 0 // the end of the run of figures in all[i]'s unit
	for i := range all {
		if i == end {
			for end = i + 1; end < len(all) && all[end].Unit == all[i].Unit; end++ {
			}
		}
		if all[i].Unit == "" {
			continue
		}
		for j := i + 1; j < end; j++ {
			a, b := all[i], all[j]
			// the figures first: most pairs are the same figure or far apart
			if a.Value == b.Value || math.Abs(a.Value-b.Value) > math.Max(a.Value, b.Value)/4 {
				continue
			}
			if a.Doc == b.Doc || a.IRI == b.IRI || compatible(a, b) {
				continue
			}
			if seen[[2]quad.IRI{a.IRI, b.IRI}] {
				continue
			}
			seen[[2]quad.IRI{a.IRI, b.IRI}], seen[[2]quad.IRI{b.IRI, a.IRI}] = true, true
			out = append(out,
				quad.Quad{Subject: a.IRI, Predicate: graph.ConflictsWith, Object: b.IRI, Label: a.Label},
				quad.Quad{Subject: b.IRI, Predicate: graph.ConflictsWith, Object: a.IRI, Label: b.Label})
		}
	}
	return out
}

// interval is the range of values a hedged figure allows: "over 40,000"
// allows 42,000; "just under 57m" does not allow 55m.
func interval(o OutcomeInfo) (lo, hi float64) {
	x := o.Value
	switch o.Hedge {
	case "over", "more than", "+", "at least":
		return x, x * 1.25
	case "just under":
		return x * 0.97, x
	case "almost", "nearly":
		return x * 0.95, x
	case "under", "up to":
		return x * 0.8, x
	case "around", "about":
		return x * 0.95, x * 1.05
	}
	return x, x
}

// compatible reports whether two figures can both be true.
func compatible(a, b OutcomeInfo) bool {
	alo, ahi := interval(a)
	blo, bhi := interval(b)
	return alo <= bhi && blo <= ahi
}
