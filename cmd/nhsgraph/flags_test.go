package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLimitsMustBePositive: a time limit of 0 or less used to switch the
// limit off silently (the engine read it as "the default"); every command
// that runs queries now refuses it before it opens a store.
func TestLimitsMustBePositive(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"serve --timeout 0", []string{"serve", "--no-seeds", "--addr", "127.0.0.1:0", "--timeout", "0"}},
		{"serve --timeout -1s", []string{"serve", "--no-seeds", "--addr", "127.0.0.1:0", "--timeout", "-1s"}},
		{"serve --max-results 0", []string{"serve", "--no-seeds", "--addr", "127.0.0.1:0", "--max-results", "0"}},
		{"serve --max-concurrent 0", []string{"serve", "--no-seeds", "--addr", "127.0.0.1:0", "--max-concurrent", "0"}},
		{"query --timeout 0", []string{"query", "--no-seeds", "--timeout", "0", "g.emit(1)"}},
		{"query --timeout -5s", []string{"query", "--no-seeds", "--timeout", "-5s", "g.emit(1)"}},
		{"query --max-query-memory 0", []string{"query", "--no-seeds", "--max-query-memory", "0", "g.emit(1)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// a serve that wrongly starts is stopped by the deadline, and
			// returns no error: the test then fails instead of hanging
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			var out, errb strings.Builder
			err := run(ctx, tc.args, &out, &errb)
			if !errors.Is(err, errUsage) {
				t.Fatalf("err %v (output %q), want a usage error", err, out.String())
			}
			flag := strings.Fields(strings.TrimPrefix(tc.name, strings.Fields(tc.name)[0]))[0]
			if !strings.Contains(err.Error(), flag) {
				t.Errorf("the error %q does not name %s", err, flag)
			}
		})
	}
}

// TestStoreFlagsAreOneFamily: load, serve and query take the same store
// flags with the same defaults: the seeds load unless --no-seeds, and
// --dbpath alone means bolt.
func TestStoreFlagsAreOneFamily(t *testing.T) {
	dir := t.TempDir()
	// load: --dbpath alone is a bolt store, and the seeds load by default
	out, stderr, err := runCmd(t, "load", "--dbpath", dir)
	if err != nil {
		t.Fatalf("load: %v\n%s", err, stderr)
	}
	if n := held(t, out); n < 500 {
		t.Fatalf("load --dbpath DIR holds %d quads: the seeds did not load", n)
	}
	// query and serve read --dbpath alone as the same bolt store
	q := `g.V("<nhs:org/nhsx>").out("<schema:name>").all()`
	got, _, err := runCmd(t, "query", "--dbpath", dir, q)
	if err != nil || !strings.Contains(got, "NHSX") {
		t.Fatalf("query --dbpath DIR: %v %s", err, got)
	}
	// --no-seeds means the same to load as to serve and query
	empty := t.TempDir()
	nq := filepath.Join(empty, "one.nq")
	writeNQ(t, nq, 3)
	out, _, err = runCmd(t, "load", "--dbpath", empty, "--no-seeds", nq)
	if err != nil || held(t, out) != 3 {
		t.Fatalf("load --no-seeds: %v %s", err, out)
	}
	// a memory store would be lost at exit
	if _, _, err := runCmd(t, "load", "--db", "memory", nq); !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "persistent") {
		t.Errorf("load into memory: %v", err)
	}
	if _, _, err := runCmd(t, "load", "--dbpath", empty, "--no-seeds"); !errors.Is(err, errUsage) {
		t.Errorf("load with nothing to load: %v", err)
	}
}

// TestQueryLimitIsTheServers: query answers up to --max-results rows by
// default, as the server caps them, not Cayley's 100.
func TestQueryLimitIsTheServers(t *testing.T) {
	out, _, err := runCmd(t, "query", `g.V().has("<rdf:type>", "<nhs:Sentence>").all()`)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, `"id"`); n <= 100 {
		t.Errorf("%d rows by default, want every sentence (more than 100)", n)
	}
	out, _, err = runCmd(t, "query", "--max-results", "7", `g.V().has("<rdf:type>", "<nhs:Sentence>").all()`)
	if err != nil || strings.Count(out, `"id"`) != 7 {
		t.Errorf("--max-results 7: %v %d rows", err, strings.Count(out, `"id"`))
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		out, _, err := runCmd(t, arg)
		if err != nil || !strings.HasPrefix(out, "nhsgraph ") || !strings.Contains(out, "go1.") || !strings.Contains(out, "Cayley v0.7.7") {
			t.Errorf("%s: %v %q", arg, err, out)
		}
	}
}

// TestLoadShowsProgress: load says what it is doing on standard error
// even when that is not a terminal (a log), file by file.
func TestLoadShowsProgress(t *testing.T) {
	dir := t.TempDir()
	nq := filepath.Join(dir, "big.nq")
	writeNQ(t, nq, 25000)
	_, stderr, err := runCmd(t, "load", "--dbpath", filepath.Join(dir, "db"), nq)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"reading 5 documents", "documents read:", "big.nq: 25000 quads read, 25000 added in "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("standard error lacks %q:\n%s", want, stderr)
		}
	}
}

// TestLoadKeepsDocumentIdentity loads two files with one base name and
// different text. Before, the second was merged into the first (one
// document, two texts for its sentences, two sha256 values); now it is
// refused, named in the error, in the same run and in a later one.
func TestLoadKeepsDocumentIdentity(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", "report.txt"), filepath.Join(dir, "b", "report.txt")
	os.MkdirAll(filepath.Dir(a), 0o755)
	os.MkdirAll(filepath.Dir(b), 0o755)
	os.WriteFile(a, []byte("NHSX worked with NHS Digital on the NHS App.\n"), 0o644)
	os.WriteFile(b, []byte("NHSX commissioned the Adoption Fund from NHS England.\n"), 0o644)
	db := filepath.Join(dir, "db")
	out, stderr, err := runCmd(t, "load", "--no-seeds", "--dbpath", db, a, b)
	if err == nil || !strings.Contains(out, "failed") || !strings.Contains(out, b) || !strings.Contains(out, "same name and other content") {
		t.Errorf("two files named report.txt: %v\n%s%s", err, out, stderr)
	}
	sums := `g.V("<nhs:doc/report>").out("<nhs:sha256>").all()`
	texts := `g.V("<nhs:doc/report>").in("<prov:wasDerivedFrom>").out("<schema:text>").all()`
	check := func() {
		t.Helper()
		got, _, err := runCmd(t, "query", "--dbpath", db, sums)
		if err != nil || strings.Count(got, `"id"`) != 1 {
			t.Errorf("the document has checksums %s (%v), want one", got, err)
		}
		got, _, err = runCmd(t, "query", "--dbpath", db, texts)
		if err != nil || strings.Contains(got, "Adoption Fund") || !strings.Contains(got, "NHS App") {
			t.Errorf("the document's sentences are %s (%v), want a's only", got, err)
		}
	}
	check()
	// a later run with b alone is refused too; a again adds nothing
	if out, _, err := runCmd(t, "load", "--no-seeds", "--dbpath", db, b); err == nil || !strings.Contains(out, "another document named <nhs:doc/report>") {
		t.Errorf("loading b into a store holding a: %v %s", err, out)
	}
	if out, _, err := runCmd(t, "load", "--no-seeds", "--dbpath", db, a); err != nil || !strings.Contains(out, "0 added") {
		t.Errorf("loading a again: %v %s", err, out)
	}
	check()
}
