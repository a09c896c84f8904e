package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlagSet("load", "load [flags] FILES...",
		"Loads the built-in seed documents (unless --no-seeds), documents (.txt, .md: through\nthe loader) and N-Quads (.nq, .nq.gz: as they are) into a persistent store and exits,\nshowing its progress on standard error. Loading the same files again adds nothing.", stderr)
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	sf.loads = append(sf.loads, fs.Args()...)
	if sf.backend() == graph.BackendMemory {
		fs.Usage()
		return fmt.Errorf("%w: load writes to a persistent store: give --dbpath (bolt) or --db postgres with its URL", errUsage)
	}
	if len(sf.loads) == 0 && sf.noSeeds {
		fs.Usage()
		return fmt.Errorf("%w: nothing to load: name files, or leave out --no-seeds", errUsage)
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	l := &docLoader{store: store, x: loader.New(), progress: stderr}
	if f, ok := stderr.(*os.File); ok && terminal(f) {
		l.terminal = true
	}
	rep := loadReport{}
	start := time.Now()
	if err := l.loadFlagged(ctx, &sf, &rep); err != nil {
		return err
	}
	rep.Took = time.Since(start)
	n, _ := store.Count(ctx)
	fmt.Fprintf(stdout, "loaded %s; the store holds %d quads\n", rep, n)
	if len(rep.Failed) > 0 {
		return fmt.Errorf("%d files failed to load", len(rep.Failed))
	}
	return nil
}
