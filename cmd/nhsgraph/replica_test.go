package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/graph/pgtest"
)

// startServe runs `nhsgraph serve` with args and waits until it listens.
func startServe(t *testing.T, bin string, args ...string) string {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "listening") {
				listening <- sc.Text()
			}
		}
		close(listening)
	}()
	select {
	case ln, ok := <-listening:
		if !ok {
			t.Fatalf("serve %v exited before listening", args)
		}
		if !strings.Contains(ln, "db=postgres") {
			t.Errorf("serve does not say it runs on PostgreSQL: %s", ln)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	waitUp(t, addr) // it listens before it has loaded the seeds
	return addr
}

// gizmo posts a query and returns the body and the X-Cache header.
func gizmo(t *testing.T, addr, q string) (string, string) {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/api/v1/query/gizmo", "text/plain", strings.NewReader(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s answered %d: %s", addr, resp.StatusCode, b)
	}
	return string(b), resp.Header.Get("X-Cache")
}

// TestReplicasOnPostgres runs two serve processes on one database and
// writes through a third (nhsgraph load): both see the write at once and
// neither answers from the cache it held before.
func TestReplicasOnPostgres(t *testing.T) {
	bin := buildBinary(t)
	url := pgtest.NewDatabase(t)
	db := []string{"--db", "postgres", "--dbpath", url}
	a := startServe(t, bin, db...)
	b := startServe(t, bin, db...)

	const q = `g.V("<nhs:org/nhsx>").out("<nhs:test/replicaNote>").all()`
	for _, addr := range []string{a, b} {
		gizmo(t, addr, q)
		body, cache := gizmo(t, addr, q)
		if cache != "HIT" || strings.Contains(body, "written") {
			t.Fatalf("%s before the write: %s %s; want a cached empty answer", addr, cache, body)
		}
		if body, _ := gizmo(t, addr, `g.V("<nhs:org/nhsx>").out("<schema:name>").all()`); !strings.Contains(body, "NHSX") {
			t.Fatalf("%s does not hold the seeds: %s", addr, body)
		}
	}

	nq := filepath.Join(t.TempDir(), "note.nq")
	os.WriteFile(nq, []byte(`<nhs:org/nhsx> <nhs:test/replicaNote> "written by a third process" .`+"\n"), 0o644)
	out, err := exec.Command(bin, append(append([]string{"load"}, db...), nq)...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "1 added") {
		t.Fatalf("load: %v\n%s", err, out)
	}

	// The other processes hear of the write by NOTIFY, a few milliseconds
	// after it commits (more on a loaded machine); the poll that backs it
	// up runs every 2 s, so an answer within 1 s came by notification.
	wrote := time.Now()
	for _, addr := range []string{a, b} {
		for {
			body, cache := gizmo(t, addr, q)
			if cache == "MISS" && strings.Contains(body, "written by a third process") {
				t.Logf("%s answered afresh %s after the write", addr, time.Since(wrote).Round(time.Millisecond))
				break
			}
			if time.Since(wrote) > time.Second {
				t.Fatalf("%s a second after the write: X-Cache %s, %s; want a fresh answer with the new quad", addr, cache, body)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
}
