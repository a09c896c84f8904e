package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
	"github.com/nhsgraph/nhsgraph/web"
)

func TestLoadgenRunsEveryKind(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
	e := gizmo.New(store, gizmo.Config{CacheSize: 64})
	srv := httptest.NewServer(web.New(web.Config{Engine: e, Analyst: analyst.New(store, e)}))
	defer srv.Close()
	res, err := driveLoad(ctx, loadKinds(srv.URL), 8, 30*time.Second, 400) // the request bound ends it, not the clock
	if err != nil {
		t.Fatal(err)
	}
	if res.unexpected > 0 {
		t.Errorf("%d unexpected statuses:\n%s", res.unexpected, res)
	}
	if res.total != 400 {
		t.Errorf("%d requests, want the bound of 400", res.total)
	}
	for _, k := range res.kinds {
		if res.lines[k].codes[200] == 0 {
			t.Errorf("%s never succeeded:\n%s", k, res)
		}
	}
	if err := loopbackOnly("192.0.2.1:80"); !errors.Is(err, errUsage) {
		t.Errorf("a non-loopback address was accepted: %v", err)
	}
	if err := loopbackOnly("localhost:8080"); err != nil {
		t.Errorf("localhost refused: %v", err)
	}
}

func TestReadAnswer(t *testing.T) {
	tests := []struct {
		name, in   string
		code       int
		closed     bool
		wantErr    bool
		restBefore string // what must be left unread: the next answer
	}{
		{"length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Cache: HIT\r\n\r\nhelloNEXT", 200, false, false, "NEXT"},
		{"chunked with a trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\nNEXT", 200, false, false, "NEXT"},
		{"close", "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", 503, true, false, ""},
		{"to the end", "HTTP/1.0 200 OK\r\n\r\nall of it", 200, true, false, ""},
		{"not HTTP", "SSH-2.0-OpenSSH\r\n", 0, true, true, ""},
		{"cut short", "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", 200, true, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tc.in))
			code, closed, err := readAnswer(br, httptest.NewRequest("POST", "/api/v1/query/gizmo", nil))
			if code != tc.code || closed != tc.closed || (err != nil) != tc.wantErr {
				t.Fatalf("got %d, closed %v, err %v; want %d, closed %v, error %v", code, closed, err, tc.code, tc.closed, tc.wantErr)
			}
			if rest, _ := io.ReadAll(br); !tc.wantErr && string(rest) != tc.restBefore {
				t.Errorf("left %q unread, want %q", rest, tc.restBefore)
			}
		})
	}
}

// TestLoadgenOneQuery drives a real server with one fixed query, the mode
// of the side-by-side runs, on a handler whose answers are chunked.
func TestLoadgenOneQuery(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if string(body) != `g.V().all()` {
			http.Error(w, "wrong body", http.StatusBadRequest)
			return
		}
		n.Add(1)
		w.Write([]byte(`{"result":[`))
		w.(http.Flusher).Flush() // chunked from here
		w.Write([]byte(`]}`))
	}))
	defer srv.Close()
	kind := loadKind{"q", func(int64) (*http.Request, error) {
		return http.NewRequest("POST", srv.URL+"/api/v1/query/gizmo", strings.NewReader(`g.V().all()`))
	}, true}
	res, err := driveLoad(context.Background(), []loadKind{kind}, 4, 30*time.Second, 200)
	if err != nil {
		t.Fatal(err)
	}
	if res.total != 200 || res.lines["q"].codes[200] != 200 || n.Load() != 200 {
		t.Errorf("%d requests, %d answered 200, %d seen by the server; want 200 of each:\n%s", res.total, res.lines["q"].codes[200], n.Load(), res)
	}
}
