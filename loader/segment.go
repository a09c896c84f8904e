package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line and sentence kinds.
const (
	KindHeading   = "heading"
	KindBullet    = "bullet"
	KindParagraph = "paragraph"
	KindRow       = "row" // a table's row, or the caption over it"
	kindBlank     = "blank"
	kindReference = "reference"
	kindTable     = "table"
)

// Sentence is one unit of evidence: a heading, a bullet or a sentence of a
// paragraph, with its place in the source file.
type Sentence struct {
	N          int    // position in the document, from 0; part of its IRI
	Start, End int    // byte offsets in the source file
	Text       string // verbatim, white space runs collapsed to one space
	Kind       string // heading, bullet or paragraph
	Section    int    // N of the heading this sentence falls under, or -1
	Row        bool   // a table row (or its caption): the tables pass reads it, cell by cell
	Caption    bool   // the line over a table that names it and, in plain text, its columns
	Level      int    // a heading's depth: 1 for the title, 2 below it, ...; 0 for other kinds
	Intro      int    // a bullet's introducing sentence ("The key services include:"), or -1

	// span is the decoded text of the sentence with reference markers and
	// wiki "Edit" suffixes blanked out (same length, so offsets hold), which
	// is what the rules read. dStart is its offset in the decoded text.
	span   string
	dStart int
}

type line struct {
	start, end int // decoded offsets, end excludes the newline
	kind       string
	body       int // offset where content starts (after a bullet mark)
	row        bool
	caption    bool
	level      int // a Markdown heading's number of #s
}

var (
	bulletRe    = regexp.MustCompile(`^[\p{Zs}\t]*(?:[•·▪◦‣∙*+\-–—]|\d{1,2}[.)])[\p{Zs}\t]+`)
	referenceRe = regexp.MustCompile(`^[\p{Zs}\t]*(?:\d+\.[\p{Zs}\t]+)?\^[\p{Zs}\t]`)
	mdHeadingRe = regexp.MustCompile(`^#{1,6}[\p{Zs}\t]+`)
	wikiEditRe  = regexp.MustCompile(`[a-z0-9A-Z)]Edit$`)
)

// segment splits decoded text into sentences.
func segment(t string) []Sentence { return segmentInto(nil, t) }

// segmentInto is segment appending to out, so a list can serve document
// after document.
func segmentInto(out []Sentence, t string) []Sentence {
	lines := classify(t)
	section := -1
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch l.kind {
		case kindBlank, kindReference:
			continue
		case kindTable:
			// a plain-text table's row or caption; a Markdown rule line
			// holds no letter or digit and makes no sentence
			if s, ok := makeSentence(t, l.start, l.end, KindRow); ok {
				s.N, s.Section, s.Row, s.Caption = len(out), section, true, l.caption
				out = append(out, s)
			}
		case KindHeading:
			end := l.end
			if h := t[l.start:end]; strings.HasSuffix(h, "Edit") && wikiEditRe.MatchString(h) {
				end -= len("Edit")
			}
			if s, ok := makeSentence(t, l.start, end, KindHeading); ok {
				s.Section, s.Level = -1, l.level
				s.N = len(out)
				section = s.N
				out = append(out, s)
			}
		case KindBullet:
			if l.row {
				// a Markdown table row is one sentence, whatever its cells
				// hold, and its pipes stay to part the cells
				if s, ok := makeSentence(t, l.body, l.end, KindRow); ok {
					s.N, s.Section, s.Row = len(out), section, true
					s.span = blankRowMarkers(t[s.Start:s.End])
					out = append(out, s)
				}
				continue
			}
			for _, sp := range splitSentences(t, l.body, l.end) {
				if s, ok := makeSentence(t, sp[0], sp[1], KindBullet); ok {
					s.N, s.Section = len(out), section
					out = append(out, s)
				}
			}
		case KindParagraph:
			// A paragraph runs over consecutive paragraph lines, so hard
			// wrapped text splits into the same sentences as unwrapped.
			j := i
			for j+1 < len(lines) && lines[j+1].kind == KindParagraph && !endsSentence(t[lines[j].start:lines[j].end]) {
				j++
			}
			for _, sp := range splitSentences(t, l.start, lines[j].end) {
				if s, ok := makeSentence(t, sp[0], sp[1], KindParagraph); ok {
					s.N, s.Section = len(out), section
					out = append(out, s)
				}
			}
			i = j
		}
	}
	return out
}

func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, isSpace)
	if strings.ContainsAny(s, "[{") {
		s = strings.TrimRightFunc(replaceRefMarks(s, func(string) string { return "" }), isSpace)
	}
	s = strings.TrimRight(s, `"'”’)]`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":")
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r' // what unicode.IsSpace and Zs hold below 0x80
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r)
}

// countFields counts the words of s separated by isSpace, up to limit.
func countFields(s string, limit int) int {
	n := 0
	for range strings.FieldsFuncSeq(s, isSpace) {
		if n++; n >= limit {
			break
		}
	}
	return n
}

// classify labels each line of t.
func classify(t string) []line {
	var lines []line
	for off := 0; off <= len(t); {
		nl := strings.IndexByte(t[off:], '\n')
		end := len(t)
		if nl >= 0 {
			end = off + nl
		}
		e := end
		if e > off && t[e-1] == '\r' {
			e--
		}
		lines = append(lines, line{start: off, end: e, body: off})
		if nl < 0 {
			break
		}
		off = end + 1
	}
	for i := range lines {
		l := &lines[i]
		s := t[l.start:l.end]
		trim := strings.TrimFunc(s, isSpace)
		switch {
		case trim == "":
			l.kind = kindBlank
		case strings.IndexByte(s, '^') >= 0 && referenceRe.MatchString(s):
			l.kind = kindReference
		case strings.HasPrefix(trim, "|") && strings.Trim(trim, "|-: \t") == "":
			l.kind = kindTable // a Markdown table's rule line
		case strings.HasPrefix(trim, "|"):
			l.kind = KindBullet // a Markdown table row reads as one statement
			l.row = true
			l.body = l.start + strings.Index(s, "|") + 1
		case strings.HasPrefix(s, "#") && mdHeadingRe.MatchString(s):
			l.kind = KindHeading
			l.level = strings.IndexFunc(s, func(r rune) bool { return r != '#' })
			l.start += len(mdHeadingRe.FindString(s))
		case mayBeBullet(s) && bulletRe.MatchString(s) && !isTableRow(trim):
			l.kind = KindBullet
			l.body = l.start + len(bulletRe.FindString(s))
		case isTableRow(trim) || tabbed(trim):
			l.kind = kindTable
		case isHeading(trim) || firstLine(lines, i) && isTitle(trim):
			l.kind = KindHeading
		default:
			l.kind = KindParagraph
		}
		if l.kind != KindBullet {
			l.body = l.start
		}
		if l.kind == KindBullet && strings.HasPrefix(trim, "|") {
			l.end = l.start + strings.LastIndex(s, "|") // drop the closing pipe
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.kind != KindHeading && l.kind != KindParagraph || i+1 >= len(lines) {
			continue
		}
		next := lines[i+1]
		// a caption line over a table is part of the table
		if next.kind == kindTable && !endsSentence(t[l.start:l.end]) {
			l.kind, l.caption = kindTable, true
		}
		// a short line continued in lower case is a hard-wrapped paragraph
		if l.kind == KindHeading && next.kind == KindParagraph {
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(t[next.start:next.end], isSpace)); unicode.IsLower(r) {
				l.kind = KindParagraph
			}
		}
	}
	return lines
}

// mayBeBullet is the cheap test before bulletRe: after spaces and tabs
// the line opens with a bullet mark or a digit.
func mayBeBullet(s string) bool {
	t := strings.TrimLeftFunc(s, func(r rune) bool { return r == '\t' || unicode.Is(unicode.Zs, r) })
	r, _ := utf8.DecodeRuneInString(t)
	return r >= '0' && r <= '9' || strings.ContainsRune("•·▪◦‣∙*+-–—", r)
}

// tabbed is true for a line whose cells are separated by tabs: a table
// pasted from a spreadsheet. Two cells at least, and no sentence end.
func tabbed(s string) bool {
	return strings.Count(s, "\t") >= 1 && !endsSentence(s) && len(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' })) >= 2
}

// isTableRow is true for lines that are mostly figures: spreadsheet rows
// pasted as text are not sentences.
func isTableRow(s string) bool {
	// Every figure holds a digit, a "%" or a "£" (whose second byte is
	// 0xA3), so there are no more figures than such bytes; and every ASCII
	// byte other than white space after white space (or at the start)
	// starts a word, so there are at least as many words as those. A row,
	// whose figures are at least half its words, has no more such word
	// starts than twice its marks.
	marks := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' || c == '%' || c == 0xA3 {
			marks++
		}
	}
	if marks < 3 {
		return false
	}
	starts := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && !asciiSpace(c) && (i == 0 || asciiSpace(s[i-1])) {
			starts++
		}
	}
	return starts <= 2*marks && mostlyFigures(s)
}

// asciiSpace is isSpace for a byte below 0x80 (false for the others).
func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// mostlyFigures is true if s has at least three words, three of them
// figures, and half of them.
func mostlyFigures(s string) bool {
	words, n := 0, 0
	for w := range strings.FieldsFuncSeq(s, isSpace) {
		words++
		if isFigure(w) {
			n++
		}
	}
	return words >= 3 && n >= 3 && n*2 >= words
}

// isFigure is true for a table cell: "1,082", "£590", "1.4%", "£m", "%".
func isFigure(w string) bool {
	switch w {
	case "£m", "%", "£bn", "£k":
		return true
	}
	w = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(w, "£"), "$"), "€")
	w = strings.TrimSuffix(w, "%")
	digit := false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digit
}

// isHeading is true for short lines without sentence punctuation.
func isHeading(s string) bool {
	if endsSentence(s) || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return false
	}
	if utf8.RuneCountInString(s) > 100 || countFields(s, 15) > 14 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '£' || r == '"' || r == '“'
}

// firstLine reports whether line i is the document's first with text.
func firstLine(lines []line, i int) bool {
	for k := 0; k < i; k++ {
		if lines[k].kind != kindBlank {
			return false
		}
	}
	return true
}

// isTitle is isHeading for a document's first line, which may be a long
// title: "NHS AI Lab Skunkworks project: Parkinson's Disease Pathology
// Prediction using Colourimetry and Machine Learning".
func isTitle(s string) bool {
	if endsSentence(s) || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":") {
		return false
	}
	if utf8.RuneCountInString(s) > 200 || countFields(s, 25) > 24 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“'
}

// splitSentences splits t[start:end] into sentence spans. A sentence ends at
// . ! or ? (after any closing quotes, brackets and [n] markers) followed by
// white space and something that can start a sentence, unless the full stop
// belongs to an abbreviation or an initial.
func splitSentences(t string, start, end int) [][2]int {
	var out [][2]int
	s := start
	for i := start; i < end; {
		r, w := utf8.DecodeRuneInString(t[i:end])
		if r != '.' && r != '!' && r != '?' {
			i += w
			continue
		}
		j := i + w
		for j < end {
			if c := t[j]; c == '[' || c == '{' {
				// a "[12]" marker after the full stop; look only a short way
				// ahead, so long paragraphs stay linear
				if n := refMarkAt(t[j:min(end, j+300)]); n > 0 {
					j += n
					continue
				}
			}
			c, cw := utf8.DecodeRuneInString(t[j:end])
			if strings.ContainsRune(`"'”’)]`, c) {
				j += cw
				continue
			}
			break
		}
		k := j
		for k < end {
			c, cw := utf8.DecodeRuneInString(t[k:end])
			if !isSpace(c) {
				break
			}
			k += cw
		}
		if k == j || k >= end {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(t[k:end])
		if r == '.' && isAbbreviation(t[s:i]) {
			i = j
			continue
		}
		if unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'£(•[`, next) {
			out = append(out, [2]int{s, j})
			s = k
		}
		i = k
	}
	if s < end {
		out = append(out, [2]int{s, end})
	}
	return capLength(t, out)
}

// maxSentence bounds a sentence's length. Text without full stops (a
// pasted list, a broken file) would otherwise make one enormous sentence,
// and the relation rules, which compare marks within a sentence, would
// take time quadratic in its length.
const maxSentence = 1500

// capLength splits spans longer than maxSentence at white space.
func capLength(t string, spans [][2]int) [][2]int {
	var out [][2]int
	for _, sp := range spans {
		for sp[1]-sp[0] > maxSentence {
			cut := strings.LastIndexAny(t[sp[0]:sp[0]+maxSentence], " \t\n")
			if cut <= 0 {
				cut = maxSentence
				for cut > 0 && !utf8.RuneStart(t[sp[0]+cut]) {
					cut--
				}
			}
			out = append(out, [2]int{sp[0], sp[0] + cut})
			sp[0] += cut
		}
		out = append(out, sp)
	}
	return out
}

var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": false, "dr": true, "mr": true, "mrs": true, "ms": true,
	"prof": true, "st": true, "no": true, "vs": true, "cf": true, "approx": true, "inc": false,
	"ltd": false, "co": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"rt": true, "hon": true, "gov": true, "fig": true, "p": true, "pp": true, "vol": true,
}

// isAbbreviation reports whether the text before a full stop ends in a word
// that takes a full stop without ending a sentence.
func isAbbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return isSpace(r) || r == '(' })
	w := before[i+1:]
	if i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		w = before[i+n:]
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	return abbreviations[strings.ToLower(w)]
}

// makeSentence trims white space off t[start:end] and builds its Sentence.
func makeSentence(t string, start, end int, kind string) (Sentence, bool) {
	for start < end {
		r, w := utf8.DecodeRuneInString(t[start:end])
		if !isSpace(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(t[start:end])
		if !isSpace(r) {
			break
		}
		end -= w
	}
	if start >= end {
		return Sentence{}, false
	}
	raw := t[start:end]
	if !strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return Sentence{}, false
	}
	return Sentence{
		Start: start, End: end, // decoded for now; Extract maps them to source offsets
		Text:   collapseSpace(raw),
		Kind:   kind,
		span:   blankMarkers(raw),
		dStart: start,
	}, true
}

// blankMarkers replaces "[12]" reference markers and template debris with
// spaces of the same byte length, so rules never read them as figures.
func blankMarkers(s string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	if strings.ContainsAny(s, "[{") {
		s = replaceRefMarks(s, blank)
	}
	// Markdown: link targets, bare URLs, emphasis and table pipes are
	// layout, not words ("[NHS App](https://www.nhs.uk/)" reads "NHS App").
	if strings.Contains(s, "://") || strings.Contains(s, "](") {
		s = mdLinkTargetRe.ReplaceAllStringFunc(s, blank)
		s = urlRe.ReplaceAllStringFunc(s, blank)
	}
	if strings.ContainsAny(s, "*_|`") {
		s = mdMarkupRe.ReplaceAllStringFunc(s, blank)
	}
	return s
}

// blankRowMarkers is blankMarkers for a table row, whose pipes part its
// cells.
func blankRowMarkers(s string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	if strings.ContainsAny(s, "[{") {
		s = replaceRefMarks(s, blank)
	}
	if strings.Contains(s, "://") || strings.Contains(s, "](") {
		s = mdLinkTargetRe.ReplaceAllStringFunc(s, blank)
		s = urlRe.ReplaceAllStringFunc(s, blank)
	}
	if strings.ContainsAny(s, "*_`") {
		s = mdEmphasisRe.ReplaceAllStringFunc(s, blank)
	}
	return s
}

var (
	mdEmphasisRe   = regexp.MustCompile("\\*\\*|__|`+")
	mdLinkTargetRe = regexp.MustCompile(`\]\([^)\s]*\)|\[`)
	urlRe          = regexp.MustCompile(`\bhttps?://[^\s)]+|\bwww\.[^\s)]+`)
	mdMarkupRe     = regexp.MustCompile("\\*\\*|__|`+|(?:^|\\s)\\|(?:\\s|$)|\\|")
)

// collapseSpace collapses every run of white space (including no-break
// spaces) to one space.
func collapseSpace(s string) string {
	if spacedOnce(s) {
		return s
	}
	return collapseSpaces(s)
}

// collapseSpaces is collapseSpace without the test for text it would leave
// as it is.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// spacedOnce reports whether collapseSpace would leave s as it is: valid
// UTF-8 whose only white space is single spaces between words.
func spacedOnce(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || isSpace(r) {
				return false
			}
			i += n - 1
			continue
		}
		if c >= '\t' && c <= '\r' {
			return false
		}
		if c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// refMarkAt is the length of the reference marker s opens with, or 0: what
// `\[\d{1,3}\]|\[citation needed\]|\{\{[^}]*\}\}: CS1 maint: [^\n]*|\{\{[^}]*\}\}`
// matches at the start of s ("[12]", "[citation needed]", "{{cite web}}"
// and the CS1 maintenance note after one).
func refMarkAt(s string) int {
	switch {
	case strings.HasPrefix(s, "["):
		k := 1
		for k < len(s) && k <= 3 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > 1 && k < len(s) && s[k] == ']' {
			return k + 1
		}
		if strings.HasPrefix(s, "[citation needed]") {
			return len("[citation needed]")
		}
	case strings.HasPrefix(s, "{{"):
		j := strings.IndexByte(s[2:], '}')
		if j < 0 || !strings.HasPrefix(s[2+j:], "}}") {
			return 0
		}
		end := 2 + j + 2
		if strings.HasPrefix(s[end:], ": CS1 maint: ") {
			if nl := strings.IndexByte(s[end:], '\n'); nl >= 0 {
				return end + nl
			}
			return len(s)
		}
		return end
	}
	return 0
}

// replaceRefMarks replaces each reference marker in s, found from the left
// as refMarkRe.ReplaceAllStringFunc finds them, with repl of it.
func replaceRefMarks(s string, repl func(string) string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '[' && c != '{' {
			continue
		}
		if n := refMarkAt(s[i:]); n > 0 {
			b.WriteString(s[last:i])
			b.WriteString(repl(s[i : i+n]))
			last = i + n
			i += n - 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
