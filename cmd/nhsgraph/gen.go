package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/nhsgraph/nhsgraph/internal/synth"
)

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var quads int
	var seed uint64
	var out string
	fs := newFlagSet("gen", "gen [flags]",
		"Writes a synthetic graph with the shape of the seeds graph (documents, sentences,\nentities of every type with aliases, labelled relations, mentions, dates, funds,\noutcomes, conflicts; a few hub entities) as N-Quads with short IRIs, for benchmarks:\n  nhsgraph gen --quads 1000000 --out synth.nq.gz && nhsgraph serve --load synth.nq.gz\nThe same seed always gives the same graph.", stderr)
	fs.IntVar(&quads, "quads", 1_000_000, "at least this many distinct quads")
	fs.Uint64Var(&seed, "seed", 1, "random seed")
	fs.StringVar(&out, "out", "-", "file to write (.gz is gzipped); - for standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || quads < 1 {
		fs.Usage()
		return fmt.Errorf("%w: gen takes flags only, and --quads must be positive", errUsage)
	}
	w := stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var zw *gzip.Writer
	var dst io.Writer = bw
	if strings.HasSuffix(out, ".gz") {
		zw = gzip.NewWriter(bw)
		dst = zw
	}
	qw := nquads.NewWriter(dst)
	start := time.Now()
	n, err := synth.Generate(synth.Config{Quads: quads, Seed: seed}, func(q quad.Quad) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return qw.WriteQuad(q)
	})
	if err != nil {
		return err
	}
	if err := qw.Close(); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if out != "-" {
		fmt.Fprintf(stderr, "wrote %d quads to %s in %s\n", n, out, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
