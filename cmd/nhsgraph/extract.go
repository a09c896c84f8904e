package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	expand := false
	fs := newFlagSet("extract", "extract [flags] [FILES...]",
		"Runs the loader over FILES (.txt or .md; default: the built-in seeds) and writes\nthe quads as N-Quads to standard output. A file that cannot be read is reported\nand the others are still extracted.", stderr)
	fs.BoolVar(&expand, "expand", false, "write full IRIs instead of the short prefixed ones the store holds")
	if err := parse(fs, args); err != nil {
		return err
	}
	var files []loader.File
	var failed []string
	if fs.NArg() == 0 {
		files = seedFiles()
	}
	for _, p := range fs.Args() {
		b, err := os.ReadFile(p)
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		files = append(files, loader.File{Name: filepath.Base(p), Data: b})
	}
	c := loader.New().ExtractAll(files)
	for _, err := range c.Errors {
		failed = append(failed, err.Error())
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	if err := graph.WriteNQuads(w, c.Quads, expand); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, f := range failed {
		fmt.Fprintln(stderr, "nhsgraph extract:", f)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d files failed", len(failed), len(failed)+len(c.Results))
	}
	return nil
}
