package query

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// SchemaTerm is a documented type or predicate with how often the store
// uses it now.
type SchemaTerm struct {
	ngraph.Term
	Count int64 `json:"count"`
}

// schemaCache holds the last schema answer and the generation it is for.
type schemaCache struct {
	mu   sync.Mutex
	gen  uint64
	body []byte
}

// Schema answers GET /api/v1/schema: every term of graph.Schema with live
// counts (quads per predicate, nodes per type), plus any predicate the store
// holds that the schema does not document (from imported N-Quads). The
// answer is computed once per graph generation.
func (e *Engine) Schema(ctx context.Context) ([]byte, error) {
	gen := e.store.Generation()
	e.schema.mu.Lock()
	defer e.schema.mu.Unlock()
	if e.schema.body != nil && e.schema.gen == gen {
		return e.schema.body, nil
	}
	qs := e.store.QuadStore()
	preds := map[quad.Value]int64{}
	types := map[quad.Value]int64{}
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		q := qs.Quad(it.Result())
		preds[q.Predicate]++
		if q.Predicate == ngraph.RDFType {
			types[q.Object]++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, classify(ctx, nil, err)
	}
	if err := it.Err(); err != nil {
		return nil, e.store.Unavailable(err)
	}
	out := struct {
		Prefixes []struct{ Prefix, Namespace string } `json:"prefixes"`
		Terms    []SchemaTerm                         `json:"terms"`
		Other    map[string]int64                     `json:"undocumented_predicates,omitempty"`
	}{Prefixes: ngraph.Prefixes}
	known := map[quad.Value]bool{}
	for _, t := range ngraph.Schema {
		n := preds[t.IRI]
		if t.Kind == "type" {
			n = types[t.IRI]
		}
		known[t.IRI] = true
		out.Terms = append(out.Terms, SchemaTerm{Term: t, Count: n})
	}
	for p, n := range preds {
		if !known[p] {
			if out.Other == nil {
				out.Other = map[string]int64{}
			}
			out.Other[quad.StringOf(p)] = n
		}
	}
	body, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	e.schema.gen, e.schema.body = gen, append(body, '\n')
	return e.schema.body, nil
}
