package main

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

var curlQueryRe = regexp.MustCompile(`(?s)curl -s -X POST localhost:8080/api/v1/query/gizmo[ \\\n]*-d '(.*?)'`)

// TestReadmeExamplesAnswer runs every Gizmo query the README shows with
// curl against the seeds graph: each must succeed and return results, so
// a newcomer's first try never meets an empty answer.
func TestReadmeExamplesAnswer(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	found := curlQueryRe.FindAllStringSubmatch(string(b), -1)
	if len(found) < 4 {
		t.Fatalf("found %d curl examples in README.md, want at least 4", len(found))
	}
	ctx := context.Background()
	store := seededStore(t)
	e := gizmo.New(store, gizmo.Config{})
	for _, m := range found {
		q := strings.TrimSpace(m[1])
		t.Run(q, func(t *testing.T) {
			a, err := e.Run(ctx, gizmo.Request{Lang: "gizmo", Query: q})
			if err != nil {
				t.Fatal(err)
			}
			var body struct{ Result []any }
			json.Unmarshal(a.Body, &body)
			if len(body.Result) == 0 {
				t.Errorf("no results: %s", a.Body)
			}
		})
	}
}
