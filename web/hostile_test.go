package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// TestHostileInputs sends inputs meant to hurt the service. Each must get
// the right status within the query timeout plus a second, while /healthz
// keeps answering and the heap stays bounded.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs scripts up to the time limit; skipped with -short")
	}
	const timeout = 1500 * time.Millisecond
	store := testgraph.Cayley(t)
	e := gizmo.New(store, gizmo.Config{Timeout: timeout, MaxResults: 50, MaxMemory: 128 << 20, MaxConcurrent: 4, QueueWait: 50 * time.Millisecond})
	srv := httptest.NewServer(New(Config{Engine: e, Analyst: analyst.New(store, e)}))
	defer srv.Close()

	v1 := srv.URL + "/api/v1/query/gizmo"
	tests := []struct {
		name   string
		method string
		url    string
		body   string
		code   int
		alt    int // another acceptable status, when two limits race
	}{
		{"while true", "POST", v1, `while(true){}`, 504, 0},
		{"for ever", "POST", v1, `for(;;){}`, 504, 0},
		{"do while", "POST", v1, `do {} while (true)`, 504, 0},
		{"busy loop with work", "POST", v1, `var x = 0; while (true) { x = (x + 1) % 7 }`, 504, 0},
		{"deep recursion", "POST", v1, `function f(n){ return f(n+1) + 1 }; f(0)`, 504, 400},
		{"mutual recursion", "POST", v1, `function a(n){ return b(n) } function b(n){ return a(n+1) } a(0)`, 504, 400},
		{"string doubling", "POST", v1, `var s = "x"; while (true) { s = s + s }`, 400, 504},
		{"array growth", "POST", v1, `var a = []; while (true) { a.push(new Array(100000).join("y")) }`, 400, 504},
		{"object flood", "POST", v1, `var a = []; while (true) { a.push({k: [1,2,3,4,5,6,7,8,9]}) }`, 400, 504},
		{"getLimit(-1)", "POST", v1 + "?limit=-1", `g.V().getLimit(-1)`, 200, 0},
		{"repeated all", "POST", v1, `for (var i = 0; i < 1000; i++) { g.V().all() }`, 200, 0},
		{"toArray flood", "POST", v1, `var a = []; for (var i = 0; i < 100000; i++) { a = a.concat(g.V().toArray()) }; g.emit(a.length)`, 400, 0},
		{"tagArray flood", "POST", v1, `var a = []; for (var i = 0; i < 100000; i++) { a = a.concat(g.V().tag("x").tagArray()) }; g.emit(a.length)`, 400, 0},
		{"emit flood", "POST", v1, `while (true) { g.emit("x") }`, 200, 0},
		{"huge emit", "POST", v1, `var s = "x"; for (var i = 0; i < 24; i++) { s = s + s }; g.emit(s)`, 200, 0},
		{"catastrophic regex", "POST", v1, `g.V().filter(regex("(a+)+$")).all()`, 200, 0},
		{"catastrophic JS regex", "POST", v1, `/^(a+)+$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")`, 200, 504},
		{"object where a string belongs", "POST", v1, `g.V(g.IRI({a: 1})).all()`, 200, 400},
		{"function as a label", "POST", v1, `g.V().labelContext(function(){}).all()`, 400, 0},
		{"syntax error", "POST", v1, `g.V(.all(`, 400, 0},
		{"unclosed string", "POST", v1, `g.V("abc`, 400, 0},
		{"thrown object", "POST", v1, `throw {a: 1}`, 400, 0},
		{"unknown step", "POST", v1, `g.V().frobnicate()`, 400, 0},
		{"wrong argument types", "POST", v1, `g.V().out(function(){}).all()`, 400, 0},
		{"unknown language", "POST", srv.URL + "/api/v1/query/sparql", `SELECT * WHERE {}`, 400, 0},
		{"no language", "POST", srv.URL + "/api/v2/query", `g.V().all()`, 400, 0},
		{"unknown v2 language", "POST", srv.URL + "/api/v2/query?lang=cypher", `MATCH (n) RETURN n`, 400, 0},
		{"invalid UTF-8", "POST", v1, "g.V(\"\xff\xfe\xfd\").all()", 400, 0},
		{"NUL bytes", "POST", v1, "g.V()\x00.all()", 400, 0},
		{"10 MiB body", "POST", v1, strings.Repeat("x", 10<<20), 413, 0},
		{"empty body", "POST", v1, ``, 400, 0},
		{"only white space", "POST", v1, "   \n\t  ", 400, 0},
		{"bad limit", "POST", v1 + "?limit=1e99", `g.V().all()`, 400, 0},
		{"GET with a huge qu", "GET", srv.URL + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(strings.Repeat("g.V();", 1000)), "", 200, 0},
		{"path traversal", "GET", srv.URL + "/../../etc/passwd", "", 404, 0},
		{"pprof", "GET", srv.URL + "/debug/pprof/heap", "", 404, 0},
	}
	stopHealth := make(chan struct{})
	healthDone := make(chan int)
	go func() {
		failures := 0
		for {
			select {
			case <-stopHealth:
				healthDone <- failures
				return
			case <-time.After(100 * time.Millisecond):
			}
			// generous: a script allocating gigabytes can pause the collector
			c := http.Client{Timeout: 3 * time.Second}
			resp, err := c.Get(srv.URL + "/healthz")
			if err != nil || resp.StatusCode != 200 {
				failures++
			}
			if resp != nil {
				resp.Body.Close()
			}
		}
	}()
	var peak uint64
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
			start := time.Now()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if d := time.Since(start); d > timeout+time.Second && !raceEnabled {
				t.Errorf("took %s, over the time limit plus a second", d)
			}
			if resp.StatusCode != tc.code && (tc.alt == 0 || resp.StatusCode != tc.alt) {
				t.Errorf("status %d, want %d: %.200s", resp.StatusCode, tc.code, body)
			}
			if resp.StatusCode != 200 {
				var e struct{ Error string }
				if json.Unmarshal(body, &e) != nil || e.Error == "" {
					t.Errorf("an error without {\"error\": ...}: %.200s", body)
				}
			} else if resp.Header.Get("Content-Type") == "application/json" {
				var ok struct{ Result []any }
				if err := json.Unmarshal(body, &ok); err != nil {
					t.Errorf("a 200 that is not a result: %.200s", body)
				}
				if len(ok.Result) > 50 {
					t.Errorf("%d rows past the cap of 50", len(ok.Result))
				}
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak {
				peak = ms.HeapInuse
			}
		})
	}
	close(stopHealth)
	// Under the race detector a script allocating gigabytes stalls the
	// whole process in the collector; without it /healthz never misses.
	if n := <-healthDone; n > 0 && !raceEnabled {
		t.Errorf("/healthz failed %d times during the run", n)
	}
	// The memory watch samples every few milliseconds, and one string
	// doubling is a single allocation, so the heap can overshoot the 128 MiB
	// budget several times over before a script is stopped; unbounded, the
	// same scripts reach tens of GiB.
	if peak > 2<<30 {
		t.Errorf("heap peaked at %d MiB", peak>>20)
	}
}

// TestSlowBodyAndPileUp: a client sending a byte a second does not hold a
// query slot, and a flood of slow queries gets 503s, not a pile-up.
func TestConcurrentSlowQueriesGet503(t *testing.T) {
	if testing.Short() {
		t.Skip("runs slow queries; skipped with -short")
	}
	srv := httptest.NewServer(New(wired(testgraph.Cayley(t), gizmo.Config{Timeout: 20 * time.Second, MaxConcurrent: 2, QueueWait: 20 * time.Millisecond}, Config{})))
	defer srv.Close()
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	const n = 1000
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// distinct queries, so the cache and singleflight cannot help
			q := fmt.Sprintf(`var id = %d; var t = Date.now(); while (Date.now() - t < 500) {}; g.V("<alice>").all()`, i)
			resp, err := http.Post(srv.URL+"/api/v1/query/gizmo", "text/plain", strings.NewReader(q))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	if codes[503] == 0 || codes[200] == 0 || codes[200]+codes[503] != n {
		t.Errorf("status counts %v: want some 200s, the rest 503", codes)
	}
}

// TestSlowBodyGets408: a client trickling its body a byte at a time is cut
// off at the body timeout with 408, and the server keeps answering others.
func TestSlowBodyGets408(t *testing.T) {
	srv := httptest.NewServer(New(wired(testgraph.Cayley(t), gizmo.Config{}, Config{BodyTimeout: 700 * time.Millisecond})))
	defer srv.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `g.V("<alice>").out("<follows>").out("<follows>").all()`
	fmt.Fprintf(conn, "POST /api/v1/query/gizmo HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", len(body))
	start := time.Now()
	go func() {
		for i := 0; i < len(body); i++ {
			if _, err := conn.Write([]byte{body[i]}); err != nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 408 {
		t.Errorf("status %d, want 408", resp.StatusCode)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s to cut off the slow body", d)
	}
	if r, err := http.Get(srv.URL + "/healthz"); err != nil || r.StatusCode != 200 {
		t.Errorf("healthz after a slow client: %v", err)
	}
}
