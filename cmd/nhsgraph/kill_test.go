package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNoRequestKillsTheProcess sends a real serve process each request
// that ended the process (a Go stack overflow, which no recover can catch)
// or left work running after its answer, then a normal query, which must
// answer. A fatal error shows here as a dead process, not as a failed
// assertion inside the test binary. At the end nothing a script started
// may still be running (/metrics: nhsgraph_queries_running 0).
func TestNoRequestKillsTheProcess(t *testing.T) {
	bin := buildBinary(t)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--timeout", "2s")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	logDone := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			logs.WriteString(sc.Text() + "\n")
		}
		close(logDone)
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	}()
	waitUp(t, addr)
	base := "http://" + addr
	client := &http.Client{Timeout: 30 * time.Second}
	alive := func(after string) {
		t.Helper()
		select {
		case err := <-exited:
			<-logDone
			t.Fatalf("the process died after %s: %v\n%s", after, err, tail(logs.String(), 3000))
		default:
		}
		resp, err := client.Post(base+"/api/v1/query/gizmo", "text/plain", strings.NewReader(`g.V("<nhs:org/nhsx>").out("<schema:name>").all()`))
		if err != nil {
			t.Fatalf("after %s a normal query failed: %v", after, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "NHSX") {
			t.Fatalf("after %s a normal query answered %d %s", after, resp.StatusCode, b)
		}
	}
	many := func(s string, n int) string { return strings.Repeat(s, n) }
	parens := "g.emit(" + many("(", 300000) + "1" + many(")", 300000) + ")"
	tests := []struct{ name, q string }{
		{"300,000 nested parentheses", parens},
		{"400,000 nested brackets", "g.emit(" + many("[", 400000) + many("]", 400000) + ")"},
		{"900,000 unary minus", "g.emit(" + many("-", 900000) + "1)"},
		{"a path of a million steps", "var p=g.V();for(var i=0;i<1000000;i++)p=p.out();g.emit(p.count())"},
		{"JSON.stringify of a million levels", "var o={};for(var i=0;i<1000000;i++)o={a:o};g.emit(JSON.stringify(o).length)"},
		{"a backtracking regular expression", `g.emit(/^(a+)+(?!x)$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"))`},
		{"eval of nested parentheses", "g.emit(eval(Array(300001).join('(') + '1' + Array(300001).join(')')))"},
		{"Function of nested parentheses", "g.emit(Function('return ' + Array(300001).join('(') + '1' + Array(300001).join(')'))())"},
		{"JSON.parse of nested brackets", "g.emit(JSON.parse(Array(3000001).join('[')).length)"},
		{"an array that holds itself, as a string", "var a=[];a[0]=a;g.emit(String(a).length)"},
		{"emit of an object that holds itself", "var o={};o.a=o;g.emit(o)"},
		{"a path step given an object that holds itself", "var o={};o.a=o;g.V(o).all()"},
		{"recursion through call", "function f(){ return f.call(null) }; f()"},
		{"recursion through a getter", "var o={get a(){return this.a}}; g.emit(o.a)"},
		{"recursion through valueOf", "var o={valueOf:function(){return o+1}}; g.emit(o+1)"},
		{"a path that doubles", "var p=g.V();for(var i=0;i<60;i++)p=p.and(p);g.emit(p.count())"},
	}
	for _, tc := range tests {
		resp, err := client.Post(base+"/api/v1/query/gizmo", "text/plain", strings.NewReader(tc.q))
		if err != nil {
			alive(tc.name)
			t.Fatalf("%s: %v", tc.name, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 && resp.StatusCode != 504 {
			t.Errorf("%s: %d %.200s", tc.name, resp.StatusCode, b)
		}
		t.Logf("%s: %d %.120s", tc.name, resp.StatusCode, b)
		alive(tc.name)
	}
	// the same nesting as a GET any web page could make (parentheses need
	// no escaping in a query string: 600 KB)
	resp, err := client.Get(base + "/api/v2/query?lang=gizmo&qu=" + parens)
	if err != nil {
		alive("a GET with nested parentheses")
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("a GET with nested parentheses: %d, want 400", resp.StatusCode)
	}
	alive("a GET with nested parentheses")

	// Nothing may be left running, and the process must still be there a
	// while later (a stringify of a deep object used to end it 80 s on).
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(base + "/metrics")
		if err != nil {
			alive("the wait for running work to end")
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), "\nnhsgraph_queries_running 0\n") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("work still running 20 s after the last answer:\n%s", b)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)
	alive("all of them")
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
