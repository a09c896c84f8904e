package main

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
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
	"github.com/nhsgraph/nhsgraph/web"
)

const token = "s3cret-token"

// writableServer serves store with writes through the service serve
// wires: the loader for documents, their text kept for the explorer (the
// seeds' text is there from the start, as serve has it).
func writableServer(t *testing.T, store *graph.Store) (http.Handler, *graph.Store) {
	e := gizmo.New(store, gizmo.Config{CacheSize: 16})
	an := analyst.New(store, e)
	docs := documentTexts(an, false, nil)
	return web.New(web.Config{Engine: e, Analyst: an, Documents: docs, WriteToken: token,
		Writer: &writes{store: store, x: loader.New(), docs: docs}}), store
}

// doAuth sends one request, with auth as its Authorization header unless
// that is empty.
func doAuth(h http.Handler, method, target, body, auth string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return serveOne(h, req)
}

// do sends one request without credentials.
func do(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	return serveOne(h, httptest.NewRequest(method, target, strings.NewReader(body)))
}

func serveOne(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestDocumentUpload(t *testing.T) {
	srv, store := writableServer(t, testgraph.Cayley(t))
	doc := "NHSX annual report\n\nWe worked with NHS Digital on the NHS App. We delivered 40,000 laptops.\n"
	w := doAuth(srv, "POST", "/api/v1/documents?name=report.txt", doc, "Bearer "+token)
	if w.Code != 201 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var rep web.DocumentReport
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

// TestUploadKeepsDocumentIdentity uploads a document under a seed's file
// name with other text. Before, its quads were merged into the seed's: one
// sentence with two texts, two sha256 values, and /api/v1/document served
// the new text under the old title, so every evidence offset pointed into
// the wrong text. Now the upload is refused with 409 and the seed is as it
// was. Oversized uploads and writes get 413 and write nothing.
func TestUploadKeepsDocumentIdentity(t *testing.T) {
	srv, store := writableServer(t, testgraph.Seeds(t))
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
	var rep web.DocumentReport
	json.Unmarshal(w.Body.Bytes(), &rep)
	if w.Code != 201 || rep.Document != "<nhs:doc/other>" {
		t.Errorf("upload under a new name: %d %+v", w.Code, rep)
	}

	count, _ = store.Count(t.Context())
	big := strings.Repeat("NHSX worked with NHS Digital on the NHS App. ", web.MaxDocumentBytes/45+1)
	if w := doAuth(srv, "POST", "/api/v1/documents?name=big.txt", big, "Bearer "+token); w.Code != 413 {
		t.Errorf("a document over %d bytes: %d", web.MaxDocumentBytes, w.Code)
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
