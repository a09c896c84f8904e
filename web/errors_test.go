package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// TestErrorTable answers each kind of error through the one table:
// its status, {"error": "..."} (never a 200 with an error inside), a
// Retry-After on 503, and 500 "internal error", logged, for an error the
// table does not know.
func TestErrorTable(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, tc := range []struct {
		name string
		err  error
		code int
		body string
	}{
		{"client's own mistake", newProblem(errBadRequest, "limit must be a whole number"), 400, "limit must be a whole number"},
		{"script error", fmt.Errorf("%w: ReferenceError: x is not defined", gizmo.ErrSyntax), 400, "query error: ReferenceError: x is not defined"},
		{"bad parameter", fmt.Errorf("%w: k must be 1 to 50", analyst.ErrBadParam), 400, "bad parameter: k must be 1 to 50"},
		{"bad N-Quads", fmt.Errorf("%w: line 3", graph.ErrBadInput), 400, "line 3"},
		{"no token", newProblem(errNoAuth, "writes need a token"), 401, "writes need a token"},
		{"wrong token", newProblem(errForbidden, "wrong write token"), 403, "wrong write token"},
		{"unknown node", fmt.Errorf("%w: no node x", analyst.ErrNotFound), 404, "not found: no node x"},
		{"name of two documents", fmt.Errorf("%w: another document", graph.ErrConflict), 409, "another document"},
		{"ambiguous name", &analyst.AmbiguousError{Name: "NHS", Candidates: []analyst.Hit{{NodeRef: analyst.NodeRef{ID: "<a>"}}, {NodeRef: analyst.NodeRef{ID: "<b>"}}}}, 409, "could be any of 2"},
		{"body too large", newProblem(errTooLarge, "request body is over 1 bytes"), 413, "over 1 bytes"},
		{"write too large", fmt.Errorf("%w: 250001 quads", graph.ErrTooLarge), 413, "250001 quads"},
		{"store down", fmt.Errorf("%w: dial tcp: refused", graph.ErrUnavailable), 503, "refused"},
		{"no slot", gizmo.ErrBusy, 503, "too many queries"},
		{"deadline", fmt.Errorf("%w: it ran past the server's time limit", gizmo.ErrTimeout), 504, "time limit"},
		{"a bug", errors.New("nil map"), 500, "internal error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			code := s.writeErr(w, httptest.NewRequest("GET", "/x", nil), tc.err, "internal error")
			var body map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", w.Body, err)
			}
			msg, _ := body["error"].(string)
			if code != tc.code || w.Code != tc.code || !strings.Contains(msg, tc.body) || w.Header().Get("Content-Type") != "application/json" {
				t.Errorf("got %d (%d) %s, want %d with %q", w.Code, code, w.Body, tc.code, tc.body)
			}
			if (tc.code == 503) != (w.Header().Get("Retry-After") != "") {
				t.Errorf("status %d with Retry-After %q", w.Code, w.Header().Get("Retry-After"))
			}
		})
	}
	if !strings.Contains(logs.String(), "nil map") || !strings.Contains(logs.String(), "store unavailable") {
		t.Errorf("the bug and the outage were not logged:\n%s", logs.String())
	}
}

// TestWebLeavesWritesToTheService keeps web to translating HTTP: writes
// reach the store through the Writer that cmd wires, so web links no
// loader, and takes nothing from graph but its error kinds.
func TestWebLeavesWritesToTheService(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "github.com/nhsgraph/nhsgraph/loader" {
			t.Errorf("web depends on %s", dep)
		}
	}
	fset := gotoken.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range pkgs["web"].Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "graph" && !strings.HasPrefix(sel.Sel.Name, "Err") {
					t.Errorf("%s: web uses graph.%s", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}
