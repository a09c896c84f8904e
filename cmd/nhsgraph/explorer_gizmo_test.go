package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// gizmoAnswer is a Gizmo answer's rows.
type gizmoAnswer struct {
	Result []map[string]any `json:"result"`
}

// TestExplorerGizmo uses the Gizmo console on the seeds as a newcomer
// would: an example from the list gives the API's rows; a name where an
// IRI belongs gets a hint with the IRI; errors are marked at their line;
// the history and the predicates are offered; a result of thousands of
// rows shows 500, says so, scrolls inside its panel and downloads whole as
// CSV; later steps do not send earlier queries again; and at the node cap
// the page says once what it left out.
func TestExplorerGizmo(t *testing.T) {
	needBrowser(t)
	addr := serveExplorer(t)
	p := openBrowser(t, desktop)
	p.open("http://" + addr + "/")
	run := func(script string) {
		t.Helper()
		p.focusOn(".cm-content")
		p.eval(`document.execCommand('selectAll')`, nil)
		p.typeText(script)
		p.rebuild("run", press("#run"))
	}

	// An example, run: the table holds the API's rows.
	p.run("example", choose("#gizmo-examples", "2"))
	var script string
	p.eval(`document.querySelector('.cm-content').innerText`, &script)
	p.rebuild("run example", press("#run"))
	var api gizmoAnswer
	call(t, http.MethodPost, "http://"+addr+"/api/v1/query/gizmo?limit=501", script, &api)
	var rows int
	p.eval(`document.querySelectorAll('#gizmo-table tbody tr').length`, &rows)
	if len(api.Result) == 0 || rows != len(api.Result) || p.text("#gizmo-count") != fmt.Sprintf("%d rows Download CSV", len(api.Result)) {
		t.Errorf("the example %q shows %d rows (%q); the API has %d", script, rows, p.text("#gizmo-count"), len(api.Result))
	}
	p.shot("explorer-gizmo.png")
	var view exportedView
	if err := json.Unmarshal(p.download("#json", "nhsgraph-view.json"), &view); err != nil || view.Gizmo == nil || view.Gizmo.Script != script || len(view.Gizmo.Rows) != len(api.Result) {
		t.Errorf("the JSON export does not carry the Gizmo rows shown (%v)", err)
	}

	// A name where g.V() wants an IRI: the hint names the IRI and puts it in.
	var id string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.dataset.id).find(x => x !== '<nhs:org/nhsx>')`, &id)
	name := entityName(t, addr, id)
	run(`g.V(` + jsString(name) + `).out().all()`)
	p.run("hint", seen("#gizmo-hint button.use-iri"))
	if hint := p.text("#gizmo-hint"); !strings.Contains(hint, id) {
		t.Errorf("the hint for g.V(%q) is %q; it should name %s", name, hint, id)
	}
	p.run("use the IRI", press("#gizmo-hint button.use-iri"))
	p.eval(`document.querySelector('.cm-content').innerText`, &script)
	if !strings.Contains(script, `g.V(`+jsString(id)+`)`) {
		t.Errorf("after Use, the editor holds %q", script)
	}

	// Errors are marked at their line, syntax and runtime alike.
	for _, bad := range []string{"g.V()\n  .noSuchStep()", "g.V(\n.all()"} {
		run(bad)
		var line int
		p.eval(`(() => { const m = document.querySelector('.cm-lintRange-error'); return m ? [...document.querySelectorAll('.cm-line')].indexOf(m.closest('.cm-line')) + 1 : 0; })()`, &line)
		if msg := p.text("#gizmo-error"); !strings.HasPrefix(msg, "Line 2, column ") || line != 2 {
			t.Errorf("%q: the error says %q and is marked on line %d, want line 2", bad, msg, line)
		}
	}
	if v := p.axe("a Gizmo error"); len(v) > 0 {
		t.Errorf("axe-core on a Gizmo error: %q", v)
	}

	// Later steps do not send earlier queries again, failed ones included.
	queries := func() int {
		var n int
		p.eval(`performance.getEntriesByType('resource').filter(r => r.name.includes('/api/v1/query/gizmo')).length`, &n)
		return n
	}
	sent := queries()
	p.rebuild("undo", press("#undo"))
	if again := queries(); again != sent {
		t.Errorf("rebuilding the view sent %d Gizmo queries again", again-sent)
	}

	// History and predicates.
	var history, preds []string
	p.eval(`[...document.querySelectorAll('#gizmo-history option')].slice(1).map(o => o.title)`, &history)
	p.eval(`[...document.querySelectorAll('#gizmo-predicates option')].slice(1).map(o => o.value)`, &preds)
	if len(history) < 4 || history[0] != "g.V(\n.all()" {
		t.Errorf("the history offers %q", history)
	}
	if len(preds) < 5 || !slices.Contains(preds, "<schema:name>") {
		t.Errorf("the predicates offered: %q", preds)
	}
	p.focusOn(".cm-content")
	p.eval(`document.execCommand('selectAll')`, nil)
	p.typeText("g.V().out()")
	p.run("predicate", choose("#gizmo-predicates", preds[0]))
	p.eval(`document.querySelector('.cm-content').innerText`, &script)
	if !strings.Contains(script, `"`+preds[0]+`"`) {
		t.Errorf("choosing %s leaves the editor with %q", preds[0], script)
	}

	// Thousands of rows: 500 shown, said so, inside the panel; the CSV
	// holds them all, as the API gives them.
	all := `g.V().all()`
	run(all)
	call(t, http.MethodPost, "http://"+addr+"/api/v1/query/gizmo?limit=-1", all, &api)
	var fits bool
	p.eval(`document.documentElement.scrollHeight <= innerHeight && document.querySelector('#gizmo-result .scroll').scrollHeight > document.querySelector('#gizmo-result .scroll').clientHeight`, &fits)
	p.eval(`document.querySelectorAll('#gizmo-table tbody tr').length`, &rows)
	if rows != 500 || !strings.HasPrefix(p.text("#gizmo-count"), "The first 500 rows") || !fits || len(api.Result) <= 500 {
		t.Errorf("%d rows: %d shown (%q); the page fits the window with the rows scrolling inside: %v", len(api.Result), rows, p.text("#gizmo-count"), fits)
	}
	got, err := csv.NewReader(bytes.NewReader(p.download("#gizmo-csv", "nhsgraph-gizmo.csv"))).ReadAll()
	if err != nil || len(got) != len(api.Result)+1 || !slices.Equal(got[0], []string{"id"}) {
		t.Fatalf("the CSV has %d lines (%v), header %q; the API gives %d rows", len(got), err, got[0], len(api.Result))
	}
	// The CSV writes each value as the API does (numbers as JSON numbers).
	var raw struct {
		Result []map[string]json.RawMessage `json:"result"`
	}
	call(t, http.MethodPost, "http://"+addr+"/api/v1/query/gizmo?limit=-1", all, &raw)
	for i, r := range raw.Result {
		want := string(r["id"])
		var s string
		if json.Unmarshal(r["id"], &s) == nil {
			want = s
		}
		if got[i+1][0] != want {
			t.Errorf("CSV row %d is %q, the API's %s", i+1, got[i+1][0], r["id"])
			break
		}
	}

	checkCap(p, addr, run)
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw %d exceptions: %q", len(ex), ex)
	}
}

// isNode reports whether the graph has a node iri (as the entity endpoint
// sees it).
func isNode(t *testing.T, addr, iri string) bool {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/api/v1/entity?limit=1&iri=" + url.QueryEscape(strings.Trim(iri, "<>")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// checkCap fills the view past its 400 nodes with Gizmo queries: the view
// holds exactly 400, and the status says once how many were left out.
func checkCap(p *explorerPage, addr string, run func(string)) {
	t := p.t
	t.Helper()
	have := p.listed()
	var refused []string
	iri := regexp.MustCompile(`^<[^<>\s]+>$`)
	for skip := 0; skip < 1500; skip += 300 {
		script := fmt.Sprintf(`g.V().skip(%d).all()`, skip)
		run(script)
		var api gizmoAnswer
		call(t, http.MethodPost, "http://"+addr+"/api/v1/query/gizmo?limit=501", script, &api)
		// The page adds the first 100 IRIs a query names, those that are
		// nodes of the graph (not predicates).
		var ids []string
		for _, r := range api.Result {
			if s, _ := r["id"].(string); iri.MatchString(s) && !slices.Contains(ids, s) && len(ids) < 100 {
				ids = append(ids, s)
			}
		}
		for _, id := range ids {
			switch {
			case !isNode(t, addr, id):
			case slices.Contains(have, id):
			case len(have) < 400:
				have = append(have, id)
			case !slices.Contains(refused, id):
				refused = append(refused, id)
			}
		}
	}
	status := p.text("#status")
	if len(refused) == 0 {
		t.Fatalf("the queries reached only %d nodes", len(have))
	}
	want := fmt.Sprintf("The view holds 400 nodes, the most it lays out quickly: %d more were not added.", len(refused))
	if got := len(p.listed()); got != 400 || strings.Count(status, "The view holds") != 1 || !strings.Contains(status, want) {
		t.Errorf("at the cap: %d nodes listed; status %q, want it to say once %q", got, status, want)
	}
}
