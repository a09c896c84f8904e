package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph"
	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

func (sf *storeFlags) open(ctx context.Context) (*graph.Store, error) {
	return graph.Open(ctx, graph.Config{Backend: sf.backend(), Path: sf.dbpath})
}

// loadReport says what a load did, for the log line.
type loadReport struct {
	Documents, Skipped int
	QuadsRead, Added   int64
	Failed             []string
	Took               time.Duration
}

func (r loadReport) String() string {
	s := fmt.Sprintf("%d documents (%d already loaded), %d quads read, %d added in %s",
		r.Documents, r.Skipped, r.QuadsRead, r.Added, r.Took.Round(time.Millisecond))
	if len(r.Failed) > 0 {
		s += fmt.Sprintf("; %d files failed: %s", len(r.Failed), strings.Join(r.Failed, "; "))
	}
	return s
}

// loader loads documents and N-Quads files into a store, once: a document
// whose exact bytes the store already holds is skipped, and quads already
// present are not added again.
type docLoader struct {
	store    *graph.Store
	x        *loader.Extractor
	progress io.Writer // nil: quiet
	terminal bool      // progress is a terminal: rewrite one line
}

// loadFlagged loads what the store flags name: the seeds unless --no-seeds,
// then the --load files.
func (l *docLoader) loadFlagged(ctx context.Context, sf *storeFlags, rep *loadReport) error {
	if !sf.noSeeds {
		if err := l.loadDocs(ctx, seedFiles(), rep); err != nil {
			return fmt.Errorf("loading the seeds: %w", err)
		}
	}
	return l.loadPaths(ctx, sf.loads, rep)
}

// seedFiles are the built-in documents as loader files.
func seedFiles() []loader.File {
	var out []loader.File
	for _, s := range nhsgraph.Seeds() {
		out = append(out, loader.File{Name: s.Name, Data: s.Data})
	}
	return out
}

// loadPaths loads files named on the command line; each failure is
// reported and the rest still load.
func (l *docLoader) loadPaths(ctx context.Context, paths []string, rep *loadReport) error {
	defer loadingHeap()()
	var docs []loader.File
	for _, p := range paths {
		switch {
		case strings.HasSuffix(p, ".nq") || strings.HasSuffix(p, ".nq.gz"):
			start := time.Now()
			read, added, err := l.store.ImportFile(ctx, p, l.progressFunc(p))
			rep.QuadsRead += read
			rep.Added += added
			l.done("%s: %d quads read, %d added in %s", filepath.Base(p), read, added, time.Since(start).Round(time.Millisecond))
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				rep.Failed = append(rep.Failed, err.Error())
			}
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				rep.Failed = append(rep.Failed, err.Error())
				continue
			}
			docs = append(docs, loader.File{Name: p, Data: b}) // the loader names it by its base name
		}
	}
	return l.loadDocs(ctx, docs, rep)
}

// loadDocs extracts documents together (so figures that disagree across
// them are linked) and adds their quads.
func (l *docLoader) loadDocs(ctx context.Context, docs []loader.File, rep *loadReport) error {
	if len(docs) == 0 {
		return nil
	}
	docs, err := l.sameIdentities(ctx, docs, rep)
	if err != nil || len(docs) == 0 {
		return err
	}
	start := time.Now()
	size := 0
	for _, d := range docs {
		size += len(d.Data)
	}
	if l.progress != nil {
		fmt.Fprintf(l.progress, "reading %d documents (%d KiB)\n", len(docs), size>>10)
	}
	defer func(added int64) {
		l.done("%d documents read: %d added quads in %s", len(docs), rep.Added-added, time.Since(start).Round(time.Millisecond))
	}(rep.Added)
	c := l.x.ExtractAll(docs)
	for _, err := range c.Errors {
		rep.Failed = append(rep.Failed, err.Error())
	}
	rep.QuadsRead += int64(len(c.Quads))
	fresh := 0
	for _, r := range c.Results {
		rep.Documents++
		if l.store.Has(r.DocIRI, graph.SHA256, quad.String(r.SHA256)) {
			rep.Skipped++
			continue
		}
		fresh++
	}
	if fresh == 0 {
		return nil
	}
	for start := 0; start < len(c.Quads); start += graph.ImportBatch {
		end := min(start+graph.ImportBatch, len(c.Quads))
		n, err := l.store.Add(ctx, c.Quads[start:end])
		rep.Added += int64(n)
		if err != nil {
			return err
		}
	}
	return nil
}

// sameIdentities drops, as failed, each document that would be merged
// into another under one IRI: one whose name the store holds with other
// content, or a second file of the same name with other content in this
// load (a/report.txt and b/report.txt). A document is its name and its
// bytes; merged, a sentence would have two texts and the evidence offsets
// would point into the wrong one.
func (l *docLoader) sameIdentities(ctx context.Context, docs []loader.File, rep *loadReport) ([]loader.File, error) {
	type first struct{ name, sum string }
	seen := make(map[quad.IRI]first, len(docs))
	keep := docs[:0:0]
	for _, d := range docs {
		iri := graph.DocIRI(loader.DocID(d.Name))
		sum := fmt.Sprintf("%x", sha256.Sum256(d.Data))
		if f, ok := seen[iri]; ok {
			if f.sum != sum {
				rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", d.Name, fmt.Errorf("%w: %s, loaded from %s, has the same name and other content", graph.ErrConflict, iri, f.name)))
			}
			continue // the same bytes twice are one document
		}
		held, err := l.store.DocumentSums(ctx, iri)
		if err != nil {
			return nil, err
		}
		if err := graph.SameDocument(iri, sum, held); err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %v", d.Name, err))
			continue
		}
		seen[iri] = first{d.Name, sum}
		keep = append(keep, d)
	}
	return keep, nil
}

// progressFunc shows an import's progress: on a terminal a line rewritten
// a few times a second, elsewhere (a log) a line every few seconds.
func (l *docLoader) progressFunc(name string) graph.Progress {
	if l.progress == nil {
		return nil
	}
	every, format := progressEvery, "%s: %d quads read, %d added\n"
	if l.terminal {
		every, format = 200*time.Millisecond, "\r%s: %d quads read, %d added"
	}
	last := time.Now()
	return func(read, added int64) {
		if time.Since(last) < every {
			return
		}
		last = time.Now()
		fmt.Fprintf(l.progress, format, filepath.Base(name), read, added)
	}
}

// progressEvery is how often progress is logged when not on a terminal.
const progressEvery = 2 * time.Second

// done says what loading one file or one set of documents did.
func (l *docLoader) done(format string, args ...any) {
	if l.progress == nil {
		return
	}
	if l.terminal {
		fmt.Fprint(l.progress, "\r\033[K") // clear the progress line
	}
	fmt.Fprintf(l.progress, format+"\n", args...)
}

// terminal reports whether f is a terminal, where progress lines belong.
func terminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// loadGCPercent is the collector's target while files load: a memory
// store grows to about 1.7 KB per quad, and with Go's default of 100 the
// collector rescans that growing heap after every doubling, a third of an
// import's CPU (471,705 quads: 4.3 s at 100, 3.5 s at 200).
const loadGCPercent = 200

// loadingHeap raises the collector's target for a load (unless GOGC
// already sets it higher or off) and returns the function that puts it
// back. serve hands the memory the load no longer uses back to the system
// once the analyst index is built, after it is ready, not before.
func loadingHeap() (done func()) {
	prev := debug.SetGCPercent(loadGCPercent)
	if prev < 0 || prev > loadGCPercent {
		debug.SetGCPercent(prev)
	}
	return func() { debug.SetGCPercent(prev) }
}
