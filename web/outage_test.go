package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/graph/pgtest"
	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
)

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestStoreOutageIs503 serves a PostgreSQL store through a TCP proxy, then
// cuts the proxy as a database outage would: queries, writes, export and
// /readyz must answer 503 with Retry-After (the store's fault, logged), not
// 400 "GoError: dial tcp ... refused" for a query and 500 for a write as
// before; once the proxy is back everything answers again by itself.
func TestStoreOutageIs503(t *testing.T) {
	db := pgtest.NewDatabase(t)
	proxy := pgtest.NewProxy(t, db)
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{Backend: graph.BackendPostgres, Path: proxy.URL(db)})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.WriteNQuads(ctx, strings.NewReader("<alice> <follows> <bob> .\n<bob> <follows> <carol> .\n")); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	e := query.New(store, query.Config{CacheSize: 0, Timeout: 5 * time.Second})
	srv := httptest.NewServer(New(Config{
		Engine: e, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Writer: &loader.StoreWriter{Store: store, Extractor: loader.New()}, WriteToken: token,
		Ready: func(ctx context.Context) error {
			ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			return store.Ping(ctx)
		},
	}))
	defer srv.Close()

	type call struct{ name, method, path, body string }
	calls := []call{
		{"gizmo", "POST", "/api/v1/query/gizmo", `g.V("<alice>").out("<follows>").all()`},
		{"gizmo v2", "GET", `/api/v2/query?lang=gizmo&qu=g.V("<bob>").out("<follows>").all()`, ""},
		{"write", "POST", "/api/v2/write", "<carol> <follows> <dave> .\n"},
		{"export", "GET", "/api/v2/read", ""},
		{"readyz", "GET", "/readyz", ""},
	}
	send := func(c call) (int, string, string) {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err.Error(), ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header.Get("Retry-After")
	}
	for _, c := range calls {
		if code, body, _ := send(c); code != 200 {
			t.Fatalf("%s before the outage: %d %s", c.name, code, body)
		}
	}

	proxy.Cut()
	for _, c := range calls {
		code, body, retry := send(c)
		if code != 503 || retry == "" || !strings.Contains(body, "unavailable") {
			t.Errorf("%s during the outage: %d %q Retry-After %q; want 503, the store unavailable, Retry-After", c.name, code, body, retry)
		}
	}
	if !strings.Contains(logs.String(), "store unavailable") {
		t.Errorf("the outage was not logged:\n%s", logs.String())
	}

	proxy.Restore()
	deadline := time.Now().Add(15 * time.Second)
	for _, c := range calls {
		for {
			code, body, _ := send(c)
			if code == 200 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s after the store came back: %d %s", c.name, code, body)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
