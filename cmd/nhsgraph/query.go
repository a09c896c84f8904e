package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
)

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	var ef engineFlags
	var limit int
	fs := newFlagSet("query", "query [flags] QUERY",
		"Runs one Gizmo query against a store and prints the JSON result, as the HTTP API\nwould. QUERY - reads the query from standard input. Into a memory store (the default)\nthe seeds and --load files are loaded first; a persistent store is only read.", stderr)
	sf.register(fs)
	ef.register(fs)
	fs.IntVar(&limit, "limit", -1, "result rows (-1: all, up to --max-results)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: give exactly one query", errUsage)
	}
	if err := ef.check(); err != nil {
		return err
	}
	q := fs.Arg(0)
	if q == "-" {
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			return err
		}
		q = string(b)
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if sf.backend() == graph.BackendMemory {
		l := &docLoader{store: store, x: loader.New()}
		rep := loadReport{}
		if err := l.loadFlagged(ctx, &sf, &rep); err != nil {
			return err
		}
		if len(rep.Failed) > 0 {
			return fmt.Errorf("loading: %s", strings.Join(rep.Failed, "; "))
		}
	} else if len(sf.loads) > 0 {
		return fmt.Errorf("%w: query only reads a persistent store; load files into it with nhsgraph load", errUsage)
	}
	e := query.New(store, ef.config())
	a, err := e.Run(ctx, query.Request{Lang: "gizmo", Query: q, Limit: limit})
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, strings.TrimRight(string(a.Body), "\n")+"\n")
	return err
}
