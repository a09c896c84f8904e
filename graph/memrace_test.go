package graph

import (
	"context"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestMemoryStoreAllIteratorsConcurrently builds the memory store's "all"
// iterators from many goroutines at once: under -race it fails if their
// making is not serialised (Cayley's memstore marks itself read with an
// unguarded write).
func TestMemoryStoreAllIteratorsConcurrently(t *testing.T) {
	st, err := Open(context.Background(), Config{Backend: BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.QuadStore().ApplyDeltas([]graph.Delta{{Quad: quad.Make(quad.IRI("a"), quad.IRI("p"), quad.IRI("b"), nil), Action: graph.Add}}, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				st.QuadStore().NodesAllIterator().Close()
				st.QuadStore().QuadsAllIterator().Close()
			}
		})
	}
	wg.Wait()
}
