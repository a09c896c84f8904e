package loader

import (
	"strings"
	"unicode/utf8"
)

// Hand-written forms of the small patterns the relation and outcome rules
// test many times per sentence: where a clause ends, and "it" before a
// verb. Each does what the regexp in its comment does (clauses_test.go
// checks them against those regexps), without its cost per call.

// reSpace is what \s matches in a Go regexp.
const reSpace = "\t\n\f\r "

func isReSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isWordByte is a byte \b counts as a word character: bytes of non-ASCII
// runes are not.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// wordAt reports whether w (ASCII word characters) stands at s[i:] as a
// whole word: \bw\b.
func wordAt(s string, i int, w string) bool {
	return strings.HasPrefix(s[i:], w) && (i == 0 || !isWordByte(s[i-1])) &&
		(i+len(w) == len(s) || !isWordByte(s[i+len(w)]))
}

// hasWord reports whether s holds w as a whole word.
func hasWord(s, w string) bool {
	for off := 0; ; {
		k := strings.Index(s[off:], w)
		if k < 0 {
			return false
		}
		if wordAt(s, off+k, w) {
			return true
		}
		off += k + 1
	}
}

// hasClauseBreak reports whether s crosses a clause boundary:
// `[;:]|\.\s|, which\b|, who\b|\bwhich\b|\bwhile\b|\bwhereas\b`.
func hasClauseBreak(s string) bool {
	if strings.ContainsAny(s, ";:") {
		return true
	}
	for off := 0; ; {
		k := strings.IndexByte(s[off:], '.')
		if k < 0 {
			break
		}
		off += k + 1
		if off < len(s) && isReSpace(s[off]) {
			return true
		}
	}
	// ", which" is a case of \bwhich\b; ", who" is not of anything else.
	for off := 0; ; {
		k := strings.Index(s[off:], ", who")
		if k < 0 {
			break
		}
		off += k + len(", who")
		if off == len(s) || !isWordByte(s[off]) {
			return true
		}
	}
	return hasWord(s, "which") || hasWord(s, "while") || hasWord(s, "whereas")
}

// clauseEnd is where the clause that opens s ends, or -1:
// `[.;:()–—]|,\s|\s-\s|\bwhich\b|\bso that\b`.
func clauseEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' || c == ';' || c == ':' || c == '(' || c == ')':
			return i
		case c == 0xE2 && (strings.HasPrefix(s[i:], "–") || strings.HasPrefix(s[i:], "—")):
			return i
		case c == ',' && i+1 < len(s) && isReSpace(s[i+1]):
			return i
		case isReSpace(c) && i+2 < len(s) && s[i+1] == '-' && isReSpace(s[i+2]):
			return i
		case c == 'w' && wordAt(s, i, "which"), c == 's' && wordAt(s, i, "so that"):
			return i
		}
	}
	return -1
}

// itBefore reports whether s ends in "it" and white space, with "also" or
// "now" between: `(?:^|[\s,;])[Ii]t\s+(?:also\s+|now\s+)?$`.
func itBefore(s string) bool {
	u := strings.TrimRight(s, reSpace)
	if len(u) == len(s) {
		return false
	}
	if endsInIt(u) {
		return true
	}
	for _, w := range []string{"also", "now"} {
		if v, ok := strings.CutSuffix(u, w); ok {
			if t := strings.TrimRight(v, reSpace); len(t) < len(v) && endsInIt(t) {
				return true
			}
		}
	}
	return false
}

// endsInIt reports whether u ends in "it" or "It" after white space, a
// comma or a semicolon, or as the whole of u.
func endsInIt(u string) bool {
	if !strings.HasSuffix(u, "it") && !strings.HasSuffix(u, "It") {
		return false
	}
	p := len(u) - 2
	return p == 0 || isReSpace(u[p-1]) || u[p-1] == ',' || u[p-1] == ';'
}

// endsInColon reports whether s ends in a colon and white space, which
// `[^:]*:\s*$` (the end of listIntroRe) requires.
func endsInColon(s string) bool { return strings.HasSuffix(strings.TrimRight(s, reSpace), ":") }

// passiveBefore reports whether s ends in a form of "be" and white space:
// `(?i)\b(?:was|were|been|is|are|being)\s+$` (passiveBeforeRe, which it
// asks when the end of s is not ASCII, as (?i) folds "ſ" to "s").
func passiveBefore(s string) bool {
	u := strings.TrimRight(s, reSpace)
	if len(u) == len(s) {
		return false
	}
	for i := max(0, len(u)-len("being")); i < len(u); i++ {
		if u[i] >= utf8.RuneSelf {
			return passiveBeforeRe.MatchString(s)
		}
	}
	for _, w := range []string{"was", "were", "been", "is", "are", "being"} {
		if n := len(u) - len(w); n >= 0 && strings.EqualFold(u[n:], w) && (n == 0 || !isWordByte(u[n-1])) {
			return true
		}
	}
	return false
}

// endsInOf reports whether s ends in "of" and white space, which
// fundNounBeforeRe requires (`\s+of\s+$`, "o" and "f" in any case).
func endsInOf(s string) bool {
	u := strings.TrimRight(s, reSpace)
	return len(u) < len(s) && len(u) >= 2 && u[len(u)-2]|0x20 == 'o' && u[len(u)-1]|0x20 == 'f'
}

// afterRelative is what follows a relative pronoun opening s, and whether
// there is one: `^,?\s+(?:which|that|who)\b` (relativeRe).
func afterRelative(s string) (string, bool) {
	t := strings.TrimPrefix(s, ",")
	u := strings.TrimLeft(t, reSpace)
	if len(u) == len(t) {
		return "", false
	}
	for _, w := range []string{"which", "that", "who"} {
		if wordAt(u, 0, w) {
			return u[len(w):], true
		}
	}
	return "", false
}

// joinsClauses reports whether s holds ", and ", "; ", ", which " or
// ", while " (clauseJoinRe).
func joinsClauses(s string) bool {
	return strings.Contains(s, ", and ") || strings.Contains(s, "; ") || strings.Contains(s, ", which ") ||
		strings.Contains(s, ", while ")
}

// containsFold reports whether s holds key (lower-case ASCII letters and
// spaces, no "k") as (?i) matches it: letters in either case, and an "s"
// also as "ſ", the one other letter that folds to one of them.
func containsFold(s, key string) bool {
	for i := 0; i+len(key) <= len(s); i++ { // a match is at least as long as key
		if foldAt(s, i, key) {
			return true
		}
	}
	return false
}

func foldAt(s string, i int, key string) bool {
	for j := 0; j < len(key); j++ {
		switch {
		case i < len(s) && (s[i] == key[j] || key[j] >= 'a' && key[j] <= 'z' && s[i]|0x20 == key[j]):
			i++
		case key[j] == 's' && strings.HasPrefix(s[i:], "ſ"):
			i += len("ſ")
		default:
			return false
		}
	}
	return true
}
