package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nhsgraph/nhsgraph/loader"
)

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	seeds := false
	fs := newFlagSet("load", "load [flags] FILES...",
		"Loads documents (.txt, .md: through the loader) and N-Quads (.nq, .nq.gz: as they are)\ninto a persistent store and exits. Loading the same files again adds nothing.", stderr)
	sf.register(fs, "bolt")
	fs.BoolVar(&seeds, "seeds", false, "load the built-in seed documents too")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && !seeds {
		fs.Usage()
		return fmt.Errorf("%w: name files to load, or --seeds", errUsage)
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	l := &docLoader{store: store, x: loader.New()}
	if f, ok := stderr.(*os.File); ok && terminal(f) {
		l.progress = stderr
	}
	rep := loadReport{}
	start := time.Now()
	if seeds {
		if err := l.loadDocs(ctx, seedFiles(), &rep); err != nil {
			return err
		}
	}
	if err := l.loadPaths(ctx, fs.Args(), &rep); err != nil {
		return err
	}
	rep.Took = time.Since(start)
	if l.progress != nil {
		fmt.Fprintln(stderr)
	}
	n, _ := store.Count(ctx)
	fmt.Fprintf(stdout, "loaded %s; the store holds %d quads\n", rep, n)
	if len(rep.Failed) > 0 {
		return fmt.Errorf("%d files failed to load", len(rep.Failed))
	}
	return nil
}
