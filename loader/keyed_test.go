package loader

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"testing"
)

// keyedRules lists every rule run through keyedRe, with the text it reads.
func keyedRules() []struct {
	name  string
	rule  *keyedRe
	lower bool // the rule reads a lowered copy of the sentence
} {
	type r = struct {
		name  string
		rule  *keyedRe
		lower bool
	}
	out := []r{{"title", titleRule, false}, {"rolePerson", rolePersonRule, false},
		{"workAnaphor", workAnaphorRule, false}, {"resultClause", resultClauseRule, false}}
	for i, s := range suffixRules {
		if s.scan == nil {
			out = append(out, r{fmt.Sprint("suffix", i), s.keys, false})
		}
	}
	for i, t := range triggers {
		out = append(out, r{fmt.Sprint("trigger", i), t.rule, true})
	}
	return out
}

// keyedTexts are the sentences of the seeds and of part of the synthetic
// corpus, and the same with random bytes from a set that tests the cuts
// (punctuation, word characters that are not letters, non-ASCII letters,
// quotes, line breaks) put in and taken out.
func keyedTexts(t *testing.T) []string {
	var texts []string
	seeds := seedFiles(t)
	files := append(seeds, buildSynthCorpus(seeds, 100<<10)...)
	for _, f := range files {
		tx, err := decode(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segment(tx.s) {
			texts = append(texts, s.span)
		}
	}
	noise := []string{",", ".", ";", ":", "_", "é", "’", "'", "\"", "“", "\n", " ", "-", "&", "(", ")", "2", "A", "s", "\u00a0", "|", "by ", " with"}
	r := rand.New(rand.NewPCG(3, 4))
	n := len(texts)
	for i := 0; i < n; i++ {
		s := texts[i]
		for k := 0; k < 4 && len(s) > 0; k++ {
			p := r.IntN(len(s))
			for p > 0 && s[p]&0xC0 == 0x80 {
				p--
			}
			if r.IntN(2) == 0 {
				s = s[:p] + noise[r.IntN(len(noise))] + s[p:]
			} else {
				q := p + 1
				for q < len(s) && s[q]&0xC0 == 0x80 {
					q++
				}
				s = s[:p] + s[q:]
			}
		}
		texts = append(texts, s)
	}
	return texts
}

// TestKeyedRulesMatchTheirRegexps checks that reading only the keyed
// stretches finds exactly what the regexp finds on the whole text.
func TestKeyedRulesMatchTheirRegexps(t *testing.T) {
	texts := keyedTexts(t)
	found := 0
	for _, kr := range keyedRules() {
		t.Run(kr.name, func(t *testing.T) {
			for _, s := range texts {
				if kr.lower {
					s = lowerASCII(s)
				}
				h := kr.rule.table.scan(s, &keyHits{})
				want := kr.rule.re.FindAllStringSubmatchIndex(s, -1)
				got := kr.rule.FindAllStringSubmatchIndex(h)
				found += len(want)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
				}
				if g, w := kr.rule.MatchString(h), kr.rule.re.MatchString(s); g != w {
					t.Fatalf("%q: MatchString %v, want %v", s, g, w)
				}
				if g, w := kr.rule.FindAllStringIndex(h), kr.rule.re.FindAllStringIndex(s, -1); !reflect.DeepEqual(g, w) {
					t.Fatalf("%q: FindAllStringIndex\n got %v\nwant %v", s, g, w)
				}
			}
		})
	}
	if found == 0 {
		t.Fatal("no rule matched anything: the test reads the wrong texts")
	}
}

func TestKeyedReCuts(t *testing.T) {
	for _, tc := range []struct {
		name, re  string
		cut, kept string
	}{
		{name: "literal words", re: `\bled by\b`, cut: ",.;()", kept: " _abc09"},
		{name: "negated class keeps what it allows", re: `by[^.;]*?with`, cut: ".;", kept: ",() "},
		{name: "case folding", re: `(?i)\bsaved\b`, cut: " ,", kept: "SAVEDsaved"},
		{name: "anchors: no cuts", re: `^\s+by\s+$`, cut: "", kept: ",.; "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := newKeyedRe(regexp.MustCompile(tc.re))
			for _, c := range tc.cut {
				if !k.cut[c] {
					t.Errorf("%q is not cut", c)
				}
			}
			for _, c := range tc.kept {
				if k.cut[c] {
					t.Errorf("%q is cut", c)
				}
			}
		})
	}
}

// TestWordAlternations checks the word-choice path where the order of the
// choices matters: one word the start of another, both ending at a word
// boundary.
func TestWordAlternations(t *testing.T) {
	for _, tc := range []struct{ re, text string }{
		{`\b(?:a|a b)\b`, "x a b a c"},
		{`\b(?:a b|a)\b`, "x a b a c"},
		{`\b(?:rolled out(?: more)?)\b`, "it rolled out more and rolled out"},
		{`\b(?:rolled out(?: more)??)\b`, "it rolled out more and rolled out"},
		{`\b[Tt]he (?:report|review)\b`, "The report, the review; THE REPORT, the reviews, xthe report"},
		{`(?i)\bact(?:ed)?\b`, "Acted ACT acted xact actor"},
	} {
		k := newKeyedRe(regexp.MustCompile(tc.re))
		if k.words == nil {
			t.Errorf("%s: not read as a choice of words", tc.re)
			continue
		}
		if got, want := k.findWords(tc.text), k.re.FindAllStringIndex(tc.text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%s on %q: got %v, want %v", tc.re, tc.text, got, want)
		}
	}
}

// TestAnchoredAtKeys checks the rules tried only where a match can begin:
// a key inside an opening ("entitled" for the key "titled") or inside one
// of a choice of words ("worked with" for "with"), overlapping
// places to begin, a leading \b after a word character, and patterns that
// may not be read that way (an opening that can be empty, or that holds no
// key).
func TestAnchoredAtKeys(t *testing.T) {
	for _, tc := range []struct {
		re       string
		keys     []string
		anchored bool
		texts    []string
	}{
		{`(?:entitled|titled|called) '([A-Z][a-z]+)'`, []string{"titled", "called"}, true,
			[]string{"it was entitled 'Plan' and titled 'Review', untitled 'Guide'", "called 'A' called 'Bb'"}},
		{`\b(?:chief|head|[Hh]ead of) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b`, []string{"chief", "head", "Head"}, true,
			[]string{"mischief Tom, chief Ann Lee, head of Sam", "Head of Data Head Joe", "xhead Ann, _chief Bo"}},
		{`(?i)\b(?:which|that) (\w+)`, foldVariants("which", "that"), true,
			[]string{"That which helps, THAT sees; athat x", "which which which"}},
		{`\b(?:work(?:s|ed)? with|together with|alongside)\b`, []string{"with", "alongside"}, true,
			[]string{"worked with A, together with B, withheld, workswith, works with", "alongside together withx with"}},
		{`\b(?:was|were)?\s*led by\b`, []string{"led by"}, false, []string{"was led by NHSX, led by"}},
		{`\b(?:the|a) (?:report|review)`, []string{"report", "review"}, false, []string{"the report, a review"}},
	} {
		k := newKeyedRe(regexp.MustCompile(tc.re), tc.keys...)
		newKeyTable(k)
		if got := k.anchored != nil; got != tc.anchored {
			t.Errorf("%s: anchored %v, want %v", tc.re, got, tc.anchored)
		}
		for _, s := range tc.texts {
			h := k.table.scan(s, &keyHits{})
			if got, want := k.FindAllStringSubmatchIndex(h), k.re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s on %q: got %v, want %v", tc.re, s, got, want)
			}
			if got, want := k.FindAllStringIndex(h), k.re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s on %q: FindAllStringIndex got %v, want %v", tc.re, s, got, want)
			}
		}
	}
}
