package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// suffixScanner finds names that end in one of a list of words, read by hand:
// it finds exactly what the regexp
//
//	\b(capSeq[\p{Zs} ]+(?:S1|S2|...))\b
//
// finds (capSeq: capitalised words, see capWord, with glueWords between),
// with the leftmost-first choices of Go's regexps, and for programmes also
// `|Project[\p{Zs} ]+capWord` inside the group. capseq_test.go checks it
// against those regexps, which patterns.go ran before. The regexps read
// every sentence holding a suffix word at a cost that grew with its
// length; this reads each capitalised word a few times.
type suffixScanner struct {
	suffixes []string // in the regexp's order; "Trusts?" is "Trusts", "Trust"
	project  bool     // programmes: also "Project" and a capitalised word
}

// glueWords may stand between the capitalised words of a name.
var glueWords = []string{"of", "and", "for", "the", "in", "on", "&"}

// FindAll returns the start and end of every name in s, in order.
func (r *suffixScanner) FindAll(s string) [][2]int {
	var out [][2]int
	for p := 0; p < len(s); p++ {
		if c := s[p]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') || p > 0 && isWordByte(s[p-1]) {
			continue // a name starts a word (\b) with a capital or a digit
		}
		if e, ok := r.matchAt(s, p); ok {
			out = append(out, [2]int{p, e})
			p = e - 1
		}
	}
	return out
}

// matchAt is the match starting at p, if any.
func (r *suffixScanner) matchAt(s string, p int) (int, bool) {
	// The capitalised words from p, each the longest it can be: a shorter
	// one would be followed by a letter, not the space a name goes on with.
	var ends []int
	if e, ok := capWordEnd(s, p); ok {
		ends = append(ends, e)
		for {
			if e, ok = nextCapWord(s, e); !ok {
				break
			}
			ends = append(ends, e)
		}
	}
	// The most words that a suffix follows win; then the first suffix.
	for k := len(ends) - 1; k >= 0; k-- {
		j := zsSpaces(s, ends[k])
		if j == ends[k] {
			continue
		}
		for _, suf := range r.suffixes {
			if e := j + len(suf); strings.HasPrefix(s[j:], suf) && (e == len(s) || !isWordByte(s[e])) {
				return e, true
			}
		}
	}
	if r.project && strings.HasPrefix(s[p:], "Project") {
		j := zsSpaces(s, p+len("Project"))
		if j == p+len("Project") {
			return 0, false
		}
		var ends []int
		capWord(s, j, func(e int) { ends = append(ends, e) })
		for k := len(ends) - 1; k >= 0; k-- {
			if wordBoundary(s, ends[k]) {
				return ends[k], true
			}
		}
	}
	return 0, false
}

// nextCapWord is the end of the capitalised word that continues a name
// after e, past white space and a glue word ("of", "and", ...).
func nextCapWord(s string, e int) (int, bool) {
	j := zsSpaces(s, e)
	if j == e {
		return 0, false
	}
	for _, g := range glueWords {
		if strings.HasPrefix(s[j:], g) {
			if k := zsSpaces(s, j+len(g)); k > j+len(g) {
				if e2, ok := capWordEnd(s, k); ok {
					return e2, true
				}
			}
			break // no other glue word can stand here; a glue word is not a capitalised word
		}
	}
	return capWordEnd(s, j)
}

// capWordEnd is the end of the longest capitalised word at i.
func capWordEnd(s string, i int) (int, bool) { return capWord(s, i, nil) }

// capWord reads the capitalised word at i,
// `[A-Z][\p{L}\d]*(?:[-'’][\p{L}\d]+)*|[A-Z]{2,}s?|\d+[A-Z][\p{L}\d]*`: it
// returns the end of the longest, and calls each (if not nil) with every
// place the word can end, in increasing order (the regexp tries them from
// the last).
func capWord(s string, i int, each func(end int)) (int, bool) {
	if i >= len(s) {
		return 0, false
	}
	run := func(j int) int { // the run of `[\p{L}\d]` at j
		for n := letterOrDigit(s, j); n > 0; n = letterOrDigit(s, j) {
			if j += n; each != nil {
				each(j)
			}
		}
		return j
	}
	switch c := s[i]; {
	case c >= 'A' && c <= 'Z':
		if each != nil {
			each(i + 1)
		}
		j := run(i + 1)
		for {
			sep := 0
			switch {
			case j < len(s) && (s[j] == '-' || s[j] == '\''):
				sep = 1
			case strings.HasPrefix(s[j:], "’"):
				sep = len("’")
			}
			if sep == 0 || letterOrDigit(s, j+sep) == 0 {
				return j, true
			}
			j = run(j + sep)
		}
	case c >= '0' && c <= '9':
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j >= len(s) || s[j] < 'A' || s[j] > 'Z' {
			return 0, false
		}
		if each != nil {
			each(j + 1)
		}
		return run(j + 1), true
	}
	return 0, false
}

// letterOrDigit is the size of the rune at i if it is `[\p{L}\d]`, else 0.
func letterOrDigit(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsLetter(r) {
		return n
	}
	return 0
}

// zsSpaces is the end of the run of `[\p{Zs} ]` at i (i when there is none).
func zsSpaces(s string, i int) int {
	for i < len(s) {
		if s[i] == ' ' {
			i++
			continue
		}
		if s[i] < utf8.RuneSelf {
			return i
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.Zs, r) {
			return i
		}
		i += n
	}
	return i
}

// wordBoundary is \b at i: a word character on one side only (Go's \b
// knows ASCII word characters only).
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}
