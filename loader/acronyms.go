package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// acronymDef is an abbreviation the text defines: "National COVID-19 Chest
// Imaging Database (NCCID)" or "NCCID (the National COVID-19 Chest Imaging
// Database)".
type acronymDef struct {
	short string
	long  string
	// the long form's words in the sentence, [i, j), and the short form's
	li, lj, si, sj int
}

// findAcronyms finds the abbreviations a sentence defines, with Schwartz and
// Hearst's algorithm (2003): a short form in brackets after its long form,
// or a long form in brackets after its short form; the long form is the
// shortest run of words before the brackets in which the short form's
// letters occur in order, its first letter starting a word, no longer than
// min(|short|+5, 2|short|) words.
func findAcronyms(ws []Word) []acronymDef {
	var out []acronymDef
	for open := 0; open < len(ws); open++ {
		if ws[open].Text != "(" {
			continue
		}
		close := open + 1
		for close < len(ws) && ws[close].Text != ")" && ws[close].Text != "(" {
			close++
		}
		if close >= len(ws) || ws[close].Text != ")" || close == open+1 {
			continue
		}
		inner := ws[open+1 : close]
		if sf, ok := shortForm(inner); ok {
			if li, ok := longFormBefore(ws, open, sf); ok {
				out = append(out, acronymDef{short: sf, long: joinWords(ws[li:open]), li: li, lj: open, si: open + 1, sj: close})
			}
			continue
		}
		// "NCCID (the National COVID-19 Chest Imaging Database)"
		if open > 0 && ws[open-1].Caps {
			sf := ws[open-1].Text
			in := inner
			if len(in) > 0 && (in[0].Low == "the" || in[0].Low == "a" || in[0].Low == "an") {
				in = in[1:]
			}
			if len(in) >= 2 && matchesLong(sf, in) {
				first := close - len(in)
				out = append(out, acronymDef{short: sf, long: joinWords(in), li: first, lj: close, si: open - 1, sj: open})
			}
		}
	}
	return out
}

// shortForm reports whether the words in brackets are an abbreviation: one
// word (or two joined by a hyphen) of 2 to 10 characters, starting with a
// letter or digit, with at least one capital letter.
func shortForm(inner []Word) (string, bool) {
	if len(inner) != 1 {
		return "", false
	}
	s := inner[0].Text
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 10 {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return "", false
	}
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return s, upper >= 2 || upper == 1 && n <= 3
}

// longFormBefore finds the long form of sf ending just before word end.
func longFormBefore(ws []Word, end int, sf string) (int, bool) {
	letters := 0
	for _, r := range sf {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	limit := min(letters+5, 2*letters)
	start := end
	for start > 0 && end-start < limit {
		w := ws[start-1]
		if w.Punct && w.Text != "-" && w.Text != "&" && w.Text != "’" && w.Text != "'" || w.Tag == TagPoss {
			break
		}
		start--
	}
	for i := end - 1; i >= start; i-- {
		if matchesLong(sf, ws[i:end]) {
			// the shortest long form that works: from the nearest start
			return i, !ws[i].Punct && ws[i].Tag != TagConj && ws[i].Tag != TagPrep
		}
	}
	return 0, false
}

// matchesLong reports whether the letters of sf occur in order in the
// words, the first letter of sf starting the first word, as Schwartz and
// Hearst's findBestLongForm matches from the right.
func matchesLong(sf string, words []Word) bool {
	long := strings.ToLower(joinWords(words))
	short := []rune(strings.ToLower(sf))
	lr := []rune(long)
	l := len(lr) - 1
	for s := len(short) - 1; s >= 0; s-- {
		c := short[s]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for l >= 0 && (lr[l] != c || s == 0 && l > 0 && (unicode.IsLetter(lr[l-1]) || unicode.IsDigit(lr[l-1]))) {
			l--
		}
		if l < 0 {
			return false
		}
		l--
	}
	// the long form must start with the first letter matched: no words
	// before it that the short form does not account for
	first := short[0]
	// one word will do if hyphens join its parts: "Proof-of-Concept (PoC)"
	return len(lr) > 0 && unicode.ToLower(lr[0]) == first && (len(words) >= 2 || strings.Count(words[0].Text, "-") >= 1)
}

// joinWords is the words' text with single spaces where the source had
// white space.
func joinWords(ws []Word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 && w.Space {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}
