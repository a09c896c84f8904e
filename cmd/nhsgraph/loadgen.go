package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The load generator drives a running nhsgraph on loopback with a mixed
// workload and reports latency per kind of request. It refuses any address
// that is not loopback, and it is bounded both in time and in requests.

type loadKind struct {
	name  string
	req   func(i int64) (*http.Request, error)
	fixed bool // every request is the same: its bytes are made once
}

func loadKinds(base string) []loadKind {
	gizmo := func(q string) (*http.Request, error) {
		return http.NewRequest("POST", base+"/api/v1/query/gizmo", strings.NewReader(q))
	}
	names := []string{"nhs", "digital", "fund", "app", "gould", "aspirant", "care", "ai", "england", "data"}
	return []loadKind{
		{"gizmo-cached", func(int64) (*http.Request, error) {
			return gizmo(`g.V().has("<rdf:type>", "<nhs:Fund>").tag("fund").out("<nhs:funds>").tag("programme").all()`)
		}, false},
		{"gizmo-uncached", func(i int64) (*http.Request, error) {
			// a different literal each time: the cache cannot answer it
			return gizmo(fmt.Sprintf(`g.V("<nhs:org/nhsx>").out("<nhs:partneredWith>").has("<schema:name>", "n%d").all(); g.V("<nhs:org/nhsx>").out().all()`, i))
		}, false},
		{"entity-search", func(i int64) (*http.Request, error) {
			return http.NewRequest("GET", base+"/api/v1/entities?limit=10&q="+url.QueryEscape(names[i%int64(len(names))]), nil)
		}, false},
		{"paths", func(i int64) (*http.Request, error) {
			to := []string{"nhs:person/matthew-gould", "nhs:fund/adoption-fund", "nhs:org/cheshire-and-mersey-ics", "nhs:programme/digital-aspirant-programme"}
			return http.NewRequest("GET", base+"/api/v1/paths?max_hops=4&k=3&from=nhs:org/nhsx&to="+url.QueryEscape(to[i%int64(len(to))]), nil)
		}, false},
	}
}

// loopbackOnly refuses targets that are not this machine.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%w: --addr %q: %v", errUsage, addr, err)
	}
	ips, err := net.LookupIP(host)
	if err != nil {
		return fmt.Errorf("%w: --addr %q: %v", errUsage, addr, err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%w: the load generator only drives loopback addresses, not %s", errUsage, ip)
		}
	}
	return nil
}

func runLoadgen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var addr string
	var clients int
	var dur time.Duration
	var maxReq int64
	var oneQuery string
	fs := newFlagSet("loadgen", "loadgen [flags]",
		"Drives a running nhsgraph on loopback with a mixed workload (cached and uncached\nGizmo, entity search, paths) and prints throughput and p50/p99 latency per kind.", stderr)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "the server (loopback only)")
	fs.IntVar(&clients, "clients", 64, "concurrent clients")
	fs.DurationVar(&dur, "duration", 60*time.Second, "how long to run")
	fs.Int64Var(&maxReq, "max-requests", 5_000_000, "stop after this many requests")
	fs.StringVar(&oneQuery, "query", "", "send only this Gizmo query to /api/v1/query/gizmo (for side-by-side runs against any Cayley-compatible server)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := loopbackOnly(addr); err != nil {
		return err
	}
	kinds := loadKinds("http://" + addr)
	if oneQuery != "" {
		kinds = []loadKind{{"gizmo-query", func(int64) (*http.Request, error) {
			return http.NewRequest("POST", "http://"+addr+"/api/v1/query/gizmo", strings.NewReader(oneQuery))
		}, true}}
	}
	rep, err := driveLoad(ctx, kinds, clients, dur, maxReq)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, rep)
	if rep.unexpected > 0 {
		return fmt.Errorf("%d requests failed with something other than a deliberate 503", rep.unexpected)
	}
	return nil
}

type loadReportLine struct {
	n         int
	durations []time.Duration
	codes     map[int]int
}

type loadResult struct {
	kinds      []string
	lines      map[string]*loadReportLine
	total      int64
	unexpected int64
	took       time.Duration
	clients    int
}

func (r *loadResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests in %s from %d clients: %.0f requests/s\n", r.total, r.took.Round(time.Millisecond), r.clients, float64(r.total)/r.took.Seconds())
	fmt.Fprintf(&b, "%-16s %8s %10s %10s  %s\n", "kind", "requests", "p50", "p99", "statuses")
	for _, k := range r.kinds {
		l := r.lines[k]
		sort.Slice(l.durations, func(i, j int) bool { return l.durations[i] < l.durations[j] })
		pct := func(p float64) time.Duration {
			if len(l.durations) == 0 {
				return 0
			}
			return l.durations[int(p*float64(len(l.durations)-1))]
		}
		fmt.Fprintf(&b, "%-16s %8d %10s %10s  %v\n", k, l.n, pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), l.codes)
	}
	return b.String()
}

// driveLoad runs the workload: each client picks the kinds in turn.
func driveLoad(ctx context.Context, kinds []loadKind, clients int, dur time.Duration, maxReq int64) (*loadResult, error) {
	res := &loadResult{lines: map[string]*loadReportLine{}, clients: clients}
	for _, k := range kinds {
		res.kinds = append(res.kinds, k.name)
		res.lines[k.name] = &loadReportLine{codes: map[int]int{}}
	}
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var count atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var conn loadConn
			defer conn.close()
			for i := int64(c); ctx.Err() == nil; i += int64(clients) {
				n := count.Add(1)
				if n > maxReq {
					return
				}
				k := kinds[int(n)%len(kinds)]
				req, err := k.req(i)
				if err != nil {
					return
				}
				t0 := time.Now()
				code, err := conn.do(req, k.fixed)
				if err != nil && ctx.Err() != nil {
					return // the run is over
				}
				d := time.Since(t0)
				mu.Lock()
				l := res.lines[k.name]
				l.n++
				l.durations = append(l.durations, d)
				l.codes[code]++
				res.total++
				if code != 200 && code != 503 {
					res.unexpected++
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	res.took = time.Since(start)
	return res, nil
}

// loadConn is one client's keep-alive connection. Each client writes its
// request and reads the answer on its own connection, as wrk does, rather
// than through net/http's Transport, whose two goroutines per connection
// and hand-overs per request cost about as much CPU as the server's side of
// a cached answer: on two cores the generator would take from the server
// being measured more than it must. For the same reason a request that is
// the same every time is written once and its bytes sent again.
type loadConn struct {
	c   net.Conn
	br  *bufio.Reader
	buf bytes.Buffer
	raw []byte // the request's bytes, when every request is the same
}

// do sends req (or, with fixed, the bytes of the first request it sent)
// and reads the whole answer, returning its status code (0 when the
// exchange failed); it reconnects when the server closed the connection or
// the exchange failed.
func (lc *loadConn) do(req *http.Request, fixed bool) (int, error) {
	if lc.c == nil {
		c, err := net.Dial("tcp", req.URL.Host)
		if err != nil {
			return 0, err
		}
		lc.c, lc.br = c, bufio.NewReader(c)
	}
	if lc.raw == nil || !fixed {
		lc.buf.Reset()
		if err := req.Write(&lc.buf); err != nil {
			return 0, err
		}
		lc.raw = lc.buf.Bytes()
	}
	lc.c.SetDeadline(time.Now().Add(30 * time.Second))
	_, err := lc.c.Write(lc.raw)
	code, closed := 0, false
	if err == nil {
		code, closed, err = readAnswer(lc.br, req)
	}
	if err != nil || closed {
		lc.close()
	}
	return code, err
}

func (lc *loadConn) close() {
	if lc.c != nil {
		lc.c.Close()
		lc.c = nil
	}
}

// readAnswer reads one HTTP/1.1 response to req from br with
// http.ReadResponse, past its body: its status code, and whether the
// connection cannot carry another exchange.
func readAnswer(br *bufio.Reader, req *http.Request) (code int, closed bool, err error) {
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		return 0, true, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Close || err != nil, err
}
