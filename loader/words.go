package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one token of a sentence as the passes after the tokeniser see it:
// a word (letters and digits, with inner hyphens, dots, ampersands and
// apostrophes: "COVID-19", "NHS.UK", "A&E", "Wade-Gery"), a number ("1,097",
// "16.6m"), a possessive ending ("’s"), or one punctuation mark.
type Word struct {
	Start, End int    // byte offsets in the sentence's text
	Text       string // the text as written
	Low        string // lower case
	Tag        Tag    // part of speech (pos.go)
	Form       VerbForm
	Lemma      string   // a verb's base form; the lower-case text otherwise
	Cap        bool     // starts with a capital letter
	Caps       bool     // an acronym: two or more letters, all capitals ("NHS", "NHSX", "UKHSA")
	Digit      bool     // starts with a digit
	Punct      bool     // a punctuation mark
	Space      bool     // white space (or the sentence start) comes before it
	lex        *lexWord // what the lexicon knows of it, once tagged
}

// tokenizeWords splits s into words. It never fails: every rune of s that is
// not white space is in exactly one word.
func tokenizeWords(s string, out []Word) []Word {
	if out == nil {
		out = make([]Word, 0, len(s)/5+1)
	}
	out = out[:0]
	space := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) || r >= utf8.RuneSelf && unicode.Is(unicode.Cf, r) {
			space = true
			i += size
			continue
		}
		w := Word{Start: i, Space: space}
		switch {
		case isApostrophe(r) && len(out) > 0 && !out[len(out)-1].Punct && !space && possessiveAt(s, i+size):
			// "NHSX’s", "trust's": the possessive ending is a word of its own
			w.End = i + size
			if i+size < len(s) && (s[i+size] == 's' || s[i+size] == 'S') {
				w.End++
			}
		case isWordRune(r):
			w.End = scanWord(s, i)
		default:
			w.End = i + size
			w.Punct = true
		}
		space = false
		w.Text = s[w.Start:w.End]
		if c := w.Text[0]; c < utf8.RuneSelf {
			w.Cap = 'A' <= c && c <= 'Z'
		} else {
			first, _ := utf8.DecodeRuneInString(w.Text)
			w.Cap = unicode.IsUpper(first)
		}
		w.Digit = w.Text[0] >= '0' && w.Text[0] <= '9'
		w.Caps = !w.Punct && acronymWord(w.Text)
		w.Low = lowerWord(w.Text)
		w.Lemma = w.Low
		out = append(out, w)
		i = w.End
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// possessiveAt reports whether the apostrophe ending at i is a possessive:
// "’s" then no letter, or a bare apostrophe after a plural ("years’ worth").
func possessiveAt(s string, i int) bool {
	if i < len(s) && (s[i] == 's' || s[i] == 'S') {
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		return i+1 >= len(s) || !isWordRune(r)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i >= len(s) || !isWordRune(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// scanWord returns the end of the word starting at i: runs of letters and
// digits joined by one inner hyphen, dot, ampersand, comma between digits
// ("1,097") or apostrophe that is not a possessive ("O’Neill", "don't").
func scanWord(s string, i int) int {
	for i < len(s) {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			i++ // the common case, without decoding
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += size
			continue
		}
		next, nsize := utf8.DecodeRuneInString(s[i+size:])
		if i+size >= len(s) || !isWordRune(next) {
			return i
		}
		switch {
		case r == '-' || r == '‐' || r == '&' || r == '.':
		case r == ',' && isDigitByte(s[i-1]) && isDigitByte(s[i+size]):
		case isApostrophe(r) && !possessiveAt(s, i+size):
		default:
			return i
		}
		_ = nsize
		i += size
	}
	return i
}

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

// acronymWord reports whether w has two or more letters and no lower-case
// letter ("NHS", "NHSX", "COVID-19", "A&E"); an "s" ending is allowed for a
// plural ("STPs", "ICSs").
func acronymWord(w string) bool {
	if len(w) < 2 || 'a' <= w[0] && w[0] <= 'z' {
		return false // a lower-case letter first: no acronym
	}
	letters, lower := 0, 0
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLower(r):
			if r == 's' && i == len(w)-1 && letters >= 2 {
				continue
			}
			lower++
		}
	}
	return letters >= 2 && lower == 0
}

// lowerWord is strings.ToLower without an allocation for a word with no
// capital letter, and with curly apostrophes made straight.
func lowerWord(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, len(w))
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}
