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

// ExtractAll reads every file, then links figures that disagree across
// documents. A file that fails is reported in Errors and skipped. With more
// than one CPU (GOMAXPROCS) documents are read in parallel; they are merged
// in the order of files, so the result is the same.
func (x *Extractor) ExtractAll(files []File) *Corpus {
	c := &Corpus{}
	t := newTidier()
	ids := make(map[string]bool, len(files))
	// Every quad a document labels, or says of its own document and sentence
	// nodes, is unique to it while no two documents share an id, and its
	// subject's name and type are settled (by the document's own tidy): only
	// the others (entities, dates) can repeat or be renamed across documents.
	local := func(q quad.Quad) bool {
		if q.Label != nil {
			return true
		}
		s, ok := q.Subject.(quad.IRI)
		return ok && strings.HasPrefix(string(s), "nhs:doc/")
	}
	total, read := 0, 0
	for _, f := range files {
		total += len(f.Data)
	}
	x.extractEach(files, func(i int, r *Result, err error) {
		read += len(files[i].Data)
		if err != nil {
			c.Errors = append(c.Errors, err)
			return
		}
		if ids[r.DocID] && local != nil {
			local = nil // two files, one id: from here on every quad is looked up
			t.seeAll(c.Quads)
		}
		ids[r.DocID] = true
		c.Results = append(c.Results, r)
		c.Quads = growFor(c.Quads, len(r.Quads), read, total)
		c.Quads = t.add(c.Quads, r.Quads, local, false)
		r.Quads = nil
	})
	c.Quads = t.add(c.Quads, Conflicts(c.Results), local, false)
	return c
}

// growFor makes room in quads for n more, read bytes of total into the
// corpus. Until a sixteenth of the corpus is read it grows as append does;
// from then on, when it must grow, it grows to what the rest of the corpus
// will need at the rate so far and a twentieth more, not to double its
// size, which would copy it many times over and leave up to half of it
// unused. (Guessing from the first document alone left a quarter unused.)
func growFor(quads []quad.Quad, n, read, total int) []quad.Quad {
	if cap(quads)-len(quads) >= n {
		return quads
	}
	want := len(quads) + n
	if read > 0 && read >= total/16 {
		want = max(want, int(float64(want)/float64(read)*float64(total)*1.05))
	} else {
		want = max(want, 2*cap(quads))
	}
	return slices.Grow(quads, want-len(quads))
}

// extractEach extracts every file and calls merge with each result (and
// the file's index) in the order of files, from the calling goroutine. The
// result's Quads hold only until merge returns. Up to GOMAXPROCS documents
// are read at once, and no more than a few results wait to be merged.
func (x *Extractor) extractEach(files []File, merge func(int, *Result, error)) {
	workers := min(runtime.GOMAXPROCS(0), len(files))
	if workers <= 1 {
		for i, f := range files {
			r, sc, err := x.extract(f.Name, f.Data)
			merge(i, r, err)
			if sc != nil {
				x.scratch.Put(sc)
			}
		}
		return
	}
	type done struct {
		r   *Result
		sc  *scratch
		err error
	}
	results := make([]chan done, len(files))
	for i := range results {
		results[i] = make(chan done, 1)
	}
	ahead := make(chan struct{}, 4*workers) // results read but not merged yet
	todo := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range todo {
				r, sc, err := x.extract(files[i].Name, files[i].Data)
				results[i] <- done{r, sc, err}
			}
		})
	}
	go func() {
		defer close(todo)
		for i := range files {
			ahead <- struct{}{}
			todo <- i
		}
	}()
	for i := range files {
		d := <-results[i]
		merge(i, d.r, d.err)
		if d.sc != nil {
			x.scratch.Put(d.sc)
		}
		<-ahead
	}
	wg.Wait()
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

// tidier removes repeated quads and keeps one canonical name per node: a
// second spelling of a name (the same IRI reached from "Digital Aspirant
// Programme" and "Digital Aspirant programme") becomes an alternate name.
type tidier struct {
	seen  *quadIndex // of the quads kept (out, or the list given to seeAll)
	named valueMap
	typed valueMap
}

func newTidier() *tidier {
	return &tidier{seen: newQuadIndex(0), named: newValueMap(), typed: newValueMap()}
}

// add appends to out the quads of in that are new, after any it was given
// before. once, if not nil, reports quads the caller knows occur only once
// in all it gives, which need no look-up in the set of quads seen; unless
// renames is set, their subjects' names and types are known to be settled
// too, and they are kept as they are. out may be in[:0], to tidy in place.
func (t *tidier) add(out, in []quad.Quad, once func(quad.Quad) bool, renames bool) []quad.Quad {
	for _, q := range in {
		if !renames && once != nil && once(q) {
			out = append(out, q)
			continue
		}
		switch q.Predicate {
		case graph.Name:
			if n, ok := t.named.get(q.Subject); ok && n != q.Object {
				q.Predicate = graph.AlternateName
			} else {
				t.named.set(q.Subject, q.Object)
			}
		case graph.RDFType:
			if ty, ok := t.typed.get(q.Subject); ok && ty != q.Object {
				continue // the first type wins; IRIs carry their kind
			}
			t.typed.set(q.Subject, q.Object)
		}
		if once == nil || !once(q) {
			h := t.seen.hash(q)
			if t.seen.has(out, q, h) {
				continue
			}
			t.seen.add(h, len(out))
		}
		out = append(out, q)
	}
	return out
}

// seeAll records quads already kept that add was told occur once: the
// quads themselves, and the first name and type of their subjects. quads
// is all that was kept, and the list later calls of add append to.
func (t *tidier) seeAll(quads []quad.Quad) {
	t.seen.reset()
	for i, q := range quads {
		t.seen.add(t.seen.hash(q), i)
		switch q.Predicate {
		case graph.Name:
			if _, ok := t.named.get(q.Subject); !ok {
				t.named.set(q.Subject, q.Object)
			}
		case graph.RDFType:
			if _, ok := t.typed.get(q.Subject); !ok {
				t.typed.set(q.Subject, q.Object)
			}
		}
	}
}

// tidy is a tidier's add over one list, in place.
func tidy(quads []quad.Quad, once func(quad.Quad) bool) []quad.Quad {
	return newTidier().add(quads[:0], quads, once, true)
}

// reset empties t for another list, keeping its maps' space: a document's
// tidy reuses the last document's tidier instead of making three maps.
func (t *tidier) reset() *tidier {
	t.seen.reset()
	t.named.clear()
	t.typed.clear()
	return t
}

// onlyAliasesRepeat is the once of tidy for a list without repeats: only
// an alternate name (a renamed second name among them) can repeat.
func onlyAliasesRepeat(q quad.Quad) bool { return q.Predicate != graph.AlternateName }
