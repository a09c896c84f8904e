package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
)

const token = "s3cret-token"

func writableServer(t *testing.T) (*Server, *graph.Store) {
	store := testgraph.Cayley(t)
	e := query.New(store, query.Config{CacheSize: 16})
	return New(Config{
		Engine:      e,
		Writer:      &loader.StoreWriter{Store: store, Extractor: loader.New()},
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

func TestDocumentUpload(t *testing.T) {
	srv, store := writableServer(t)
	doc := "NHSX annual report\n\nWe worked with NHS Digital on the NHS App. We delivered 40,000 laptops.\n"
	w := doAuth(srv, "POST", "/api/v1/documents?name=report.txt", doc, "Bearer "+token)
	if w.Code != 201 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var rep loader.Report
	json.Unmarshal(w.Body.Bytes(), &rep)
	if rep.Document != "<nhs:doc/report>" || rep.Added == 0 || rep.Added != rep.Quads {
		t.Errorf("report %+v", rep)
	}
	q := `g.V("<nhs:org/nhsx>").out("<nhs:partneredWith>").all()`
	if w := do(srv, "POST", "/api/v1/query/gizmo", q); !strings.Contains(w.Body.String(), "nhs:org/nhs-digital") {
		t.Errorf("the document's facts are not queryable: %s", w.Body)
	}
	// the same document again adds nothing
	w = doAuth(srv, "POST", "/api/v1/documents?name=report.txt", doc, "Bearer "+token)
	json.Unmarshal(w.Body.Bytes(), &rep)
	if rep.Added != 0 {
		t.Errorf("second upload added %d quads", rep.Added)
	}
	// binary is refused, and nothing is written
	before, _ := store.Count(t.Context())
	if w := doAuth(srv, "POST", "/api/v1/documents?name=x.png", "\x89PNG\x00\x00\x01", "Bearer "+token); w.Code != 400 {
		t.Errorf("binary upload: %d %s", w.Code, w.Body)
	}
	if after, _ := store.Count(t.Context()); after != before {
		t.Error("a refused upload changed the store")
	}
}

func TestReadOnlyServesNoWrites(t *testing.T) {
	srv, _ := newTestServer(t, query.Config{})
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

// TestUploadKeepsDocumentIdentity uploads a document under a seed's file
// name with other text. Before, its quads were merged into the seed's: one
// sentence with two texts, two sha256 values, and /api/v1/document served
// the new text under the old title, so every evidence offset pointed into
// the wrong text. Now the upload is refused with 409 and the seed is as it
// was. Oversized uploads and writes get 413 and write nothing.
func TestUploadKeepsDocumentIdentity(t *testing.T) {
	store := testgraph.Seeds(t)
	e := query.New(store, query.Config{CacheSize: 16})
	docs := seedDocuments(e)
	srv := New(Config{Engine: e, Documents: docs, WriteToken: token,
		Writer: KeepText(&loader.StoreWriter{Store: store, Extractor: loader.New()}, docs)})
	const seed = "002_b0f8b74bcd0c97da"
	sentence := `g.V("<nhs:doc/` + seed + `/s/1>").out("<schema:text>").all()`
	before := do(srv, "POST", "/api/v1/query/gizmo", sentence).Body.String()
	original := do(srv, "GET", "/api/v1/document/nhs:doc/"+seed, "").Body.String()
	count, _ := store.Count(t.Context())

	w := doAuth(srv, "POST", "/api/v1/documents?name="+seed+".txt", "A different text.\n\nNHSX worked with NHS Digital.\n", "Bearer "+token)
	if w.Code != 409 || !strings.Contains(w.Body.String(), "another document named <nhs:doc/"+seed+">") {
		t.Errorf("another text under a seed's name: %d %s, want 409", w.Code, w.Body)
	}
	if after := do(srv, "POST", "/api/v1/query/gizmo", sentence).Body.String(); after != before {
		t.Errorf("the seed's first sentence changed:\n%s\n%s", before, after)
	}
	if now := do(srv, "GET", "/api/v1/document/nhs:doc/"+seed, "").Body.String(); now != original {
		t.Errorf("the seed's text changed: %.200s", now)
	}
	if n, _ := store.Count(t.Context()); n != count {
		t.Errorf("a refused upload changed the store: %d -> %d quads", count, n)
	}

	// a new name is a new document, named as everywhere else
	w = doAuth(srv, "POST", "/api/v1/documents?name=other.txt", "NHSX worked with NHS Digital.\n", "Bearer "+token)
	var rep loader.Report
	json.Unmarshal(w.Body.Bytes(), &rep)
	if w.Code != 201 || rep.Document != "<nhs:doc/other>" {
		t.Errorf("upload under a new name: %d %+v", w.Code, rep)
	}

	count, _ = store.Count(t.Context())
	big := strings.Repeat("NHSX worked with NHS Digital on the NHS App. ", MaxDocumentBytes/45+1)
	if w := doAuth(srv, "POST", "/api/v1/documents?name=big.txt", big, "Bearer "+token); w.Code != 413 {
		t.Errorf("a document over %d bytes: %d", MaxDocumentBytes, w.Code)
	}
	var many strings.Builder
	for i := range graph.MaxWriteQuads + 1 {
		fmt.Fprintf(&many, "<s%d> <p> <o> .\n", i)
	}
	if w := doAuth(srv, "POST", "/api/v2/write", many.String(), "Bearer "+token); w.Code != 413 || !strings.Contains(w.Body.String(), "quads") {
		t.Errorf("%d quads in one write: %d %.200s", graph.MaxWriteQuads+1, w.Code, w.Body)
	}
	if n, _ := store.Count(t.Context()); n != count {
		t.Errorf("refused writes changed the store: %d -> %d quads", count, n)
	}
}
