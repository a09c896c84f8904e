package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
)

// buildBinary compiles cmd/nhsgraph once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "nhsgraph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestBinaryServeQueryStop(t *testing.T) {
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr)
	cmd.Dir = t.TempDir() // the seeds are embedded: any directory works
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	logs := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs <- sc.Text()
		}
		close(logs)
	}()
	for _, want := range []string{"listening", "ready"} {
		select {
		case ln := <-logs:
			if !strings.Contains(ln, want) || !strings.Contains(ln, addr) || want == "ready" && !strings.Contains(ln, "5 documents") {
				t.Fatalf("the log should say where it listens, then that it is ready and what it loaded; got %s", ln)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not start")
		}
	}
	body := strings.NewReader(`g.V("<nhs:org/nhsx>").out("<schema:name>").all()`)
	resp, err := http.Post("http://"+addr+"/api/v1/query/gizmo", "text/plain", body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var got struct{ Result []map[string]any }
	if err := json.Unmarshal(b, &got); err != nil || len(got.Result) != 1 || got.Result[0]["id"] != "NHSX" {
		t.Fatalf("query answer %s (%v)", b, err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	var all []string
	for ln := range logs {
		all = append(all, ln)
	}
	if !strings.Contains(strings.Join(all, "\n"), "stopped") {
		t.Errorf("no clean stop logged: %v", all)
	}
}

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

var heldRe = regexp.MustCompile(`the store holds (\d+) quads`)

func held(t *testing.T, out string) int {
	m := heldRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no quad count in %q", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestBoltRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out, _, err := runCmd(t, "load", "--dbpath", dir)
	if err != nil {
		t.Fatal(err)
	}
	first := held(t, out)
	if first < 500 {
		t.Fatalf("only %d quads after loading the seeds", first)
	}
	// a second identical load adds nothing
	out, _, err = runCmd(t, "load", "--dbpath", dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := held(t, out); n != first || !strings.Contains(out, "0 added") {
		t.Fatalf("second load: %s (had %d)", out, first)
	}
	// reopened, the bolt store answers as the memory store does
	q := `g.V().has("<rdf:type>", "<nhs:Document>").out("<nhs:file>").all()`
	fromBolt, _, err := runCmd(t, "query", "--db", "bolt", "--dbpath", dir, "--limit", "-1", q)
	if err != nil {
		t.Fatal(err)
	}
	fromMem, _, err := runCmd(t, "query", "--limit", "-1", q)
	if err != nil {
		t.Fatal(err)
	}
	if fromBolt != fromMem || !strings.Contains(fromBolt, "000_e1e5bc49c98c574a.txt") {
		t.Fatalf("bolt and memory differ:\n%s\n%s", fromBolt, fromMem)
	}
	if _, err := os.Stat(filepath.Join(dir, "nhsgraph.bolt")); err != nil {
		t.Errorf("bolt file: %v", err)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range []string{"serve", "load", "extract", "query", "gen"} {
		_, stderr, err := runCmd(t, c, "--help")
		if err == nil || !strings.Contains(err.Error(), "help") {
			t.Errorf("%s --help: err %v", c, err)
		}
		if !strings.Contains(stderr, "Usage: nhsgraph "+c) || !strings.Contains(stderr, "Flags:") {
			t.Errorf("%s --help printed:\n%s", c, stderr)
		}
	}
	if _, _, err := runCmd(t, "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
}

func TestExtractReportsBadFilesAndKeepsGoodOnes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte("NHSX worked with NHS Digital on the NHS App.\n"), 0o644)
	os.WriteFile(bad, []byte{0x00, 0x01, 0x02, 0xff, 0x00}, 0o644)
	out, stderr, err := runCmd(t, "extract", good, bad, filepath.Join(dir, "missing.txt"))
	if err == nil {
		t.Fatal("want an error for the bad files")
	}
	if !strings.Contains(stderr, "bad.txt") || !strings.Contains(stderr, "missing.txt") {
		t.Errorf("stderr should name both bad files: %s", stderr)
	}
	if !strings.Contains(out, "<nhs:doc/good>") {
		t.Errorf("the good file was not extracted:\n%s", out)
	}
}

// seededStore is a memory store holding the seeds, loaded the way serve
// loads them.
func seededStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	l := &docLoader{store: store, x: loader.New()}
	if err := l.loadDocs(ctx, seedFiles(), &loadReport{}); err != nil {
		t.Fatal(err)
	}
	return store
}
