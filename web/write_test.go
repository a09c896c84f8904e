package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

const token = "s3cret-token"

func writableServer(t *testing.T) (*Server, *graph.Store) {
	store := testgraph.Cayley(t)
	e := gizmo.New(store, gizmo.Config{CacheSize: 16})
	return New(Config{
		Engine:      e,
		Analyst:     analyst.New(store, e),
		Writer:      quadWrites{store},
		WriteToken:  token,
		CORSOrigins: []string{"https://analysts.example"},
	}), store
}

func doAuth(h http.Handler, method, target, body, auth string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestWritesNeedTheToken(t *testing.T) {
	srv, store := writableServer(t)
	before, _ := store.Count(t.Context())
	body := "<zoe> <follows> <alice> .\n"
	for _, tc := range []struct {
		name, auth string
		code       int
	}{
		{"no header", "", 401},
		{"not bearer", "Basic " + token, 401},
		{"empty bearer", "Bearer ", 401},
		{"wrong token", "Bearer nope", 403},
		{"token prefix only", "Bearer " + token[:5], 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v1/documents"} {
				if w := doAuth(srv, "POST", p, body, tc.auth); w.Code != tc.code {
					t.Errorf("%s: status %d, want %d: %s", p, w.Code, tc.code, w.Body)
				}
			}
		})
	}
	if after, _ := store.Count(t.Context()); after != before {
		t.Errorf("unauthorised requests changed the store: %d -> %d quads", before, after)
	}
}

func TestWriteDeleteAndTheCache(t *testing.T) {
	srv, _ := writableServer(t)
	q := `g.V("<zoe>").out("<follows>").all()`
	if w := do(srv, "POST", "/api/v1/query/gizmo", q); !strings.Contains(w.Body.String(), "null") {
		t.Fatalf("zoe exists before the write: %s", w.Body)
	}
	do(srv, "POST", "/api/v1/query/gizmo", q) // now cached
	w := doAuth(srv, "POST", "/api/v2/write", "<zoe> <follows> <alice> .\n<zoe> <status> \"new\" .\n", "Bearer "+token)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"count":2`) {
		t.Fatalf("write: %d %s", w.Code, w.Body)
	}
	w = do(srv, "POST", "/api/v1/query/gizmo", q)
	if w.Header().Get("X-Cache") != "MISS" || !strings.Contains(w.Body.String(), "alice") {
		t.Fatalf("after the write the answer was %s %s: a stale cache?", w.Header().Get("X-Cache"), w.Body)
	}
	w = doAuth(srv, "POST", "/api/v2/delete", "<zoe> <follows> <alice> .\n", "Bearer "+token)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"count":1`) {
		t.Fatalf("delete: %d %s", w.Code, w.Body)
	}
	if w := do(srv, "POST", "/api/v1/query/gizmo", q); strings.Contains(w.Body.String(), "alice") {
		t.Errorf("deleted quad still answered: %s", w.Body)
	}
}

func TestWritesAreAtomic(t *testing.T) {
	srv, store := writableServer(t)
	before, _ := store.Count(t.Context())
	// two good lines and a broken one: nothing lands
	w := doAuth(srv, "POST", "/api/v2/write", "<x1> <p> <y> .\n<x2> <p> <y> .\nthis is not n-quads\n", "Bearer "+token)
	if w.Code != 400 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if after, _ := store.Count(t.Context()); after != before {
		t.Errorf("a failed write changed the store: %d -> %d quads", before, after)
	}
	big := strings.Repeat("<a> <b> <c> .\n", MaxWriteBytes/14+10)
	if w := doAuth(srv, "POST", "/api/v2/write", big, "Bearer "+token); w.Code != 413 {
		t.Errorf("oversized write: %d", w.Code)
	}
}

func TestReadOnlyServesNoWrites(t *testing.T) {
	srv, _ := newTestServer(t, gizmo.Config{})
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v1/documents"} {
		w := doAuth(srv, "POST", p, "<a> <b> <c> .", "Bearer anything")
		if w.Code != 404 || !strings.Contains(w.Body.String(), "read-only") {
			t.Errorf("%s on a read-only server: %d %s", p, w.Code, w.Body)
		}
	}
}

func TestCORSAndSecurityHeaders(t *testing.T) {
	srv, _ := writableServer(t)
	req := httptest.NewRequest("GET", "/healthz", nil)
	req.Header.Set("Origin", "https://evil.example")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("an unlisted origin was allowed: %q", got)
	}
	for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if w.Header().Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
	req = httptest.NewRequest("OPTIONS", "/api/v1/query/gizmo", nil)
	req.Header.Set("Origin", "https://analysts.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "https://analysts.example" {
		t.Errorf("preflight from a listed origin: %d %v", w.Code, w.Header())
	}
	// pprof is not on the public port
	if w := do(srv, "GET", "/debug/pprof/", ""); w.Code != 404 {
		t.Errorf("/debug/pprof/ answered %d", w.Code)
	}
}

// quadWrites is the write service for web's tests: N-Quads into the store,
// and a document as one node holding its name, file and checksum. It does
// not read the document: web's tests never run the loader (uploads through
// the real loader are tested where the service is wired, in cmd/nhsgraph).
type quadWrites struct{ *graph.Store }

func (w quadWrites) AddDocument(ctx context.Context, name string, data []byte) (DocumentReport, error) {
	sum := sha256.Sum256(data)
	doc := quad.IRI("nhs:doc/" + strings.TrimSuffix(name, path.Ext(name)))
	quads := []quad.Quad{
		quad.Make(doc, graph.RDFType, graph.TypeDocument, doc),
		quad.Make(doc, graph.Name, quad.String(name), doc),
		quad.Make(doc, graph.File, quad.String(name), doc),
	}
	n, err := w.Store.AddDocument(ctx, doc, hex.EncodeToString(sum[:]), quads)
	if err != nil {
		return DocumentReport{}, err
	}
	return DocumentReport{Document: doc.String(), Title: name, Quads: len(quads), Added: n}, nil
}
