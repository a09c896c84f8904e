package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

// seedDocuments serves the text of the built-in documents.
func seedDocuments(e *query.Engine) *query.Documents {
	docs := query.NewDocuments(e)
	for _, f := range nhsgraph.Seeds() {
		docs.Add(f.Name, f.Data)
	}
	return docs
}

// TestDocumentText checks that an evidence sentence's offsets, from the
// entity endpoint, pick out that very sentence in the document's text.
func TestDocumentText(t *testing.T) {
	engine := query.New(testgraph.Seeds(t), query.Config{})
	srv := New(Config{Engine: engine, Documents: seedDocuments(engine)})
	get := func(target string, v any) int {
		t.Helper()
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if v != nil && w.Code == http.StatusOK {
			if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
				t.Fatalf("%s: %v", target, err)
			}
		}
		return w.Code
	}
	var ent query.EntityResult
	if code := get("/api/v1/entity/nhs:org/nhsx", &ent); code != 200 {
		t.Fatalf("entity: %d", code)
	}
	checked := 0
	for _, g := range ent.Out {
		for _, e := range g.Edges {
			for _, ev := range e.Evidence {
				if ev.Start == nil || ev.End == nil || checked >= 20 {
					continue
				}
				var doc query.Document
				if code := get("/api/v1/document/"+strings.Trim(ev.Document, "<>"), &doc); code != 200 {
					t.Fatalf("document %s: status %d", ev.Document, code)
				}
				if doc.Title != ev.Title || doc.File != ev.File {
					t.Errorf("document %s: got %q %q, want %q %q", ev.Document, doc.Title, doc.File, ev.Title, ev.File)
				}
				got := strings.Join(strings.Fields(doc.Text[*ev.Start:*ev.End]), " ")
				if got != ev.Text {
					t.Errorf("%s [%d:%d]:\n got %q\nwant %q", ev.Document, *ev.Start, *ev.End, got, ev.Text)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no evidence with offsets to check")
	}
	tests := []struct {
		name, target string
		code         int
	}{
		{"not a document", "/api/v1/document/nhs:org/nhsx", 404},
		{"no such node", "/api/v1/document/nhs:doc/nothing", 404},
		{"no iri", "/api/v1/document", 400},
		{"by query", "/api/v1/document?iri=" + "%3Cnhs:doc/000_e1e5bc49c98c574a%3E", 200},
		{"full IRI in the path", "/api/v1/document/https://w3id.org/nhsgraph/doc/000_e1e5bc49c98c574a", 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := get(tc.target, nil); got != tc.code {
				t.Errorf("got %d, want %d", got, tc.code)
			}
		})
	}
	// a server that was not handed the bytes says so
	bare := New(Config{Engine: engine, Documents: query.NewDocuments(engine)})
	w := httptest.NewRecorder()
	bare.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/document/nhs:doc/000_e1e5bc49c98c574a", nil))
	if w.Code != 404 || !strings.Contains(w.Body.String(), "does not hold the text") {
		t.Errorf("without text: %d %s", w.Code, w.Body)
	}
}

// TestPageCSP checks the page's Content-Security-Policy allows only our own
// scripts, and that the page, built or not, holds no inline script.
func TestPageCSP(t *testing.T) {
	srv := New(Config{Engine: query.New(testgraph.Cayley(t), query.Config{})})
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q", csp)
	}
	body := w.Body.String()
	for _, bad := range []string{"<script>", " onload=", " onclick=", " onerror=", "javascript:"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if assetFS() == nil && !strings.Contains(body, "npm ci") {
		t.Errorf("without assets the page should say how to build them:\n%s", body)
	}
}
