package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// TestVerbFormsTable checks that the table of inflections verbForm reads
// says what the suffix rules say, for every word of the seeds, the dev
// set and the test documents, and for made-up forms of every known verb.
func TestVerbFormsTable(t *testing.T) {
	l := theLexicon()
	words := map[string]bool{}
	for _, glob := range []string{"../seeds/*.txt", "testdata/devset/*.txt", "testdata/*.txt", "testdata/*.md"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tokenizeWords(string(b), nil) {
				words[w.Low] = true
			}
		}
	}
	for b := range l.verbs {
		for _, s := range []string{"", "s", "es", "ed", "ing", "ings", "er", "ly", "eded"} {
			words[b+s] = true
		}
	}
	if len(words) < 5000 {
		t.Fatalf("only %d words to check", len(words))
	}
	for w := range words {
		b1, f1, both1 := l.verbForm(w)
		b2, f2, both2 := l.analyseVerb(w)
		if b1 != b2 || f1 != f2 || both1 != both2 {
			t.Errorf("%q: table says (%q, %v, %v), rules (%q, %v, %v)", w, b1, f1, both1, b2, f2, both2)
		}
	}
}

// TestPlainKey checks nameKey's short cut: a string it returns unchanged
// is what the long way makes of it, for every word and word pair of the
// seeds and for strings made to trip it.
func TestPlainKey(t *testing.T) {
	cases := []string{"nhs digital", "covid-19 response", "the nhs", "nhsx's", "a  b", " x", "x ", "ai lab", "£2m", "a&e",
		"nhs.uk", "24/7", "o'neill", "nhs'", "the", "a, b", "(x)", "x\ty", "\u00a0x"}
	paths, _ := filepath.Glob("../seeds/*.txt")
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		ws := tokenizeWords(string(b), nil)
		for i := range ws {
			cases = append(cases, ws[i].Low)
			if i > 0 {
				cases = append(cases, ws[i-1].Low+" "+ws[i].Low)
			}
		}
	}
	short := 0
	for _, s := range cases {
		if plainKey(s) {
			short++
			if slow := slowNameKey(s); slow != s {
				t.Errorf("%q: the short cut keeps it, the long way makes %q", s, slow)
			}
		}
	}
	if short < len(cases)/2 {
		t.Errorf("the short cut took only %d of %d strings", short, len(cases))
	}
}

// TestASCIINameKey checks nameKey's ASCII path against the long way, on
// every name-like run of the seeds and on strings made to trip it.
func TestASCIINameKey(t *testing.T) {
	cases := []string{"The NHS's", "THE  NHS", "A&E", "NHS (England)", " Data, Digital ", "NHSX'", "the", "The", "the x's",
		"\"Quoted\"", "Tab\tName", "X & Y", "&X", "The Health & Care Bill's"}
	paths, _ := filepath.Glob("../seeds/*.txt")
	for _, p := range paths {
		b, _ := os.ReadFile(p)
		ws := tokenizeWords(string(b), nil)
		for i := 2; i < len(ws); i++ {
			cases = append(cases, joinWords(ws[i-2:i+1]), ws[i].Text)
		}
	}
	for _, s := range cases {
		if k, ok := asciiNameKey(s); ok {
			if want := unicodeNameKey(s); k != want {
				t.Errorf("%q: %q, the long way %q", s, k, want)
			}
		}
	}
}
