package loader

import (
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Money is a sterling amount found in text.
type Money struct {
	Start, End int    // byte offsets of the whole span in the input (UTF-8 bytes; '£' is 2 bytes)
	Text       string // the exact span text, s[Start:End]
	Pounds     int64  // whole pounds, rounded half up; 0 when Vague
	Bound      string // "" or the hedge right before the amount, normalised (see moneyBounds)
	Vague      bool   // an amount stated without a number: "hundreds of millions of pounds"
}

// FindMoney returns the sterling amounts in s in order of appearance:
// "£1,097 million", "£2.1bn", "at least £300m", "GBP 5 million",
// "5 million pounds", and vague ones such as "billions of pounds". A currency
// sign without a number ("Revenue £m" in a table header) is not money.
func FindMoney(s string) []Money {
	return moneyScan(ruleTokenize(s))
}

// moneyBounds are the bounds Money.Bound may hold. The shared hedge table is
// finer ("about" is kept apart for quantities); money folds the rest into
// "around".
var moneyBounds = map[string]bool{
	"at least": true, "over": true, "more than": true, "up to": true, "almost": true,
	"around": true, "nearly": true, "just under": true, "under": true,
}

// moneyVagueScale are the plural scale words of "hundreds of millions of pounds".
var moneyVagueScale = map[string]bool{"thousands": true, "millions": true, "billions": true}

type moneyScanner struct {
	t         *ruleText
	out       []Money
	nextPound int // index of the next "pound(s)" or "GBP" token at or after the scan, or len(toks)
}

// moneyScan finds money in tokenised text; FindQuantities reuses it to mask
// money out before looking for counts.
func moneyScan(t *ruleText) []Money {
	m := &moneyScanner{t: t, nextPound: -1}
	for i := 0; i < len(t.toks); i++ {
		tok := t.toks[i]
		last, ok := -1, false
		switch {
		case tok.kind == rulePunct && tok.low == "£", tok.kind == ruleWord && tok.low == "gbp":
			last, ok = m.afterSign(i)
		case tok.kind == ruleWord && (moneyVagueScale[tok.low] || tok.low == "tens" || tok.low == "hundreds"):
			last, ok = m.vague(i)
		}
		if !ok && (tok.kind == ruleNum || tok.kind == ruleWord) && m.poundsAhead(i) {
			last, ok = m.beforePounds(i)
		}
		if ok {
			i = last
		}
	}
	return m.out
}

// afterSign reads "£5m", "£ 5 million", "GBP 5 million" and "£millions"
// starting at the sign token i.
func (m *moneyScanner) afterSign(i int) (int, bool) {
	t := m.t
	if !ruleFreeBefore(t, i) && !(i > 0 && t.isPunct(i-1, "-", "–")) {
		return 0, false // "X£5": part of some other token; "£2m-£3m" is fine
	}
	j := i + 1
	if j >= len(t.toks) || t.toks[j].nl {
		return 0, false
	}
	if t.joined(i) && t.toks[j].kind == ruleWord && (t.toks[j].low == "millions" || t.toks[j].low == "billions") {
		if !ruleFreeAfter(t, j) {
			return 0, false
		}
		m.emit(i, j, nil)
		return j, true
	}
	if t.toks[j].kind != ruleNum {
		return 0, false // "£m" column header
	}
	n, _ := ruleNumberAt(t, j)
	if n.exp == 0 {
		// "£5-10m" and "£5 to £10 million": the scale written once belongs to
		// both ends, but only when the first figure is the smaller.
		if n2, pound, ok := m.rangeEnd(n.last); ok && n2.exp > 0 && n.base() < n2.base() {
			n.exp = n2.exp
			m.emit(i, n.last, &n)
			if !pound {
				// No sign to find it by later: emit the far end now.
				m.emit(n2.first, n2.last, &n2)
				return n2.last, true
			}
			return n.last, true
		}
	}
	if !ruleFreeAfter(t, n.last) && !m.dashToSign(n.last) {
		return 0, false // "£5x"
	}
	m.emit(i, n.last, &n)
	return n.last, true
}

// dashToSign reports whether token i is followed by a dash glued to another
// sign: the "-£" of "£2m-£3m".
func (m *moneyScanner) dashToSign(i int) bool {
	t := m.t
	return t.joined(i) && t.isPunct(i+1, "-", "–") && t.joined(i+1) && t.isPunct(i+2, "£")
}

// rangeEnd reads the far end of a range after token i: "-10m", "to £10m".
func (m *moneyScanner) rangeEnd(i int) (ruleNumber, bool, bool) {
	t := m.t
	k := i + 1
	if !(t.isPunct(k, "-", "–", "—") || t.isWord(k, "to")) {
		return ruleNumber{}, false, false
	}
	k++
	pound := t.isPunct(k, "£")
	if pound {
		k++
	}
	if k >= len(t.toks) || t.toks[k].kind != ruleNum || t.toks[k].nl {
		return ruleNumber{}, false, false
	}
	n, _ := ruleNumberAt(t, k)
	if !ruleFreeAfter(t, n.last) {
		return ruleNumber{}, false, false
	}
	return n, pound, true
}

// poundsAhead is a cheap gate for beforePounds: the word "pound(s)" or "GBP"
// within the next few tokens, the most a number and its scale can take. The
// position of the next such word is remembered, so the whole scan stays
// linear.
func (m *moneyScanner) poundsAhead(i int) bool {
	toks := m.t.toks
	if m.nextPound <= i {
		m.nextPound = i + 1
		for ; m.nextPound < len(toks); m.nextPound++ {
			if low := toks[m.nextPound].low; low == "pounds" || low == "pound" || low == "gbp" {
				break
			}
		}
	}
	return m.nextPound < len(toks) && m.nextPound-i <= 8
}

// beforePounds reads "5 million pounds", "two million pounds sterling" and
// "5m GBP" starting at the number token i.
func (m *moneyScanner) beforePounds(i int) (int, bool) {
	t := m.t
	if !ruleFreeBefore(t, i) || (t.toks[i].kind == ruleNum && i > 0 && t.isPunct(i-1, "£", "$", "€")) {
		return 0, false
	}
	n, ok := ruleNumberAt(t, i)
	if !ok || !ruleFreeAfter(t, n.last) {
		return 0, false
	}
	k := n.last + 1
	if !t.isWord(k, "pounds", "pound", "gbp") || !ruleFreeAfter(t, k) {
		return 0, false
	}
	if t.isWord(k+1, "sterling") && ruleFreeAfter(t, k+1) {
		k++
	}
	m.emit(i, k, &n)
	return k, true
}

// vague reads "hundreds of millions of pounds", "tens of billions of pounds"
// and "millions of pounds" starting at token i.
func (m *moneyScanner) vague(i int) (int, bool) {
	t := m.t
	if !ruleFreeBefore(t, i) {
		return 0, false
	}
	k := i
	if low := t.toks[i].low; low == "tens" || low == "hundreds" {
		if !t.isWord(k+1, "of") || !t.isWord(k+2, "thousands", "millions", "billions") {
			return 0, false
		}
		k += 2
	}
	if !t.isWord(k+1, "of") || !t.isWord(k+2, "pounds") || !ruleFreeAfter(t, k+2) {
		return 0, false
	}
	k += 2
	if t.isWord(k+1, "sterling") {
		k++
	}
	m.emit(i, k, nil)
	return k, true
}

// emit records tokens first..last as money; n is nil for a vague amount.
func (m *moneyScanner) emit(first, last int, n *ruleNumber) {
	t := m.t
	start, end := t.toks[first].start, t.toks[last].end
	mo := Money{Vague: n == nil}
	if n != nil {
		p, ok := n.pounds()
		if !ok {
			return // beyond int64: not an amount anyone wrote on purpose
		}
		mo.Pounds = p
	}
	if h, hedge := ruleHedgeBefore(t, first); hedge != "" {
		if hedge == "about" {
			hedge = "around"
		}
		if moneyBounds[hedge] {
			start, mo.Bound = t.toks[h].start, hedge
		}
	}
	mo.Start, mo.End, mo.Text = start, end, t.s[start:end]
	m.out = append(m.out, mo)
}

// ---------------------------------------------------------------------------
// Scanning helpers shared by money.go, dates.go and quantity.go. They sit here
// because money is the smallest of the three grammars; the prefix "rule" keeps
// them apart from the rest of the package.

type ruleKind uint8

const (
	ruleWord  ruleKind = iota + 1 // a run of letters
	ruleNum                       // ASCII digits, "1,097" style groups, one decimal part
	rulePunct                     // any other single rune
)

// ruleMaxKeyword is the length of the longest word any rule compares
// ("approximately", "respectively"); longer words are not lower-cased, which
// saves an allocation per long capitalised word.
const ruleMaxKeyword = 13

// ruleTok is one token with its byte offsets. Spaces are not tokens: two
// tokens are "joined" when nothing separates them, which is how "COVID-19",
// "24/7" and "£5m" are told apart from "COVID 19", "24 7" and "£ 5 m".
type ruleTok struct {
	start, end int
	kind       ruleKind
	nl         bool   // a line break lies between the previous token and this one
	low        string // lower-cased text for words of up to ruleMaxKeyword bytes, the raw text otherwise
}

// ruleText is a tokenised input string.
type ruleText struct {
	s       string
	toks    []ruleTok
	lowered string // s with A-Z lowered, if a token needed it; else ""
}

// ruleTokenize splits s into words, numbers and single-rune punctuation in
// one linear pass. Every Unicode space (NBSP, thin space, ...) and format
// character (zero-width space, BOM) separates tokens.
func ruleTokenize(s string) *ruleText {
	return ruleTokenizeInto(&ruleText{toks: make([]ruleTok, 0, len(s)/5+1)}, s)
}

// ruleTokenizeInto is ruleTokenize into t, reusing its token list.
func ruleTokenizeInto(t *ruleText, s string) *ruleText {
	t.s, t.toks, t.lowered = s, t.toks[:0], ""
	lowered := "" // s with A-Z lowered, made at the first capitalised ASCII word
	nl := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			nl = true
			i += size
			continue
		case r == ' ' || r == '\t' || (r >= utf8.RuneSelf && (unicode.IsSpace(r) || unicode.In(r, unicode.Zs, unicode.Cf))):
			i += size
			continue
		}
		tok := ruleTok{start: i, nl: nl}
		nl = false
		switch {
		case '0' <= r && r <= '9':
			tok.kind, tok.end = ruleNum, ruleScanNumber(s, i)
			tok.low = s[i:tok.end]
		case ruleIsLetter(r):
			tok.kind, tok.end = ruleWord, ruleScanWord(s, i+size)
			tok.low = s[i:tok.end]
			if len(tok.low) <= ruleMaxKeyword {
				switch ascii, upper := asciiCase(tok.low); {
				case !ascii:
					tok.low = strings.ToLower(tok.low)
				case upper:
					if lowered == "" {
						lowered = lowerASCII(s)
					}
					tok.low = lowered[i:tok.end] // strings.ToLower, without a string per word
				}
			}
		default:
			tok.kind, tok.end = rulePunct, i+size
			tok.low = s[i:tok.end]
		}
		t.toks = append(t.toks, tok)
		i = tok.end
	}
	t.lowered = lowered
	return t
}

// asciiCase reports whether w is ASCII, and whether it has a capital.
func asciiCase(w string) (ascii, upper bool) {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= utf8.RuneSelf:
			return false, false
		case c >= 'A' && c <= 'Z':
			upper = true
		}
	}
	return true, upper
}

func ruleIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// ruleScanWord returns the end of the run of letters starting at or before i.
func ruleScanWord(s string, i int) int {
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !ruleIsLetter(r) {
			break
		}
		i += size
	}
	return i
}

// ruleScanNumber returns the end of the number starting at i: digits, then
// thousands groups of exactly three digits (only after a lead of one to three
// digits, so "2018,2020" stays two numbers), then one decimal part.
func ruleScanNumber(s string, i int) int {
	j := ruleDigits(s, i)
	if j-i <= 3 {
		for j+4 <= len(s) && s[j] == ',' && ruleDigits(s, j+1) == j+4 {
			j += 4
		}
	}
	if j+1 < len(s) && s[j] == '.' && '0' <= s[j+1] && s[j+1] <= '9' {
		j = ruleDigits(s, j+1)
	}
	return j
}

func ruleDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// text returns the raw text of token i.
func (t *ruleText) text(i int) string { return t.s[t.toks[i].start:t.toks[i].end] }

// joined reports whether token i+1 follows token i with nothing in between.
func (t *ruleText) joined(i int) bool {
	return i >= 0 && i+1 < len(t.toks) && t.toks[i].end == t.toks[i+1].start
}

// isWord reports whether token i is a word on the same line as token i-1
// whose lower-cased text is one of ws.
func (t *ruleText) isWord(i int, ws ...string) bool {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != ruleWord || (i > 0 && t.toks[i].nl) {
		return false
	}
	for _, w := range ws {
		if t.toks[i].low == w {
			return true
		}
	}
	return false
}

// isPunct reports whether token i is one of the punctuation marks ps, on the
// same line as token i-1.
func (t *ruleText) isPunct(i int, ps ...string) bool {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != rulePunct || (i > 0 && t.toks[i].nl) {
		return false
	}
	for _, p := range ps {
		if t.toks[i].low == p {
			return true
		}
	}
	return false
}

// isDigits reports whether token i is a plain run of n digits (no separators).
func (t *ruleText) isDigits(i, n int) bool {
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != ruleNum {
		return false
	}
	tok := t.toks[i]
	return tok.end-tok.start == n && ruleDigits(t.s, tok.start) == tok.end
}

// ruleFreeBefore reports whether token i starts a token of its own: nothing
// is glued to its left except an opening bracket or quote. It rejects the
// "19" of "COVID-19", the "7" of "24/7" and the "2019" of "£2019".
func ruleFreeBefore(t *ruleText, i int) bool {
	if i == 0 || !t.joined(i-1) {
		return true
	}
	p := t.toks[i-1]
	return p.kind == rulePunct && strings.Contains("([{\"'“‘«", p.low)
}

// ruleFreeAfter reports whether token i ends a token of its own: nothing is
// glued to its right except closing punctuation.
func ruleFreeAfter(t *ruleText, i int) bool {
	if !t.joined(i) {
		return true
	}
	n := t.toks[i+1]
	if n.kind != rulePunct || !strings.Contains(".,;:!?)]}\"'”’»", n.low) {
		return false
	}
	// "1.2.3", "10:30": the mark joins two numbers.
	return !(strings.Contains(".:", n.low) && t.joined(i+1) && t.toks[i+2].kind == ruleNum)
}

// ruleSentenceStart reports whether token i opens a sentence, line or bullet,
// where a capital letter says nothing about names.
func ruleSentenceStart(t *ruleText, i int) bool {
	if i == 0 || t.toks[i].nl {
		return true
	}
	p := t.toks[i-1]
	return p.kind == rulePunct && strings.Contains(".!?:;•·▪*-–—\"“‘'(", p.low)
}

// ruleHasUpper reports whether w has an upper-case letter.
func ruleHasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// ruleAllCaps reports whether w is an acronym such as "NHS" or "IT".
func ruleAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// ruleNumber is a number read from one or more tokens: "1,097", "2.1bn",
// "1.2 million", "two and a half million", "a billion".
type ruleNumber struct {
	first, last int    // token range
	lit         string // decimal literal without separators: "1097", "2.1", "2.5"
	exp         int    // power of ten of a scale word: "m", "million" are 6
	spelled     bool   // written in words
	suffix      bool   // scale glued to the digits: "24m"
}

// value returns the number as a float, parsed in one step from its decimal
// literal so "1.2 million" is exactly 1200000.
func (n ruleNumber) value() float64 {
	v, _ := strconv.ParseFloat(n.lit+"e"+strconv.Itoa(n.exp), 64)
	return v
}

// pounds returns the number rounded half up to an integer, computed exactly.
func (n ruleNumber) pounds() (int64, bool) {
	r, ok := new(big.Rat).SetString(n.lit + "e" + strconv.Itoa(n.exp))
	if !ok {
		return 0, false
	}
	q, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if rem.Lsh(rem, 1).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64(), q.IsInt64()
}

// base returns the number before its scale: 10 for "10m".
func (n ruleNumber) base() float64 {
	v, _ := strconv.ParseFloat(n.lit, 64)
	return v
}

// ruleGluedScale are scale suffixes written against the digits: "£5m", "24M",
// "£2.1bn", "£500k".
var ruleGluedScale = map[string]int{"k": 3, "m": 6, "mn": 6, "b": 9, "bn": 9, "tn": 12}

// ruleScale are scale words, spaced or glued: "1.2 million", "£5million".
var ruleScale = map[string]int{"thousand": 3, "million": 6, "mn": 6, "billion": 9, "bn": 9, "trillion": 12}

// ruleSmall and ruleTens spell cardinals; "one" is there for "one million"
// and "one in five", never alone.
var ruleSmall = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var ruleTens = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

// ruleNumberAt reads a number starting at token i, with its scale.
func ruleNumberAt(t *ruleText, i int) (ruleNumber, bool) {
	tok := t.toks[i]
	switch tok.kind {
	case ruleNum:
		n := ruleNumber{first: i, last: i, lit: strings.ReplaceAll(tok.low, ",", "")}
		j := i + 1
		if j < len(t.toks) && t.toks[j].kind == ruleWord && !t.toks[j].nl {
			low := t.toks[j].low
			if t.joined(i) {
				if e, ok := ruleGluedScale[low]; ok {
					n.exp, n.last, n.suffix = e, j, true
				} else if e, ok := ruleScale[low]; ok {
					n.exp, n.last, n.suffix = e, j, true
				}
			} else if e, ok := ruleScale[low]; ok {
				n.exp, n.last = e, j
			}
		}
		return n, true
	case ruleWord:
		return ruleSpelledAt(t, i)
	}
	return ruleNumber{}, false
}

// ruleSpelledAt reads a cardinal in words: "seven", "twenty-five",
// "two hundred and fifty", "two and a half million", "a billion",
// "half a million". "a" and "one" count only with a scale after them.
func ruleSpelledAt(t *ruleText, i int) (ruleNumber, bool) {
	j, base, needScale := i, 0.0, false
	switch w := t.toks[i].low; {
	case w == "a" || w == "one":
		base, needScale = 1, true
	case w == "half" && t.isWord(i+1, "a"):
		base, needScale, j = 0.5, true, i+1
	default:
		v, last, ok := ruleSmallAt(t, i)
		if !ok {
			return ruleNumber{}, false
		}
		base, j = float64(v), last
		if t.isWord(j+1, "and") && t.isWord(j+2, "a") && t.isWord(j+3, "half") {
			base, j = base+0.5, j+3
		}
	}
	if t.isWord(j+1, "hundred") && base == float64(int(base)) {
		base, j, needScale = base*100, j+1, false
		if t.isWord(j+1, "and") {
			if v, last, ok := ruleSmallAt(t, j+2); ok {
				base, j = base+float64(v), last
			}
		}
	}
	exp := 0
	if j+1 < len(t.toks) && t.isWord(j+1, "thousand", "million", "billion", "trillion") {
		exp, j, needScale = ruleScale[t.toks[j+1].low], j+1, false
	}
	if needScale {
		return ruleNumber{}, false
	}
	lit := strconv.FormatFloat(base, 'f', -1, 64)
	return ruleNumber{first: i, last: j, lit: lit, exp: exp, spelled: true}, true
}

// ruleSmallAt reads 1 to 99 in words at token i, including "twenty-five".
func ruleSmallAt(t *ruleText, i int) (int, int, bool) {
	if i >= len(t.toks) || t.toks[i].kind != ruleWord {
		return 0, 0, false
	}
	low := t.toks[i].low
	if v, ok := ruleSmall[low]; ok {
		return v, i, true
	}
	v, ok := ruleTens[low]
	if !ok {
		return 0, 0, false
	}
	if t.joined(i) && t.isPunct(i+1, "-") && t.joined(i+1) && i+2 < len(t.toks) {
		if u, ok := ruleSmall[t.toks[i+2].low]; ok && u < 10 {
			return v + u, i + 2, true
		}
	}
	return v, i, true
}

// ruleHedges map the words that hedge a figure to the vocabulary of
// Quantity.Hedge, longest phrases first so "just under" wins over "under".
var ruleHedges = []struct {
	words []string
	norm  string
}{
	{[]string{"no", "fewer", "than"}, "at least"},
	{[]string{"no", "less", "than"}, "at least"},
	{[]string{"no", "more", "than"}, "up to"},
	{[]string{"not", "more", "than"}, "up to"},
	{[]string{"as", "many", "as"}, "up to"},
	{[]string{"as", "much", "as"}, "up to"},
	{[]string{"in", "excess", "of"}, "over"},
	{[]string{"a", "minimum", "of"}, "at least"},
	{[]string{"just", "short", "of"}, "just under"},
	{[]string{"at", "least"}, "at least"},
	{[]string{"at", "most"}, "up to"},
	{[]string{"up", "to"}, "up to"},
	{[]string{"more", "than"}, "more than"},
	{[]string{"greater", "than"}, "more than"},
	{[]string{"less", "than"}, "under"},
	{[]string{"fewer", "than"}, "under"},
	{[]string{"just", "under"}, "just under"},
	{[]string{"just", "below"}, "just under"},
	{[]string{"just", "over"}, "over"},
	{[]string{"well", "over"}, "over"},
	{[]string{"upwards", "of"}, "over"},
	{[]string{"close", "to"}, "nearly"},
	{[]string{"an", "estimated"}, "around"},
	{[]string{"over"}, "over"},
	{[]string{"above"}, "over"},
	{[]string{"almost"}, "almost"},
	{[]string{"nearly"}, "nearly"},
	{[]string{"under"}, "under"},
	{[]string{"below"}, "under"},
	{[]string{"around"}, "around"},
	{[]string{"approximately"}, "around"},
	{[]string{"approx"}, "around"},
	{[]string{"roughly"}, "around"},
	{[]string{"circa"}, "around"},
	{[]string{"some"}, "around"},
	{[]string{"about"}, "about"},
}

// ruleHedgeWords holds every word of ruleHedges, so a capitalised "Over"
// before a number is not mistaken for a product name.
var ruleHedgeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range ruleHedges {
		for _, w := range h.words {
			m[w] = true
		}
	}
	return m
}()

// ruleHedgeBefore returns the hedge phrase that ends right before token i on
// the same line, and the index of its first token; i and "" if there is none.
func ruleHedgeBefore(t *ruleText, i int) (int, string) {
	if i >= len(t.toks) || t.toks[i].nl {
		return i, ""
	}
	for _, h := range ruleHedges {
		first := i - len(h.words)
		if first < 0 {
			continue
		}
		ok := true
		for k, w := range h.words {
			tok := t.toks[first+k]
			if tok.kind != ruleWord || tok.low != w || (k > 0 && tok.nl) {
				ok = false
				break
			}
		}
		if ok && ruleFreeBefore(t, first) {
			return first, h.norm
		}
	}
	return i, ""
}

// ruleFunctionWords are lower-case words that end a noun phrase: articles,
// pronouns, prepositions, conjunctions, auxiliaries, adverbs of time and the
// verbs that most often follow a count in reports ("1,100 joined the ...").
// A year followed by any other lower-case word is read as a count
// ("2019 patients").
var ruleFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a an the this that these those their our its his her my your whose which who whom what
		it they we he she you i them us me him
		and or but nor so yet than then as if while when where whereas because although though
		to for in of with by from across on at into onto over under about around between among
		through throughout within without via per during before after since until till against
		up down out off upon towards toward along beyond near like such including except
		is am are was were be been being have has had will would can could should may might
		must shall do does did not no also only just still already even ever never very too
		now today yesterday tomorrow currently recently previously here there far ago so
		each every all both either neither some any more most less least many much few another
		respectively plus alone
		get got gets used using needed receive received remain remains continue continued
		become became join joined joining make made makes helped helps take took
		benefit benefited benefiting enriched delivered provided issued`) {
		m[w] = true
	}
	return m
}()

// lowerASCII lowers A-Z only, so the result has the same byte offsets.
func lowerASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}
