package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
)

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	var timeout time.Duration
	var limit int
	fs := newFlagSet("query", "query [flags] QUERY",
		"Runs one Gizmo query against a store and prints the JSON result, as the HTTP API\nwould. QUERY - reads the query from standard input. With the default memory store\nthe seeds are loaded first.", stderr)
	sf.register(fs, "memory")
	sf.registerLoad(fs)
	fs.DurationVar(&timeout, "timeout", 10*time.Second, "time limit for the query")
	fs.IntVar(&limit, "limit", 100, "result rows (-1: the maximum)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: give exactly one query", errUsage)
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
	l := &docLoader{store: store, x: loader.New()}
	rep := loadReport{}
	if !sf.noSeeds && sf.db == "memory" {
		if err := l.loadDocs(ctx, seedFiles(), &rep); err != nil {
			return err
		}
	}
	if err := l.loadPaths(ctx, sf.loads, &rep); err != nil {
		return err
	}
	e := query.New(store, query.Config{Timeout: timeout})
	a, err := e.Run(ctx, query.Request{Lang: "gizmo", Query: q, Limit: limit})
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, strings.TrimRight(string(a.Body), "\n")+"\n")
	return err
}
