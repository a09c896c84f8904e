package loader

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Quantity is a counted or measured figure found in text (not money, not a date).
type Quantity struct {
	Start, End int     // byte offsets of the span, including the hedge and the unit words consumed
	Text       string  // exact span text, s[Start:End]
	Value      float64 // "24m" is 24000000, "99%" is 99, "2/3" is 66.67 (a percentage), "a billion" is 1e9
	Percent    bool    // "99%", "77 per cent", and fractions such as "2/3" or "two-thirds of"
	Unit       string  // the noun phrase counted, as written: "GP practices", "iPads", "people"; "" if none
	Hedge      string  // "", "over", "more than", "almost", "nearly", "just under", "around", "about", "up to", "at least", "under", or "+" for "11,000+"
}

// FindQuantities returns the counts and measures in s: "99% of GP
// practices", "over 24m", "2/3 of all adults", "Two million people",
// "11,000+ care providers". Money, dates, years, ordinals, identifiers
// ("NHS 111", "COVID-19", "Microsoft 365", "round 2", "24/7"), reference
// markers ("[12]"), list numbers, times, versions and phone numbers are not
// quantities. A number hyphenated to a word ("a 3-minute read", "five-year
// plan") modifies that word and is skipped; "a 3 minute read" is 3 of
// "minute read".
func FindQuantities(s string) []Quantity {
	t := ruleTokenize(s)
	return qtyScan(t, moneyScan(t), dateScan(t, time.Time{}))
}

// qtyScan finds quantities in tokenised text, outside the money and the
// dates (read without a reference date) already found in it.
func qtyScan(t *ruleText, money []Money, dates []DateSpan) []Quantity {
	q := &qtyScanner{t: t, masked: make([]bool, len(t.toks)), taken: -1}
	for _, m := range money {
		q.mask(m.Start, m.End)
	}
	for _, d := range dates {
		q.mask(d.Start, d.End)
	}
	for i := 0; i < len(t.toks); i++ {
		if q.masked[i] {
			continue
		}
		if last, ok := q.at(i); ok {
			i = last
		}
	}
	return q.out
}

type qtyScanner struct {
	t      *ruleText
	masked []bool // tokens already read as money or dates
	taken  int    // last token of the last quantity, -1 before the first
	out    []Quantity
}

// qtyLabels are nouns whose number is an identifier, not a count: "round 2".
// "year", "month" and "day" are left out: "last year 12.5% of staff" counts.
var qtyLabels = map[string]bool{
	"round": true, "phase": true, "wave": true, "tier": true, "version": true, "level": true,
	"stage": true, "cohort": true, "step": true, "page": true, "chapter": true, "section": true,
	"figure": true, "fig": true, "table": true, "annex": true, "appendix": true, "part": true,
	"line": true, "number": true, "no": true, "item": true, "option": true, "band": true,
	"ward": true, "room": true, "route": true, "paragraph": true, "para": true, "clause": true,
	"article": true, "schedule": true, "category": true, "grade": true, "series": true,
	"priority": true, "question": true,
}

// qtyMeasures are units written against the digits: "500mg", "10GB".
var qtyMeasures = map[string]bool{
	"mg": true, "kg": true, "ml": true, "km": true, "cm": true, "mm": true, "kb": true,
	"mb": true, "gb": true, "tb": true, "mbps": true, "gbps": true, "kw": true, "kwh": true,
	"mw": true, "hr": true, "hrs": true, "min": true, "mins": true, "sec": true, "secs": true,
	"mph": true,
}

// qtyHedgeWords are the one-word hedges, which open the next figure rather
// than continue a unit: "5 staff almost 20 trusts".
var qtyHedgeWords = map[string]bool{
	"over": true, "above": true, "almost": true, "nearly": true, "under": true, "below": true,
	"around": true, "approximately": true, "approx": true, "roughly": true, "circa": true,
	"some": true, "about": true,
}

// qtyDeterminers may stand between "of" and the noun of a percentage:
// "2/3 of all adults".
var qtyDeterminers = map[string]bool{
	"all": true, "the": true, "our": true, "their": true, "its": true, "these": true,
	"those": true, "his": true, "her": true, "my": true, "your": true, "this": true, "that": true,
}

// qtyDenominators spell fractions: "two-thirds of", "a quarter of".
var qtyDenominators = map[string]float64{
	"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
	"tenth": 10, "tenths": 10,
}

// mask marks the tokens inside [start, end) as taken.
func (q *qtyScanner) mask(start, end int) {
	toks := q.t.toks
	k := sort.Search(len(toks), func(k int) bool { return toks[k].start >= start })
	for ; k < len(toks) && toks[k].start < end; k++ {
		q.masked[k] = true
	}
}

// qtyStartFilter rules out most words as the start of a quantity before
// the word lists are asked.
var qtyStartFilter = newWordFilter(maps.Keys(ruleSmall), maps.Keys(ruleTens), slices.Values([]string{"a", "half"}))

// at reads a quantity starting at token i.
func (q *qtyScanner) at(i int) (int, bool) {
	t := q.t
	tok := t.toks[i]
	if tok.kind == ruleWord {
		// Cheap gate: only these words can start a quantity.
		if !qtyStartFilter.mayHold(tok.low) {
			return 0, false
		}
		_, small := ruleSmall[tok.low]
		_, tens := ruleTens[tok.low]
		if !small && !tens && tok.low != "a" && tok.low != "half" {
			return 0, false
		}
	} else if tok.kind != ruleNum {
		return 0, false
	}
	if last, ok := q.fractionWords(i); ok {
		return last, true
	}
	if last, ok := q.ratio(i); ok {
		return last, true
	}
	n, ok := ruleNumberAt(t, i)
	if !ok || q.anyMasked(n.first, n.last) || !q.standsAlone(n) {
		return 0, false
	}
	qt := Quantity{Value: n.value()}
	last := n.last
	k := n.last + 1
	if t.joined(n.last) {
		switch nx := t.toks[k]; {
		case nx.kind == ruleWord:
			if n.suffix || !qtyMeasures[nx.low] {
				return 0, false // "5G", "1990s", "25th", "10am"
			}
			qt.Unit = t.text(k)
			return q.emit(i, k, qt), true
		case nx.low == "%":
			qt.Percent, last = true, k
		case nx.low == "+":
			qt.Hedge, last = "+", k
		case nx.low == "/":
			v, ok := q.fraction(n, k)
			if !ok {
				return 0, false // "24/7", "24/7/365"
			}
			qt.Value, qt.Percent, last = v, true, k+1
		case nx.low == "-" || nx.low == "–":
			if t.joined(k) && k+1 < len(t.toks) && t.toks[k+1].kind == ruleWord {
				return 0, false // "5-year", "3-minute": a modifier, not a count
			}
		default:
			if !ruleFreeAfter(t, n.last) {
				return 0, false // "10:30", "1.2.3"
			}
		}
	}
	if !qt.Percent && !t.joined(n.last) {
		switch {
		case t.isPunct(k, "%"):
			qt.Percent, last = true, k
		case t.isWord(k, "percent"):
			qt.Percent, last = true, k
		case t.isWord(k, "per") && t.isWord(k+1, "cent"):
			qt.Percent, last = true, k+1
		}
	}
	unit, ulast := q.unit(last+1, qt.Percent)
	qt.Unit = unit
	return q.emit(i, max(last, ulast), qt), true
}

// emit records the quantity read from tokens first..end, with the hedge
// before it unless an earlier figure or a date or amount took those words.
func (q *qtyScanner) emit(first, end int, qt Quantity) int {
	t := q.t
	if h, hedge := ruleHedgeBefore(t, first); hedge != "" && h > q.taken && !q.anyMasked(h, first-1) {
		first, qt.Hedge = h, hedge
	}
	q.taken = end
	qt.Start, qt.End = t.toks[first].start, t.toks[end].end
	qt.Text = t.s[qt.Start:qt.End]
	q.out = append(q.out, qt)
	return end
}

func (q *qtyScanner) anyMasked(first, last int) bool {
	for k := first; k <= last; k++ {
		if q.masked[k] {
			return true
		}
	}
	return false
}

// standsAlone rejects numbers that belong to something else: identifiers,
// reference markers, list numbers, table rows, phone numbers and the day of
// a date whose year is missing.
func (q *qtyScanner) standsAlone(n ruleNumber) bool {
	t := q.t
	i := n.first
	tok := t.toks[i]
	if n.spelled {
		// "the Five Year Forward View": a capital inside a sentence makes a name.
		return ruleFreeBefore(t, i) && (!dateCapitalised(t.text(i)) || ruleSentenceStart(t, i))
	}
	if lit := tok.low; len(lit) > 1 && lit[0] == '0' && lit[1] != '.' {
		return false // "0300": codes and phone numbers
	}
	if i > 0 && t.joined(i-1) {
		switch p := t.toks[i-1]; {
		case p.low == "[" && t.joined(n.last) && t.isPunct(n.last+1, "]"):
			return false // "[12]"
		case p.low == "(" && n.exp == 0 && len(tok.low) <= 2 && t.joined(n.last) && t.isPunct(n.last+1, ")"):
			return false // "(1)": list marker
		case p.low == "-" || p.low == "–":
			// "5-10 trusts" is a range; the "19" of "COVID-19" is no count.
			if !(i >= 2 && t.joined(i-2) && t.toks[i-2].kind == ruleNum) {
				return false
			}
		case !ruleFreeBefore(t, i):
			return false // "24/7", "v2", "TechForce19", "+44"
		}
	}
	if (i == 0 || tok.nl) && n.exp == 0 && t.joined(i) && t.isPunct(i+1, ".", ")") {
		return false // "1. Introduction"
	}
	if i > 0 && !tok.nl && !q.masked[i-1] {
		switch p := t.toks[i-1]; p.kind {
		case rulePunct:
			if strings.Contains("£$€¥#", p.low) {
				return false
			}
		case ruleWord:
			if qtyLabels[p.low] || qtyNameLike(t, i-1) || q.isMonth(i-1) {
				return false
			}
		case ruleNum:
			if !t.joined(i - 1) {
				return false // a run of numbers: a table row or a phone number
			}
		}
	}
	if nx := n.last + 1; nx < len(t.toks) && !t.toks[nx].nl && !t.joined(n.last) {
		if t.toks[nx].kind == ruleNum && !q.masked[nx] {
			return false
		}
		if q.isMonth(nx) {
			return false // "22 November" without a year
		}
	}
	return true
}

// qtyNameLike reports whether word i, capitalised and not a function word,
// hedge, month or adverb, names the thing its following number identifies:
// "NHS 111", "Microsoft 365", "Web 3.0", "Total 590" in a table.
func qtyNameLike(t *ruleText, i int) bool {
	low := t.toks[i].low
	if !ruleHasUpper(t.text(i)) || ruleFunctionWords[low] || ruleHedgeWords[low] {
		return false
	}
	if _, ok := dateMonths[low]; ok {
		return false
	}
	return !strings.HasSuffix(low, "ly")
}

func (q *qtyScanner) isMonth(i int) bool {
	t := q.t
	if i < 0 || i >= len(t.toks) || t.toks[i].kind != ruleWord {
		return false
	}
	_, ok := dateMonths[t.toks[i].low]
	return ok && dateCapitalised(t.text(i))
}

// fraction reads the "2/3" of "2/3 of all adults" as a percentage; slash
// pairs that are not proper fractions ("24/7") are refused.
func (q *qtyScanner) fraction(n ruleNumber, slash int) (float64, bool) {
	t := q.t
	b := slash + 1
	if n.spelled || n.exp != 0 || !t.joined(slash) || b >= len(t.toks) ||
		!(t.isDigits(n.first, 1) || t.isDigits(n.first, 2)) ||
		!(t.isDigits(b, 1) || t.isDigits(b, 2)) || !ruleFreeAfter(t, b) {
		return 0, false
	}
	num, _ := strconv.Atoi(t.toks[n.first].low)
	den, _ := strconv.Atoi(t.toks[b].low)
	if num < 1 || num >= den || den > 10 {
		return 0, false
	}
	return qtyPercent(float64(num), float64(den)), true
}

// fractionWords reads "two-thirds of", "one third of", "a quarter of".
func (q *qtyScanner) fractionWords(i int) (int, bool) {
	t := q.t
	num := 1
	if low := t.toks[i].low; low != "a" {
		v, ok := ruleSmall[low]
		if !ok || v > 9 {
			return 0, false
		}
		num = v
	}
	j := i + 1
	if t.joined(i) && t.isPunct(j, "-") && t.joined(j) {
		j++
	}
	if !qtyWordIn(t, j, qtyDenominators) {
		return 0, false
	}
	den := qtyDenominators[t.toks[j].low]
	if float64(num) >= den || !t.isWord(j+1, "of") || !ruleFreeBefore(t, i) || q.anyMasked(i, j+1) {
		return 0, false
	}
	if dateCapitalised(t.text(i)) && !ruleSentenceStart(t, i) {
		return 0, false
	}
	k := j + 2
	for qtyWordIn(t, k, qtyDeterminers) {
		k++
	}
	if k < len(t.toks) && q.masked[k] {
		return 0, false // "a quarter of 2021" is a time, not a share
	}
	qt := Quantity{Value: qtyPercent(float64(num), den), Percent: true}
	unit, ulast := q.unit(j+1, true)
	qt.Unit = unit
	return q.emit(i, max(j, ulast), qt), true
}

// ratio reads "one in five adults" and "1 in 4 trusts" as percentages.
func (q *qtyScanner) ratio(i int) (int, bool) {
	t := q.t
	a, alast, ok := qtySmallInt(t, i)
	if !ok || !t.isWord(alast+1, "in") || !ruleFreeBefore(t, i) {
		return 0, false
	}
	b, blast, ok := qtySmallInt(t, alast+2)
	if !ok || a < 1 || b <= a || !ruleFreeAfter(t, blast) || q.anyMasked(i, blast) {
		return 0, false
	}
	if dateCapitalised(t.text(i)) && !ruleSentenceStart(t, i) {
		return 0, false
	}
	qt := Quantity{Value: qtyPercent(float64(a), float64(b)), Percent: true}
	unit, ulast := q.unit(blast+1, false)
	qt.Unit = unit
	return q.emit(i, max(blast, ulast), qt), true
}

// qtySmallInt reads an integer up to 1000 in digits or words ("one" included).
func qtySmallInt(t *ruleText, i int) (int, int, bool) {
	if i >= len(t.toks) || (i > 0 && t.toks[i].nl) {
		return 0, 0, false
	}
	if t.toks[i].kind == ruleWord {
		return ruleSmallAt(t, i)
	}
	for n := 1; n <= 4; n++ {
		if t.isDigits(i, n) {
			v, _ := strconv.Atoi(t.toks[i].low)
			return v, i, v <= 1000 && t.toks[i].low[0] != '0'
		}
	}
	return 0, 0, false
}

func qtyPercent(num, den float64) float64 {
	return math.Round(num/den*10000) / 100
}

// unit reads the noun phrase after a figure, up to four words: it stops at
// punctuation, a line break, a function word, a verb-like word ("-ed",
// "-ing", "-ly") not followed by a noun, and after a plural, which in English
// ends the phrase ("11,000+ care providers | benefit"). A percentage may take
// "of" and a determiner first ("99% of GP practices"). It returns the unit and
// its last token, or "" and j-1.
func (q *qtyScanner) unit(j int, percent bool) (string, int) {
	t := q.t
	none := j - 1
	if percent && t.isWord(j, "of") {
		j++
		for qtyWordIn(t, j, qtyDeterminers) {
			j++
		}
	}
	first, last := j, -1
	for words := 0; words < 4 && q.contentWord(j); words++ {
		end := q.compound(j)
		if end == j && q.verbLike(j) && ((words > 0 && strings.HasSuffix(t.toks[j].low, "ed")) || !q.nounish(j+1)) {
			// A participle or adverb opens the phrase only before a noun
			// ("500 connected devices"); after one it is the verb ("12.5%
			// of staff reported problems", "2,500 patients currently being").
			break
		}
		if end == j && ruleHasUpper(t.text(j)) && q.nameNumber(j+1) {
			end = j + 1 // "NHS 111", "Microsoft 365" inside the phrase
		}
		last, j = end, end+1
		if qtyPlural(t.text(end)) {
			break
		}
		if k, ok := q.coordinated(j, 4-words-1); ok {
			last = k // "400 health and care providers"
			break
		}
	}
	if last < 0 {
		return "", none
	}
	return strings.Join(strings.Fields(t.s[t.toks[first].start:t.toks[last].end]), " "), last
}

// qtyWordIn reports whether token j is a word on the same line whose
// lower-cased text is a key of set.
func qtyWordIn[V any](t *ruleText, j int, set map[string]V) bool {
	if j >= len(t.toks) || t.toks[j].nl || t.toks[j].kind != ruleWord {
		return false
	}
	_, ok := set[t.toks[j].low]
	return ok
}

// coordinated reads the rest of a noun phrase joined by "and" that ends in a
// plural within budget words: the "and care providers" of "health and care
// providers". It returns the plural's token.
func (q *qtyScanner) coordinated(j, budget int) (int, bool) {
	t := q.t
	if !t.isWord(j, "and") && !t.isPunct(j, "&") {
		return 0, false
	}
	for k := j + 1; k <= j+budget && q.contentWord(k); k++ {
		if t.joined(k) {
			return 0, false // keep it simple: no hyphenated words here
		}
		if qtyPlural(t.text(k)) {
			return k, true
		}
	}
	return 0, false
}

// contentWord reports whether token j is a word that can belong to a noun
// phrase: on the same line, not yet taken, and not a function word (an
// acronym such as "IT" or "US" is not the pronoun).
func (q *qtyScanner) contentWord(j int) bool {
	t := q.t
	if j >= len(t.toks) || t.toks[j].nl || t.toks[j].kind != ruleWord || q.masked[j] {
		return false
	}
	low := t.toks[j].low
	return !(ruleFunctionWords[low] || qtyHedgeWords[low]) || ruleAllCaps(t.text(j))
}

// verbLike reports whether word j is a lower-case "-ed", "-ing" or "-ly"
// word, which may be a verb or adverb rather than part of a noun phrase.
func (q *qtyScanner) verbLike(j int) bool {
	low := q.t.toks[j].low
	return len(low) > 4 && !dateCapitalised(q.t.text(j)) &&
		(strings.HasSuffix(low, "ed") || strings.HasSuffix(low, "ing") || strings.HasSuffix(low, "ly"))
}

// nounish reports whether token j is a content word that is not verb-like.
func (q *qtyScanner) nounish(j int) bool {
	return q.contentWord(j) && !q.verbLike(j)
}

// compound extends word j over hyphens: "COVID-19", "cutting-edge",
// "step-by-step". It returns the last token.
func (q *qtyScanner) compound(j int) int {
	t := q.t
	for t.joined(j) && t.isPunct(j+1, "-") && t.joined(j+1) && j+2 < len(t.toks) &&
		t.toks[j+2].kind != rulePunct && !q.masked[j+2] {
		j += 2
	}
	return j
}

// nameNumber reports whether token j is the number of a product or service
// name inside a noun phrase ("2.2m NHS 111 online assessments"): spaced from
// the name and followed by another word of the phrase.
func (q *qtyScanner) nameNumber(j int) bool {
	t := q.t
	if j >= len(t.toks) || t.toks[j].nl || t.toks[j].kind != ruleNum || q.masked[j] || t.joined(j-1) {
		return false
	}
	return !t.joined(j) && q.contentWord(j+1)
}

// qtyPlural reports whether w looks like a plural noun ("trusts", "GPs"),
// not a singular ending in s ("class", "virus", "analysis") or an acronym
// ("NHS").
func qtyPlural(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return false
	}
	switch w[n-2] {
	case 's', 'u', 'i':
		return false
	}
	return true
}
