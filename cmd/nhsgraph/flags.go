package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query"
)

// The flags of serve, load and query are one family: the same names, the
// same defaults and the same meaning wherever they appear.

// storeFlags say which store to open and what to load into it (serve,
// load, query).
type storeFlags struct {
	db, dbpath string
	noSeeds    bool
	loads      multiFlag
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func (sf *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.db, "db", "", "store backend: memory, bolt, postgres or cockroach (default: bolt when --dbpath is given, memory otherwise)")
	fs.StringVar(&sf.dbpath, "dbpath", "", "bolt: the database file, or a directory to hold "+graph.DefaultBoltFile+
		";\npostgres, cockroach: postgres://user@host:port/database?sslmode=disable, optionally with\n&maxopenconnections=N&local_optimize=true (taken off the URL and given to Cayley)")
	fs.BoolVar(&sf.noSeeds, "no-seeds", false, "do not load the built-in seed documents")
	fs.Var(&sf.loads, "load", "load this file too (repeatable): .nq and .nq.gz are imported as they are, .txt and .md go through the loader")
}

// backend is the backend --db names, or the default for --dbpath.
func (sf *storeFlags) backend() string {
	switch {
	case sf.db != "":
		return sf.db
	case sf.dbpath != "":
		return graph.BackendBolt
	default:
		return graph.BackendMemory
	}
}

// engineFlags set the limits queries run under (serve, query).
type engineFlags struct {
	timeout       time.Duration
	maxResults    int
	maxMemoryMiB  int
	freshRuntimes bool
}

func (ef *engineFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&ef.timeout, "timeout", 10*time.Second, "time limit for one query (more than 0); a query past it is interrupted and answered 504")
	fs.IntVar(&ef.maxResults, "max-results", 10000, "hard cap on result rows for any query")
	fs.IntVar(&ef.maxMemoryMiB, "max-query-memory", 512, "MiB the heap may grow while queries run before they are stopped")
	fs.BoolVar(&ef.freshRuntimes, "fresh-runtimes", false, "run every Gizmo script in a new JavaScript runtime, as Cayley does (slower; for comparisons)")
}

// check refuses limits that would switch a limit off: the engine reads 0
// as "the default", so --timeout 0 would silently mean no change at best.
func (ef *engineFlags) check() error {
	switch {
	case ef.timeout <= 0:
		return fmt.Errorf("%w: --timeout must be more than 0 (got %s)", errUsage, ef.timeout)
	case ef.maxResults <= 0:
		return fmt.Errorf("%w: --max-results must be at least 1 (got %d)", errUsage, ef.maxResults)
	case ef.maxMemoryMiB <= 0:
		return fmt.Errorf("%w: --max-query-memory must be at least 1 MiB (got %d)", errUsage, ef.maxMemoryMiB)
	}
	return nil
}

// config is the engine configuration the flags set.
func (ef *engineFlags) config() query.Config {
	return query.Config{
		Timeout: ef.timeout, MaxResults: ef.maxResults, MaxMemory: uint64(ef.maxMemoryMiB) << 20,
		FreshRuntimes: ef.freshRuntimes,
	}
}
