package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeNQ writes n distinct quads to a file.
func writeNQ(t *testing.T, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "<nhs:test/s%d> <nhs:test/p%d> \"value %d\" .\n", i, i%7, i)
	}
	w.Flush()
	f.Close()
}

// TestKillDuringBoltLoad kills a real load process with SIGKILL part way
// through, reopens the store, and loads again: the store opens, holds only
// whole batches, and the second load completes it with no duplicates.
func TestKillDuringBoltLoad(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	nq := filepath.Join(dir, "big.nq")
	const total = 120000
	writeNQ(t, nq, total)
	db := filepath.Join(dir, "db")

	cmd := exec.Command(bin, "load", "--no-seeds", "--dbpath", db+"/", nq)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// kill once the first batches have been committed (the file grows)
	boltFile := filepath.Join(db, "nhsgraph.bolt")
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(boltFile); err == nil && fi.Size() > 4<<20 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	count := func() int {
		out, err := exec.Command(bin, "query", "--db", "bolt", "--dbpath", db+"/", "--limit", "1",
			`var n = 0; for (var p = 0; p < 7; p++) { n += g.V().has("<nhs:test/p" + p + ">").count() }; g.emit(n)`).CombinedOutput()
		if err != nil {
			t.Fatalf("reopening after the kill: %v\n%s", err, out)
		}
		var n int
		fmt.Sscanf(strings.TrimPrefix(strings.TrimSpace(string(out)), `{"result":[`), "%d", &n)
		return n
	}
	partial := count()
	if partial%10000 != 0 || partial > total {
		t.Fatalf("after the kill the store holds %d quads: not a whole number of 10,000-quad batches", partial)
	}
	t.Logf("after the kill the store held %d of %d quads", partial, total)

	out, err := exec.Command(bin, "load", "--no-seeds", "--dbpath", db+"/", nq).CombinedOutput()
	if err != nil {
		t.Fatalf("second load: %v\n%s", err, out)
	}
	if got := count(); got != total {
		t.Errorf("after the second load %d quads, want %d", got, total)
	}
	if !strings.Contains(string(out), fmt.Sprintf("the store holds %d quads", total)) {
		t.Errorf("store size after reload: %s (want %d quads, no duplicates)", out, total)
	}
}

// TestBinaryWritesWithToken starts a writable server and loads a document
// over HTTP with the token from the environment.
func TestBinaryWritesWithToken(t *testing.T) {
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--read-only=false", "--no-seeds")
	cmd.Env = append(os.Environ(), "NHSGRAPH_WRITE_TOKEN=a-long-enough-test-token")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	waitUp(t, addr)
	post := func(token string) int {
		req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/documents?name=note.txt",
			strings.NewReader("NHSX worked with NHS Digital on the NHS App.\n"))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("wrong"); code != 403 {
		t.Errorf("wrong token: %d", code)
	}
	if code := post("a-long-enough-test-token"); code != 201 {
		t.Errorf("right token: %d", code)
	}
}

func waitUp(t *testing.T, addr string) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not become ready")
}

// TestSIGTERMFinishesInFlightQueries stops the server while a query runs:
// the query still gets its answer and the process exits cleanly.
func TestSIGTERMFinishesInFlightQueries(t *testing.T) {
	bin := buildBinary(t)
	addr := freeAddr(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", "bolt", "--dbpath", dir+"/")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitUp(t, addr)
	type answer struct {
		code int
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		q := `var t = Date.now(); while (Date.now() - t < 1500) {}; g.V("<nhs:org/nhsx>").out("<schema:name>").all()`
		resp, err := http.Post("http://"+addr+"/api/v1/query/gizmo", "text/plain", strings.NewReader(q))
		if err != nil {
			done <- answer{err: err}
			return
		}
		resp.Body.Close()
		done <- answer{code: resp.StatusCode}
	}()
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	a := <-done
	if a.err != nil || a.code != 200 {
		t.Errorf("the in-flight query got %d, %v; want its answer", a.code, a.err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	// the store closed cleanly: it opens again at once (no lock left behind)
	out, err := exec.Command(bin, "query", "--db", "bolt", "--dbpath", dir+"/", `g.V("<nhs:org/nhsx>").out("<schema:name>").all()`).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "NHSX") {
		t.Errorf("reopening: %v %s", err, out)
	}
}
