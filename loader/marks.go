package loader

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
)

// markKind says what a span of a sentence is.
type markKind int

const (
	markEntity markKind = iota
	markWe              // "we", "our", "my team": the document's author
	markMoney
	markDate
	markQty
)

// mark is one annotated span of a sentence (offsets into Sentence.span).
type mark struct {
	start, end int
	kind       markKind
	surface    string
	entry      *Entry
	money      *Money
	date       *DateSpan
	qty        *Quantity
	byPattern  bool // found by a pattern rule rather than the gazetteer
}

// isFirstPerson reports whether w is a word by which a document speaks as
// its author: "we", "our", "us" or "ours", in any case.
func isFirstPerson(w string) bool {
	if len(w) < 2 || len(w) > 4 {
		return false
	}
	switch w[0] { // no other rune folds to w, o or u
	case 'w', 'W', 'o', 'O', 'u', 'U':
		return strings.EqualFold(w, "we") || strings.EqualFold(w, "our") || strings.EqualFold(w, "us") ||
			strings.EqualFold(w, "ours")
	}
	return false
}

// findWe finds "we", "our", "us" and "my team" as whole words.
func findWe(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j < len(s) && s[j] >= 0x80 && i > 0 && s[i-1] >= 0x80 {
			i = j // inside a word with non-ASCII letters
			continue
		}
		w := s[i:j] // ASCII letters: EqualFold is lowerASCII and ==
		if isFirstPerson(w) {
			out = append(out, [2]int{i, j})
		} else if strings.EqualFold(w, "my") && strings.HasPrefix(s[j:], " team") && (j+5 == len(s) || !isLetterByte(s[j+5])) {
			out = append(out, [2]int{i, j + 5})
		}
		i = j
	}
	return out
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// markSentence annotates one sentence: entities (gazetteer and patterns),
// money, dates, quantities and first-person references. Longer spans win
// where they overlap; money and dates win over bare quantities.
func (d *docState) markSentence(i int) []mark {
	s := &d.sents[i]
	cands, rest := d.sc.cands[:0], d.sc.rest[:0] // scratch: only out is kept
	for _, m := range d.x.gaz.matchWith(s.span, &d.sc.gazTok) {
		cands = append(cands, mark{start: m.start, end: m.end, kind: markEntity, surface: m.surface, entry: m.entry})
	}
	// One pass finds the key words of the pattern rules and of "the report".
	var keys *keyHits
	names := hasCapitalPair(s.span)
	if d.lastWork != nil || names {
		keys = patternKeys.scan(s.span, &d.keys)
	}
	if names {
		for _, m := range findPatternEntities(s.span, d.x.gaz, keys) {
			m.byPattern = true
			cands = append(cands, m)
		}
	}
	// "This national service provides ...": the section's programme or product
	if loc := thisThingAt(s.span); loc != nil {
		if sec := d.sectionEntity(i); sec != nil && (sec.Type == graph.TypeProgramme || sec.Type == graph.TypeProduct || sec.Type == graph.TypeDataset) {
			cands = append(cands, mark{start: loc[0], end: loc[1], kind: markEntity, surface: s.span[loc[0]:loc[1]], entry: sec, byPattern: true})
		}
	}
	// "the report", "the review": the publication the document last named
	if d.lastWork != nil {
		for _, loc := range workAnaphorRule.FindAllStringIndex(keys) {
			cands = append(cands, mark{start: loc[0], end: loc[1], kind: markEntity, surface: s.span[loc[0]:loc[1]], entry: d.lastWork, byPattern: true})
		}
	}
	// One tokenisation serves the money, date and quantity grammars.
	toks := ruleTokenizeInto(&d.sc.ruleTok, s.span)
	d.lower[i] = toks.lowered // for the relation triggers
	money := moneyScan(toks)
	dates := dateScan(toks, d.date)
	for _, m := range money {
		m := m
		rest = append(rest, mark{start: m.Start, end: m.End, kind: markMoney, surface: m.Text, money: &m})
	}
	for _, dt := range dates {
		dt := dt
		rest = append(rest, mark{start: dt.Start, end: dt.End, kind: markDate, surface: dt.Text, date: &dt})
	}
	if !d.date.IsZero() {
		dates = dateScan(toks, time.Time{}) // quantities skip dates read as FindQuantities reads them
	}
	for _, q := range qtyScan(toks, money, dates) {
		q := q
		rest = append(rest, mark{start: q.Start, end: q.End, kind: markQty, surface: q.Text, qty: &q})
	}
	if !inQuotes(s.span) {
		for _, loc := range findWe(s.span) {
			rest = append(rest, mark{start: loc[0], end: loc[1], kind: markWe, surface: s.span[loc[0]:loc[1]]})
		}
	}
	kept := resolveMarks(cands, rest, d.sc.marks[:0])
	var out []mark
	if len(kept) > 0 {
		out = slices.Clone(kept) // one list of the right size per sentence
	}
	clear(cands) // the scratch lists hold nothing of this document
	clear(rest)
	clear(kept)
	d.sc.cands, d.sc.rest, d.sc.marks = cands[:0], rest[:0], kept[:0]
	for _, m := range out {
		if m.kind == markEntity && m.entry != nil && m.entry.Type == graph.TypeCreativeWork && !isWorkAnaphor(m.surface) {
			d.lastWork = m.entry
		}
	}
	return out
}

var thisThingRe = regexp.MustCompile(`^\s*(?:This|The)\s+(?:national\s+|new\s+|digital\s+)?(?:service|programme|platform|system|app|network|scheme|initiative|database|tool)\b`)

// thisThingAt is thisThingRe.FindStringIndex(s), asked only when s opens
// with "Th" after any white space.
func thisThingAt(s string) []int {
	if !strings.HasPrefix(strings.TrimLeft(s, reSpace), "Th") {
		return nil
	}
	return thisThingRe.FindStringIndex(s)
}

var workAnaphorRe = regexp.MustCompile(`\b[Tt]he (?:report|review|strategy|plan|paper|white paper|guidance)\b`)

// isWorkAnaphor is workAnaphorRe.MatchString(s), asked only when s holds
// "he ", which every match does.
func isWorkAnaphor(s string) bool {
	return strings.Contains(s, "he ") && workAnaphorRe.MatchString(s)
}

var workAnaphorRule = newKeyedRe(workAnaphorRe, "he report", "he review", "he strategy", "he plan", "he paper", "he white paper", "he guidance")

// resolveMarks keeps a set of non-overlapping marks. Money, dates and first
// person marks are placed first; entities next (longest first), unless they
// sit inside money or a date; quantities last, and only where nothing else
// is, except that an entity inside a quantity's unit ("160 global digital
// exemplar blueprints") is kept beside it. The marks kept are appended to
// out.
func resolveMarks(ents, rest, out []mark) []mark {
	overlaps := func(m mark, kinds ...markKind) bool {
		for _, o := range out {
			if m.start < o.end && o.start < m.end {
				for _, k := range kinds {
					if o.kind == k {
						return true
					}
				}
			}
		}
		return false
	}
	for _, m := range rest {
		if (m.kind == markMoney || m.kind == markDate) && !overlaps(m, markMoney, markDate) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(ents, func(a, b mark) int { return (b.end - b.start) - (a.end - a.start) })
	for _, m := range ents {
		if !overlaps(m, markMoney, markDate, markEntity) {
			out = append(out, m)
		}
	}
	for _, m := range rest {
		if m.kind == markWe && !overlaps(m, markEntity, markMoney, markDate) {
			out = append(out, m)
		}
	}
	for _, m := range rest {
		if m.kind != markQty || overlaps(m, markMoney, markDate, markQty) {
			continue
		}
		// A quantity whose number sits inside an entity name ("NHS 111",
		// "TechForce19") is part of that name.
		numEnd := m.start + numberPrefixLen(m.surface)
		clash := false
		for _, o := range out {
			if o.kind == markEntity && o.start < numEnd && m.start < o.end {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b mark) int { return a.start - b.start })
	return out
}

// numberPrefixLen is the length of the hedge and number at the start of a
// quantity's text, before its unit.
func numberPrefixLen(s string) int {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		// a number in words: take the first two words
		f := strings.SplitN(s, " ", 3)
		if len(f) >= 2 {
			return len(f[0]) + 1 + len(f[1])
		}
		return len(s)
	}
	j := i
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' || s[j] == '.' || s[j] == '%' || s[j] == '/' || s[j] == '+' || s[j] == 'm' || s[j] == 'k') {
		j++
	}
	return j
}

// inQuotes is true for sentences that are mostly a quotation, where "we"
// is the speaker, not the document's author.
func inQuotes(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "“") || strings.HasPrefix(t, "\"")
}
