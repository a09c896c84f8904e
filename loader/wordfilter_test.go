package loader

import (
	"maps"
	"slices"
	"testing"
)

// TestWordFilter checks that a filter never rules out one of its words
// (long ones included) and does rule out common words.
func TestWordFilter(t *testing.T) {
	words := []string{"january", "may", "sept", "a", "half", "internationalisation", "counter-revolutionary"}
	f := newWordFilter(slices.Values(words), maps.Keys(ruleTens))
	for _, w := range append(words, slices.Collect(maps.Keys(ruleTens))...) {
		if !f.mayHold(w) {
			t.Errorf("%q ruled out", w)
		}
	}
	for _, w := range []string{"", "the", "and", "data", "march", "an", "internationalism"} {
		if f.mayHold(w) {
			t.Errorf("%q not ruled out", w)
		}
	}
	for w := range dateMonths {
		if !dateMonthFilter.mayHold(w) {
			t.Errorf("month %q ruled out", w)
		}
	}
	for _, m := range []map[string]int{ruleSmall, ruleTens} {
		for w := range m {
			if !qtyStartFilter.mayHold(w) {
				t.Errorf("number %q ruled out", w)
			}
		}
	}
}
