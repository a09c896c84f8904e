package query

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestMemoryBombsAreStopped runs scripts that grow memory without end: each
// must stop with ErrTooLarge well before the time limit, and the heap must
// come back down.
func TestMemoryBombsAreStopped(t *testing.T) {
	if raceEnabled {
		t.Skip("under -race the scripts allocate too slowly to reach the budget; covered by the plain run and web's hostile tests")
	}
	e := New(testgraph.Cayley(t), Config{Timeout: 20 * time.Second, MaxMemory: 64 << 20})
	for _, tc := range []struct{ name, q string }{
		{"string doubling", `var s = "x"; while (true) { s = s + s }`},
		{"array of strings", `var a = []; while (true) { a.push(new Array(100000).join("x")) }`},
		{"object graph", `var a = []; while (true) { a.push({x: [1,2,3,4,5,6,7,8], y: "abcdefgh"}) }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := e.Run(context.Background(), Request{Lang: "gizmo", Query: tc.q})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err %v, want ErrTooLarge", err)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("took %s: stopped by the clock, not by the memory watch", d)
			}
			// The answer comes at the stop; the script lets go of what it
			// built when its goroutine has unwound (a native call, such as
			// concatenating two huge strings, finishes first).
			for e.Stats().Running > 0 && time.Since(start) < 30*time.Second {
				time.Sleep(10 * time.Millisecond)
			}
			runtime.GC()
			if h := heapBytes(); h > 512<<20 {
				t.Errorf("heap still %d MiB after the query", h>>20)
			}
		})
	}
	// an ordinary query right after works
	if _, err := e.Run(context.Background(), Request{Lang: "gizmo", Query: `g.V("<alice>").all()`}); err != nil {
		t.Errorf("next query: %v", err)
	}
}
