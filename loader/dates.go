package loader

import (
	"maps"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DateSpan is a calendar reference found in text.
type DateSpan struct {
	Start, End int    // byte offsets of the span
	Text       string // exact span text, s[Start:End]
	Key        string // "2021-11-22", "2021-11", "2021", or financial year "FY2020-21"
	Name       string // readable name of Key: "22 November 2021", "November 2021", "2021", "financial year 2020-21"
	Approx     string // "" or qualifier: "early", "late", "mid", "spring", "summer", "autumn", "winter"
	EndKey     string // for ranges ("from March to August 2020"), the key of the end; Key is the start
}

// FindDates finds dates in s. ref is the document's own date (zero if
// unknown) used for relative dates: a month or day without a year ("in early
// May") takes ref's year, and "last year", "this year" and "next year" count
// from it; without ref they are skipped. A preposition before a date ("in May
// 2019") is not part of the span.
func FindDates(s string, ref time.Time) []DateSpan {
	return dateScan(ruleTokenize(s), ref)
}

// ParseDocDate returns the first full day, month and year in s, such as the
// "15 October 2021" of "Published 15 October 2021" or the byline
// "25th November 2021 about a 3 minute read", as midnight UTC.
func ParseDocDate(s string) (time.Time, bool) {
	for _, d := range FindDates(s, time.Time{}) {
		if len(d.Key) == len("2006-01-02") {
			if t, err := time.Parse("2006-01-02", d.Key); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// dateVal is a calendar date at day, month or year precision, or a UK
// financial year (April to March) named by the year it starts in.
type dateVal struct {
	y, m, d int // m and d are 0 when absent
	fy      bool
}

func (v dateVal) key() string {
	switch {
	case v.fy:
		return "FY" + strconv.Itoa(v.y) + "-" + dateTwo((v.y+1)%100)
	case v.d > 0:
		return strconv.Itoa(v.y) + "-" + dateTwo(v.m) + "-" + dateTwo(v.d)
	case v.m > 0:
		return strconv.Itoa(v.y) + "-" + dateTwo(v.m)
	}
	return strconv.Itoa(v.y)
}

func (v dateVal) name() string {
	switch {
	case v.fy:
		return "financial year " + strconv.Itoa(v.y) + "-" + dateTwo((v.y+1)%100)
	case v.d > 0:
		return strconv.Itoa(v.d) + " " + time.Month(v.m).String() + " " + strconv.Itoa(v.y)
	case v.m > 0:
		return time.Month(v.m).String() + " " + strconv.Itoa(v.y)
	}
	return strconv.Itoa(v.y)
}

// valid rejects days that do not exist, such as 31 February.
func (v dateVal) valid() bool {
	if v.m < 0 || v.m > 12 || v.y < 1 {
		return false
	}
	if v.d == 0 {
		return true
	}
	return v.m > 0 && v.d <= time.Date(v.y, time.Month(v.m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dateTwo(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dateMonths maps month names and their usual abbreviations to numbers.
var dateMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateMonthFilter rules out most words as month names before dateMonths
// is asked.
var dateMonthFilter = newWordFilter(maps.Keys(dateMonths))

// dateYearCues are words after which a bare four-digit number is a year even
// when a noun follows ("In 2020 technology made a real difference"), so the
// range widens to 1900-2099.
var dateYearCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "from": true,
	"during": true, "before": true, "after": true, "through": true, "throughout": true,
	"between": true, "circa": true, "year": true,
}

// dateDeterminers before a number make it a year used as an adjective:
// "our 2020 achievements".
var dateDeterminers = map[string]bool{
	"the": true, "our": true, "its": true, "their": true, "his": true, "her": true,
	"this": true, "that": true, "these": true, "those": true, "a": true, "an": true,
	"whose": true, "each": true, "every": true, "my": true, "your": true,
}

// dateMonthCues are words after which a month with no year still names a
// date ("In March, NHSX ..."); elsewhere "May" is too often a verb.
var dateMonthCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "from": true,
	"during": true, "before": true, "after": true, "through": true, "throughout": true,
	"between": true,
}

// dateEdges give the Approx of "end of", "start of" and the like.
var dateEdges = map[string]string{"end": "late", "start": "early", "beginning": "early", "middle": "mid"}

// dateQual is a qualifier read before a date: "early", "mid-", "Autumn",
// "end of". first is where the span starts.
type dateQual struct {
	first  int
	approx string
	season bool // seasons qualify years only
}

type dateScanner struct {
	t   *ruleText
	ref time.Time
	out []DateSpan
}

// dateScan finds dates in tokenised text; FindQuantities reuses it to mask
// years and days out before looking for counts.
func dateScan(t *ruleText, ref time.Time) []DateSpan {
	d := &dateScanner{t: t, ref: ref}
	for i := 0; i < len(t.toks); i++ {
		last, ok := d.qualified(i)
		if !ok {
			last, ok = d.core(i, dateQual{first: i})
		}
		if ok {
			i = last
		}
	}
	d.mergeRanges()
	return d.out
}

// qualified reads "early 2019", "mid-2020", "Autumn 2021", "spring of 2020",
// "end of March 2020" and, with ref, "early May".
func (d *dateScanner) qualified(i int) (int, bool) {
	t := d.t
	if t.toks[i].kind != ruleWord {
		return 0, false
	}
	q := dateQual{first: i}
	j := i + 1
	switch low := t.toks[i].low; low {
	case "early", "late", "mid":
		q.approx = low
		if t.joined(i) && t.isPunct(j, "-", "–") && t.joined(j) {
			j++
		}
	case "spring", "summer", "autumn", "winter", "fall":
		q.approx, q.season = low, true
		if low == "fall" {
			q.approx = "autumn"
		}
		if t.isWord(j, "of") {
			j++
		}
	case "end", "start", "beginning", "middle":
		if !t.isWord(j, "of") {
			return 0, false
		}
		q.approx = dateEdges[low]
		j++
	default:
		return 0, false
	}
	if j >= len(t.toks) || t.toks[j].nl || !ruleFreeBefore(t, i) {
		return 0, false
	}
	return d.core(j, q)
}

// core tries each date form at token i, most specific first.
func (d *dateScanner) core(i int, q dateQual) (int, bool) {
	if q.season {
		if last, ok := d.fiscal(i, q); ok {
			return last, true
		}
		if last, ok := d.year(i, q); ok {
			return last, true
		}
		return d.relative(i, q)
	}
	// This runs on every token: dispatch on the token before trying rules.
	switch tok := d.t.toks[i]; tok.kind {
	case ruleNum:
		if last, ok := d.numeric(i, q); ok {
			return last, true
		}
		if last, ok := d.fiscal(i, q); ok {
			return last, true
		}
		if last, ok := d.dayFirst(i, q); ok {
			return last, true
		}
		return d.year(i, q)
	case ruleWord:
		switch tok.low {
		case "fy":
			return d.fiscal(i, q)
		case "last", "this", "next":
			return d.relative(i, q)
		}
		if !dateMonthFilter.mayHold(tok.low) {
			return 0, false
		}
		if _, ok := dateMonths[tok.low]; ok {
			return d.monthFirst(i, q)
		}
	}
	return 0, false
}

func (d *dateScanner) emit(q dateQual, last int, v dateVal, end *dateVal) {
	t := d.t
	start, stop := t.toks[q.first].start, t.toks[last].end
	ds := DateSpan{Start: start, End: stop, Text: t.s[start:stop], Key: v.key(), Name: v.name(), Approx: q.approx}
	if end != nil {
		ds.EndKey = end.key()
	}
	d.out = append(d.out, ds)
}

// month reads a month name at token i, with the full stop of an abbreviation
// ("Nov."). Abbreviations, "May" and "March" must be capitalised: in lower
// case they are ordinary words.
func (d *dateScanner) month(i int) (int, int, bool) {
	t := d.t
	if i >= len(t.toks) || t.toks[i].kind != ruleWord {
		return 0, 0, false
	}
	low := t.toks[i].low
	m, ok := dateMonths[low]
	if !ok {
		return 0, 0, false
	}
	full := strings.EqualFold(low, time.Month(m).String())
	if (!full || low == "may" || low == "march") && !dateCapitalised(t.text(i)) {
		return 0, 0, false
	}
	last := i
	if !full && t.joined(i) && t.isPunct(i+1, ".") {
		last++
	}
	return m, last, true
}

func dateCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// dayNum reads a day of the month, "5", "05" or "25th", ignoring what is
// glued to its left (the second day of "1-5 May"); nothing but closing
// punctuation may follow it.
func (d *dateScanner) dayNum(i int) (int, int, bool) {
	v, last, ok := d.dayDigits(i)
	if !ok || !ruleFreeAfter(d.t, last) {
		return 0, 0, false
	}
	return v, last, true
}

// dayDigits reads the number and ordinal suffix of a day.
func (d *dateScanner) dayDigits(i int) (int, int, bool) {
	t := d.t
	if !(t.isDigits(i, 1) || t.isDigits(i, 2)) {
		return 0, 0, false
	}
	v, _ := strconv.Atoi(t.toks[i].low)
	if v < 1 || v > 31 {
		return 0, 0, false
	}
	last := i
	if t.joined(i) && t.toks[i+1].kind == ruleWord {
		switch t.toks[i+1].low {
		case "st", "nd", "rd", "th":
			last = i + 1
		default:
			return 0, 0, false
		}
	}
	return v, last, true
}

// day is a day standing as a token of its own (not the "19" of
// "COVID-19"), or the first day of a range such as "1-5 May".
func (d *dateScanner) day(i int) (int, int, bool) {
	t := d.t
	if !ruleFreeBefore(t, i) {
		return 0, 0, false
	}
	v, last, ok := d.dayDigits(i)
	if !ok {
		return 0, 0, false
	}
	dash := t.joined(last) && t.isPunct(last+1, "-", "–") && t.joined(last+1) && t.toks[last+2].kind == ruleNum
	if !dash && !ruleFreeAfter(t, last) {
		return 0, 0, false
	}
	return v, last, true
}

// yearAfter reads the year that completes a day or month: any four digits
// from 1900 to 2099, not glued to anything but closing punctuation.
func (d *dateScanner) yearAfter(i int) (int, bool) {
	t := d.t
	if !t.isDigits(i, 4) || t.toks[i].nl || !ruleFreeAfter(t, i) || t.joined(i-1) {
		return 0, false
	}
	y, _ := strconv.Atoi(t.toks[i].low)
	return y, y >= 1900 && y <= 2099
}

// numeric reads "12/06/2019" and "12-06-2019" (day first, as in the UK) and
// ISO "2019-06-12".
func (d *dateScanner) numeric(i int, q dateQual) (int, bool) {
	t := d.t
	glued := func(k int, sep string) bool {
		return t.joined(k) && t.isPunct(k+1, sep) && t.joined(k+1)
	}
	num := func(k int) int { v, _ := strconv.Atoi(t.toks[k].low); return v }
	var v dateVal
	switch {
	case t.isDigits(i, 4) && glued(i, "-") && t.isDigits(i+2, 2) && glued(i+2, "-") && t.isDigits(i+4, 2):
		v = dateVal{y: num(i), m: num(i + 2), d: num(i + 4)}
	case (t.isDigits(i, 1) || t.isDigits(i, 2)) && i+4 < len(t.toks) && t.isDigits(i+4, 4) &&
		(t.isDigits(i+2, 1) || t.isDigits(i+2, 2)):
		sep := t.toks[i+1].low
		if (sep != "/" && sep != "-") || !glued(i, sep) || !glued(i+2, sep) {
			return 0, false
		}
		v = dateVal{y: num(i + 4), m: num(i + 2), d: num(i)}
	default:
		return 0, false
	}
	if v.m < 1 || v.d < 1 || !v.valid() || !ruleFreeBefore(t, i) || !ruleFreeAfter(t, i+4) {
		return 0, false
	}
	d.emit(q, i+4, v, nil)
	return i + 4, true
}

// fiscal reads financial years, "2020/21", "2020-21", "2020/2021",
// "2020 to 2021", "FY2020-21", "FY21/22", when the second year is the next
// one; a later second year ("2018 to 2022", "2019-2024") makes a range of
// years instead.
func (d *dateScanner) fiscal(i int, q dateQual) (int, bool) {
	t := d.t
	// A qualifier ("mid-2020/21") may be glued on; otherwise the year must
	// stand free.
	free := q.first != i || ruleFreeBefore(t, i)
	prefixed := t.isWord(i, "fy")
	if prefixed {
		i++
		if i >= len(t.toks) || t.toks[i].nl {
			return 0, false
		}
	}
	if !free || dateAfterCurrency(t, i) {
		return 0, false
	}
	var y1 int
	switch {
	case t.isDigits(i, 4):
		y1, _ = strconv.Atoi(t.toks[i].low)
	case prefixed && t.isDigits(i, 2):
		y1, _ = strconv.Atoi(t.toks[i].low)
		y1 += 2000
	default:
		return 0, false
	}
	if y1 < 1900 || y1 > 2099 {
		return 0, false
	}
	j := i + 1
	switch {
	case t.joined(i) && t.isPunct(j, "/", "-", "–") && t.joined(j):
	case !t.joined(i) && (t.isPunct(j, "/", "-", "–") || t.isWord(j, "to")) && !t.joined(j):
	default:
		return 0, false
	}
	j++
	if j >= len(t.toks) || t.toks[j].nl || !(t.isDigits(j, 2) || t.isDigits(j, 4)) || !ruleFreeAfter(t, j) {
		return 0, false
	}
	y2, _ := strconv.Atoi(t.toks[j].low)
	if y2 < 100 {
		y2 += y1 / 100 * 100
		if y2 < y1 {
			y2 += 100
		}
	}
	switch {
	case y2 == y1+1:
		d.emit(q, j, dateVal{y: y1, fy: true}, nil)
	case !prefixed && t.toks[j-1].low != "/" && y2 > y1+1 && y2 <= y1+50:
		// A slash pairs a year with the next one only ("Directive 2000/31"
		// is no range); a dash or "to" may span several.
		d.emit(q, j, dateVal{y: y1}, &dateVal{y: y2})
	default:
		return 0, false
	}
	return j, true
}

// dayFirst reads "12 June 2019", "1st of May 2020", "22 November, 2021",
// "1-5 May 2020", and, with ref, "5 May".
func (d *dateScanner) dayFirst(i int, q dateQual) (int, bool) {
	t := d.t
	dd, last, ok := d.day(i)
	if !ok {
		return 0, false
	}
	j := last + 1
	end := 0
	if t.isWord(j, "to", "until", "till") || (t.joined(last) && t.isPunct(j, "-", "–") && t.joined(j)) {
		if d2, last2, ok := d.dayNum(j + 1); ok && d2 > dd && !t.toks[j+1].nl {
			end, j = d2, last2+1
		}
	}
	if t.isWord(j, "of") {
		j++
	}
	m, mlast, ok := d.month(j)
	if !ok || t.toks[j].nl {
		return 0, false // a date does not run across lines
	}
	k := mlast + 1
	if t.isPunct(k, ",") {
		k++
	}
	y, ok := d.yearAfter(k)
	if !ok {
		if d.ref.IsZero() || t.isWord(mlast+1, "of") {
			return 0, false // "1st of May of that year": no year to give it
		}
		y, k = d.ref.Year(), mlast
	}
	v := dateVal{y: y, m: m, d: dd}
	if !v.valid() {
		return k, true // "31 February 2021": swallowed, so "February 2021" is not read from it
	}
	if end > 0 {
		e := dateVal{y: y, m: m, d: end}
		if !e.valid() {
			return k, true
		}
		d.emit(q, k, v, &e)
		return k, true
	}
	d.emit(q, k, v, nil)
	return k, true
}

// monthFirst reads "November 22 2021", "November 22, 2021", "January 2020",
// "Sept 2021", "June of 2019", month ranges ("March to August 2020",
// "between March and August 2020"), month lists ("March and August 2020")
// and, with ref, "November 22nd" and a month after a cue ("in early May").
func (d *dateScanner) monthFirst(i int, q dateQual) (int, bool) {
	t := d.t
	m, mlast, ok := d.month(i)
	if !ok || (q.first == i && !ruleFreeBefore(t, i)) {
		return 0, false
	}
	j := mlast + 1
	if dd, dlast, ok := d.day(j); ok && !t.toks[j].nl {
		k := dlast + 1
		if t.isPunct(k, ",") {
			k++
		}
		if y, ok := d.yearAfter(k); ok {
			return d.emitIfValid(q, k, dateVal{y: y, m: m, d: dd})
		}
		// Without a year, "May 20 trusts" is not a date: accept only an
		// ordinal or a day that closes the phrase.
		if !d.ref.IsZero() && (dlast > j || d.endsPhrase(dlast)) {
			return d.emitIfValid(q, dlast, dateVal{y: d.ref.Year(), m: m, d: dd})
		}
		return 0, false
	}
	k := j
	if t.isPunct(k, ",") || t.isWord(k, "of") {
		k++
	}
	if y, ok := d.yearAfter(k); ok {
		return d.emitIfValid(q, k, dateVal{y: y, m: m})
	}
	if last, ok := d.monthRange(i, m, mlast, q); ok {
		return last, true
	}
	return d.bareMonth(i, mlast, q)
}

// monthRange reads the rest of "March to August 2020" after the first month.
func (d *dateScanner) monthRange(i, m, mlast int, q dateQual) (int, bool) {
	t := d.t
	j := mlast + 1
	and := t.isWord(j, "and")
	if !(and || t.isWord(j, "to", "until", "till", "through") || t.isPunct(j, "-", "–", "—")) {
		return 0, false
	}
	m2, m2last, ok := d.month(j + 1)
	if !ok || t.toks[j+1].nl {
		return 0, false
	}
	k := m2last + 1
	if t.isPunct(k, ",") || t.isWord(k, "of") {
		k++
	}
	y, ok := d.yearAfter(k)
	if !ok {
		return 0, false
	}
	if and && !(i > 0 && t.isWord(i-1, "between")) {
		// A list, not a range: two months sharing the year written once.
		d.emit(q, mlast, dateVal{y: y, m: m}, nil)
		d.emit(dateQual{first: j + 1}, k, dateVal{y: y, m: m2}, nil)
		return k, true
	}
	y1 := y
	if m > m2 {
		y1-- // "November to February 2021" starts the year before
	}
	d.emit(q, k, dateVal{y: y1, m: m}, &dateVal{y: y, m: m2})
	return k, true
}

// bareMonth reads a month without a year after a cue or qualifier, dated
// with ref's year. "September of that year" is skipped: the year is elsewhere.
func (d *dateScanner) bareMonth(i, mlast int, q dateQual) (int, bool) {
	t := d.t
	if d.ref.IsZero() || mlast != i || !dateCapitalised(t.text(i)) {
		return 0, false
	}
	if m := dateMonths[t.toks[i].low]; !strings.EqualFold(t.toks[i].low, time.Month(m).String()) {
		return 0, false
	}
	if n := i + 1; n < len(t.toks) && !t.toks[n].nl && (t.toks[n].kind == ruleNum || t.toks[n].low == "of") {
		return 0, false
	}
	if q.approx == "" && !(i > 0 && !t.toks[i].nl && t.toks[i-1].kind == ruleWord && dateMonthCues[t.toks[i-1].low]) {
		return 0, false
	}
	return d.emitIfValid(q, i, dateVal{y: d.ref.Year(), m: dateMonths[t.toks[i].low]})
}

// emitIfValid emits v unless it names a day that does not exist; either way
// the tokens are consumed, so "February 31, 2021" yields nothing rather than
// a wrong "February".
func (d *dateScanner) emitIfValid(q dateQual, last int, v dateVal) (int, bool) {
	if !v.valid() {
		return last, true
	}
	d.emit(q, last, v, nil)
	return last, true
}

// endsPhrase reports whether nothing but punctuation or a line break follows
// token i.
func (d *dateScanner) endsPhrase(i int) bool {
	n := i + 1
	return n >= len(d.t.toks) || d.t.toks[n].nl || d.t.toks[n].kind == rulePunct
}

// year reads a year on its own. After a qualifier any year from 1900 to
// 2099 will do. Standing alone it must be 1990-2039 (1900-2099 after "in",
// "since" and the like), a token of its own (not "£2019", "24/7/365",
// "2,019", "COVID-19"), and not a count: "2019 patients" is a number of
// patients, while "our 2020 achievements" and "in 2020 technology" are years.
func (d *dateScanner) year(i int, q dateQual) (int, bool) {
	t := d.t
	if !t.isDigits(i, 4) || !ruleFreeAfter(t, i) {
		return 0, false
	}
	y, _ := strconv.Atoi(t.toks[i].low)
	if q.approx != "" {
		if y < 1900 || y > 2099 {
			return 0, false
		}
		d.emit(q, i, dateVal{y: y}, nil)
		return i, true
	}
	prev := ""
	if i > 0 && !t.toks[i].nl && t.toks[i-1].kind == ruleWord {
		prev = t.toks[i-1].low
	}
	lo, hi := 1990, 2039
	if dateYearCues[prev] {
		lo, hi = 1900, 2099
	}
	if y < lo || y > hi || !ruleFreeBefore(t, i) || dateAfterCurrency(t, i) {
		return 0, false
	}
	if !dateYearCues[prev] && !dateDeterminers[prev] && d.countFollows(i) {
		return 0, false
	}
	d.emit(q, i, dateVal{y: y}, nil)
	return i, true
}

// countFollows reports whether a lower-case content word follows token i on
// its line, as the noun of a count does: "2019 patients".
func (d *dateScanner) countFollows(i int) bool {
	t := d.t
	n := i + 1
	if n >= len(t.toks) || t.toks[n].nl || t.toks[n].kind != ruleWord {
		return false
	}
	return !dateCapitalised(t.text(n)) && !ruleFunctionWords[t.toks[n].low]
}

// dateAfterCurrency reports whether a currency sign precedes token i: "£ 2019".
func dateAfterCurrency(t *ruleText, i int) bool {
	return i > 0 && t.toks[i-1].kind == rulePunct && strings.Contains("£$€¥", t.toks[i-1].low)
}

// relative reads "last year", "this year", "next year", the same for
// "month" and "financial year", counted from ref. "The last year" means the
// past twelve months, not a calendar year, and is skipped.
func (d *dateScanner) relative(i int, q dateQual) (int, bool) {
	t := d.t
	if d.ref.IsZero() || !t.isWord(i, "last", "this", "next") || (i > 0 && t.isWord(i-1, "the")) {
		return 0, false
	}
	delta := map[string]int{"last": -1, "this": 0, "next": 1}[t.toks[i].low]
	switch {
	case t.isWord(i+1, "year") && ruleFreeAfter(t, i+1):
		d.emit(q, i+1, dateVal{y: d.ref.Year() + delta}, nil)
		return i + 1, true
	case t.isWord(i+1, "month") && ruleFreeAfter(t, i+1) && !q.season:
		r := time.Date(d.ref.Year(), d.ref.Month()+time.Month(delta), 1, 0, 0, 0, 0, time.UTC)
		d.emit(q, i+1, dateVal{y: r.Year(), m: int(r.Month())}, nil)
		return i + 1, true
	case t.isWord(i+1, "financial") && t.isWord(i+2, "year") && ruleFreeAfter(t, i+2):
		y := d.ref.Year()
		if d.ref.Month() < time.April {
			y-- // January to March belong to the year that began the April before
		}
		d.emit(q, i+2, dateVal{y: y + delta, fy: true}, nil)
		return i + 2, true
	}
	return 0, false
}

// mergeRanges joins two dates linked by "to", "until" or a dash, or by "and"
// after "between", into one range: "from March 2020 to August 2021",
// "between 2018 and 2020".
func (d *dateScanner) mergeRanges() {
	if len(d.out) < 2 {
		return
	}
	s := d.t.s
	out := d.out[:0]
	for k := 0; k < len(d.out); k++ {
		a := d.out[k]
		if k+1 < len(d.out) {
			b := d.out[k+1]
			conn := dateConnector(s[a.End:b.Start])
			if conn != "" && (conn != "and" || dateBetweenBefore(s, a.Start)) &&
				a.EndKey == "" && b.EndKey == "" && a.Key < b.Key &&
				!strings.HasPrefix(a.Key, "FY") && !strings.HasPrefix(b.Key, "FY") {
				a.End, a.Text, a.EndKey = b.End, s[a.Start:b.End], b.Key
				k++
			}
		}
		out = append(out, a)
	}
	d.out = out
}

// dateConnector returns the range word in gap, the text between two dates,
// or "" if gap is anything else.
func dateConnector(gap string) string {
	if strings.ContainsAny(gap, "\n\r") {
		return ""
	}
	w := strings.ToLower(strings.TrimFunc(gap, unicode.IsSpace))
	switch w {
	case "to", "until", "till", "through", "-", "–", "—", "and":
		return w
	}
	return ""
}

// dateBetweenBefore reports whether the word before offset i is "between".
func dateBetweenBefore(s string, i int) bool {
	before := strings.TrimRightFunc(s[:i], unicode.IsSpace)
	const w = "between"
	if len(before) < len(w) || !strings.EqualFold(before[len(before)-len(w):], w) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:len(before)-len(w)])
	return !ruleIsLetter(r)
}
