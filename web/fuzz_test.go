package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// FuzzQueryRequest sends any body and limit to both query endpoints: the
// answer is always one of the documented statuses with a JSON body, and
// the handler never panics.
func FuzzQueryRequest(f *testing.F) {
	f.Add(`g.V("<alice>").out("<follows>").all()`, "10", "gizmo")
	f.Add(`g.V(.all(`, "-1", "gizmo")
	f.Add(`while(true){}`, "", "gizmo")
	f.Add(`g.V().out(function(){}).all()`, "1e9", "sparql")
	f.Add("\xff\xfe", "0", "")
	store := testgraph.Cayley(f)
	srv := New(wired(store, gizmo.Config{Timeout: 100 * time.Millisecond, MaxResults: 20, MaxMemory: 64 << 20}, Config{}))
	// 301: the router cleans paths like /api/v1/query/. by redirecting
	allowed := map[int]bool{200: true, 301: true, 400: true, 404: true, 405: true, 413: true, 503: true, 504: true}
	f.Fuzz(func(t *testing.T, body, limit, lang string) {
		for _, target := range []string{
			"/api/v1/query/" + url.PathEscape(lang) + "?limit=" + url.QueryEscape(limit),
			"/api/v2/query?lang=" + url.QueryEscape(lang) + "&limit=" + url.QueryEscape(limit),
		} {
			req := httptest.NewRequest("POST", target, strings.NewReader(body))
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if !allowed[w.Code] {
				t.Fatalf("%s: status %d: %s", target, w.Code, w.Body)
			}
			if w.Code != 301 && !json.Valid(w.Body.Bytes()) {
				t.Fatalf("%s: body is not JSON: %q", target, w.Body)
			}
		}
	})
}
