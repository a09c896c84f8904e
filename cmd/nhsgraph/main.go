// Command nhsgraph builds a knowledge graph of NHSX documents in a Cayley
// store and serves Gizmo queries over HTTP.
//
//	nhsgraph serve   [flags]          open the store, load the seeds, serve HTTP
//	nhsgraph load    [flags] FILES... load files into a persistent store and exit
//	nhsgraph extract [flags] [FILES]  write the loader's N-Quads to stdout
//	nhsgraph query   [flags] QUERY    run one Gizmo query and print the JSON
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `nhsgraph: a knowledge graph of NHS digital programmes, their funds,
leaders and outcomes, served over HTTP with Cayley's Gizmo query language.

Usage:
  nhsgraph serve   [flags]            open the store, load the seeds, serve HTTP
  nhsgraph load    [flags] FILES...   load documents or N-Quads into a store and exit
  nhsgraph extract [flags] [FILES...] write the loader's N-Quads to stdout
  nhsgraph query   [flags] QUERY      run one Gizmo query and print the JSON result
  nhsgraph gen     [flags]            write a synthetic graph shaped like the seeds, for benchmarks
  nhsgraph loadgen [flags]            drive a running server on loopback with a mixed workload

Run "nhsgraph COMMAND --help" for a command's flags, "nhsgraph --version" for the version.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) < 2 || os.Args[1] != "serve" {
		// Only serve drains in-flight work on a signal; every other command
		// stops at once (a bolt load keeps its committed batches, and loading
		// again completes it).
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
		go func() {
			<-sigs
			fmt.Fprintln(os.Stderr, "nhsgraph: interrupted")
			os.Exit(130)
		}()
	}
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "nhsgraph:", err)
		}
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage error")

// run dispatches a command line; it is main without the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "load":
		return runLoad(ctx, rest, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, stdout, stderr)
	case "query":
		return runQuery(ctx, rest, stdout, stderr)
	case "loadgen":
		return runLoadgen(ctx, rest, stdout, stderr)
	case "gen":
		return runGen(ctx, rest, stdout, stderr)
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, versionLine())
		return nil
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
}

// newFlagSet makes a command's flag set with a usage text that starts with
// what the command does.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: nhsgraph %s\n\n%s\n\nFlags:\n", synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning usage mistakes into errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
