package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeListensBeforeItLoads starts serve with a --load file that is a
// named pipe nobody writes yet, so loading cannot finish: the port must
// already answer, /healthz 200, /readyz and queries 503 with Retry-After
// ("still loading"). Once the pipe is written and closed the server is
// ready and answers. Before, serve bound its port only after loading, so
// /readyz could never say "still loading" and a client saw nothing at all.
func TestServeListensBeforeItLoads(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "slow.nq")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--no-seeds", "--addr", addr, "--load", fifo)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	get := func(path string) (int, string, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error(), ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header.Get("Retry-After")
	}
	answers := func(path string, why string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			if code, _, _ := get(path); code == 200 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal(why)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	answers("/healthz", "the port did not answer while the data was loading")
	for _, path := range []string{"/readyz", "/api/v2/query?lang=gizmo&qu=g.emit(1)", "/api/v1/entities?q=nhsx"} {
		code, body, retry := get(path)
		if code != 503 || !strings.Contains(body, "still loading") || retry == "" {
			t.Errorf("%s while loading: %d %q Retry-After %q; want 503, still loading, Retry-After", path, code, body, retry)
		}
	}

	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<nhs:org/x> <schema:name> \"Loaded late\" .\n")
	w.Close()
	answers("/readyz", "not ready after the load finished")
	if code, body, _ := get(`/api/v2/query?lang=gizmo&qu=g.V("<nhs:org/x>").out("<schema:name>").all()`); code != 200 || !strings.Contains(body, "Loaded late") {
		t.Errorf("after loading: %d %s", code, body)
	}
}

// TestServePortClashFailsAtOnce: a port already taken fails serve before
// it loads anything (the --load pipe is never written, so a serve that
// loaded first would wait for ever).
func TestServePortClashFailsAtOnce(t *testing.T) {
	bin := buildBinary(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	fifo := filepath.Join(t.TempDir(), "never.nq")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	cmd := exec.Command(bin, "serve", "--no-seeds", "--addr", taken.Addr().String(), "--load", fifo)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(stderr.String(), "address already in use") {
			t.Errorf("exit %v, stderr %q; want a failure naming the clash", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("serve on a taken port was still running after 10 s")
	}
}
