package gizmo

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

var update = flag.Bool("update", false, "rewrite the answers in docs/QUERIES.md from the seeds graph")

const queriesDoc = "../../docs/QUERIES.md"

// docQuery is a gizmo block and the json block right after it.
var docQuery = regexp.MustCompile("(?s)```gizmo\n(.*?)```(\\s*)```json\n(.*?)```")

// TestQueriesDoc runs every query in docs/QUERIES.md against the seeds and
// checks the answer printed under it, so the worked questions never go
// stale. With -update it writes the answers instead.
func TestQueriesDoc(t *testing.T) {
	doc, err := os.ReadFile(queriesDoc)
	if err != nil {
		t.Fatal(err)
	}
	e := New(testgraph.Seeds(t), Config{})
	matches := docQuery.FindAllSubmatchIndex(doc, -1)
	if len(matches) < 15 {
		t.Fatalf("%s has %d questions with answers, want at least 15", queriesDoc, len(matches))
	}
	if n := bytes.Count(doc, []byte("```gizmo\n")); n != len(matches) {
		t.Errorf("%d gizmo blocks but %d answers: every query needs a json block right after it", n, len(matches))
	}
	var out bytes.Buffer
	last := 0
	for _, m := range matches {
		q, answer := string(doc[m[2]:m[3]]), string(doc[m[6]:m[7]])
		a, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: q, Limit: -1})
		if err != nil {
			t.Errorf("query fails: %v\n%s", err, q)
			continue
		}
		got := distinctRows(t, a.Body)
		if got == "" {
			t.Errorf("query answers nothing on the seeds; pick a question with an answer:\n%s", q)
		}
		if !*update && got != answer {
			t.Errorf("the answer printed for\n%s\nis\n%s\nbut the seeds give\n%s(run go test ./query -run TestQueriesDoc -update after a loader change)", q, answer, got)
		}
		out.Write(doc[last:m[6]])
		out.WriteString(got)
		last = m[7]
	}
	out.Write(doc[last:])
	if *update && !bytes.Equal(out.Bytes(), doc) {
		if err := os.WriteFile(queriesDoc, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the answers in %s", queriesDoc)
	}
}

// distinctRows prints a Gizmo answer's distinct rows, sorted, one JSON
// value a line.
func distinctRows(t testing.TB, body []byte) string {
	t.Helper()
	var res struct{ Result []any }
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&res); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range res.Result {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(r)
		rows = append(rows, b.String())
	}
	slices.Sort(rows)
	return strings.Join(slices.Compact(rows), "")
}
