package loader

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

var (
	// "X, which has helped identify risk factors for death"
	resultClauseRe = regexp.MustCompile(`(?i)\b(?:which|that|who)\s+(?:has|have|had)?\s*(?:helped|helps|help)?\s*(?:to\s+)?((?:identif|develop|improv|reduc|deliver|enabl|creat|find|found|discover|sav|transform|support|connect)[a-z]*\s+[^.;,]{8,120})`)
	// "Winners include A and B"
	winnersRe = regexp.MustCompile(`(?i)^\s*(?:the\s+)?(?:winners|recipients|successful bids|projects funded|awardees)\s+(?:include|included|are|were)\s+(.+?)\.?$`)
)

// resultClauseRule reads only the clauses holding "which", "that" or "who"
// in any case, as the (?i) of resultClauseRe matches them.
var (
	resultClauseRule = newKeyedRe(resultClauseRe, foldVariants("which", "that", "who")...).gated(resultVerbAfter)
	resultClauseKeys = newKeyTable(resultClauseRule)
)

// resultVerbAfter is the gate of resultClauseRule: "which" starting a word,
// white space, then a word the pattern can go on with (in any case; a
// non-ASCII letter may fold to one, so it passes too).
func resultVerbAfter(s string, start, end int) bool {
	if start > 0 && isWordByte(s[start-1]) {
		return false
	}
	j := end
	for j < len(s) && isReSpace(s[j]) {
		j++
	}
	if j == end {
		return false
	}
	for _, w := range resultClauseStarts {
		if foldPrefix(s[j:], w) {
			return true
		}
	}
	return false
}

// resultClauseStarts are the beginnings of what can follow "which" in
// resultClauseRe.
var resultClauseStarts = []string{"ha", "help", "to", "identif", "develop", "improv", "reduc", "deliver", "enabl",
	"creat", "find", "found", "discover", "sav", "transform", "support", "connect"}

// foldPrefix reports whether s may start with w (lower-case ASCII) under
// (?i): ASCII letters in any case, and any non-ASCII byte, which may be a
// letter that folds to one ("ſ", "K").
func foldPrefix(s, w string) bool {
	if len(s) < len(w) {
		return strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
	}
	for i := 0; i < len(w); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// emitOutcomes turns each figure into an outcome node achieved by the
// programme or organisation the sentence credits, and reads result clauses
// and winner lists as outcomes without figures.
func (d *docState) emitOutcomes(i int, ents []ent) {
	s := &d.sents[i]
	l := d.label(i)
	q := d.quads
	for k := range d.marks[i] {
		m := &d.marks[i][k]
		if m.kind != markQty || m.qty.Value == 0 || m.qty.Percent && strings.TrimSpace(m.qty.Unit) == "" {
			continue // a bare percentage measures nothing nameable
		}
		if durationUnits[strings.ToLower(strings.TrimSpace(m.qty.Unit))] {
			continue // "three years later" is time passing, not a result
		}
		o := d.outcomeNode(i, m)
		rest := s.span[m.end:]
		// what the figure measured: the words after it up to a clause break
		if end := clauseEnd(rest); end >= 0 {
			rest = rest[:end]
		}
		desc := collapseSpace(strings.TrimSpace(m.qty.Unit + rest))
		if desc != "" {
			q.add(o, graph.Description, quad.String(desc), l)
		}
		if a := d.achiever(i, ents, m.start, m.end); a != nil {
			q.add(a.iri, graph.Achieved, o, l)
		}
		// entities named inside the figure's own phrase are what it is about
		for _, e := range ents {
			if e.m != nil && e.m.start >= m.start && e.m.start < m.end+len(rest) && e.m.kind == markEntity {
				q.add(o, graph.About, e.iri, l)
			}
		}
		for _, dm := range d.marks[i] {
			if dm.kind == markDate && dm.date.Key != "" {
				q.add(o, graph.Date, d.dateNode(dm.date.Key), l)
			}
		}
	}
	// result clauses: "the openSAFELY collaborative which has helped identify risk factors for death"
	var clauses [][]int
	if strings.Contains(s.span, "which") || strings.Contains(s.span, "that") || strings.Contains(s.span, "who") {
		clauses = resultClauseRule.FindAllStringSubmatchIndex(resultClauseKeys.scan(s.span, &d.keys))
	}
	for _, loc := range clauses {
		var subj *ent
		for k := range ents {
			if ents[k].m != nil && ents[k].m.end <= loc[0] && loc[0]-ents[k].m.end < 12 {
				subj = &ents[k]
			}
		}
		if subj == nil {
			continue
		}
		d.textOutcome(subj.iri, trimClause(s.span[loc[2]:loc[3]]), l)
	}
	d.emitListItem(i)
	// winner lists belong to the section's award
	var w []string
	if mayListWinners(s.span) {
		w = winnersRe.FindStringSubmatch(s.span)
	}
	if w != nil {
		owner := d.sectionEntity(i)
		if owner == nil && i > 0 {
			for _, e := range d.sentenceEnts(i - 1) {
				if e.entry.Type == graph.TypeProgramme || e.entry.Type == graph.TypeFund {
					owner = e.entry
				}
			}
		}
		if owner != nil {
			oi := d.entity(owner, "", nil)
			for _, item := range splitAnd(w[1]) {
				d.textOutcome(oi, item, l)
			}
		}
	}
}

// mayListWinners is the cheap test before winnersRe: the sentence opens
// with one of its words, perhaps after "the". The parts tested hold no "s"
// or "k" but the first of "successful", so the test is the same under
// (?i), which also folds "ſ" and "K" (Kelvin) to them.
func mayListWinners(s string) bool {
	t := strings.TrimLeft(s, reSpace)
	if hasFoldASCII(t, "the") {
		if u := strings.TrimLeft(t[3:], reSpace); len(u) < len(t)-3 && opensWinners(u) {
			return true
		}
	}
	return opensWinners(t)
}

func opensWinners(s string) bool {
	for _, w := range []string{"winner", "recipient", "project", "awardee"} {
		if hasFoldASCII(s, w) {
			return true
		}
	}
	switch {
	case strings.HasPrefix(s, "ſ"):
		return hasFoldASCII(s[len("ſ"):], "ucce")
	case s != "" && s[0]|0x20 == 's':
		return hasFoldASCII(s[1:], "ucce")
	}
	return false
}

// hasFoldASCII reports whether s starts with key (lower-case ASCII
// letters) in any case.
func hasFoldASCII(s, key string) bool {
	if len(s) < len(key) {
		return false
	}
	for j := 0; j < len(key); j++ {
		if s[j]|0x20 != key[j] {
			return false
		}
	}
	return true
}

var listIntroRe = regexp.MustCompile(`(?i)\b(priorities|objectives|goals|aims|ambitions|commitments|missions)\b[^:]*:\s*$`)

// emitListItem reads a bullet under "These priorities are:" as a priority
// of the organisation the introduction (or the sentence before it) names.
func (d *docState) emitListItem(i int) {
	if d.sents[i].Kind != KindBullet {
		return
	}
	j := i
	for j > 0 && d.sents[j].Kind == KindBullet {
		j--
	}
	var intro []string
	if endsInColon(d.sents[j].span) {
		intro = listIntroRe.FindStringSubmatch(d.sents[j].span)
	}
	if intro == nil {
		return
	}
	var owner *ent
	for _, k := range []int{j, j - 1} {
		if k < 0 {
			continue
		}
		for _, e := range d.sentenceEnts(k) {
			if e.entry.Type == graph.TypeOrganization && e.m.kind == markEntity {
				e := e
				owner = &e
			}
		}
		if owner != nil {
			break
		}
	}
	if owner == nil {
		return
	}
	text := strings.TrimRight(strings.TrimSpace(d.sents[i].Text), ".;")
	if f := strings.Fields(text); len(f) > 16 {
		text = strings.Join(f[:16], " ")
	}
	l := d.label(i)
	e := &Entry{Name: upperFirst(text), Type: graph.TypeOutcome}
	o := d.entity(e, "", l)
	d.quads.add(o, graph.Description, quad.String(strings.ToLower(intro[1][:len(intro[1])-1])+": "+d.sents[i].Text), l)
	d.quads.add(owner.iri, graph.HasPriority, o, l)
}

// splitAnd splits "automating X and developing Y" at "and" before a verb
// in -ing, and at commas.
var andIngRe = regexp.MustCompile(`,\s+|\s+and\s+(?:[a-z]+ing\b)`)

func splitAnd(s string) []string {
	var out []string
	last := 0
	for _, loc := range andIngRe.FindAllStringIndex(s, -1) {
		part := s[last:loc[0]]
		if strings.HasPrefix(s[loc[0]:loc[1]], ",") {
			last = loc[1]
		} else {
			last = loc[0] + len(" and ")
			for last < len(s) && s[last] == ' ' {
				last++
			}
		}
		out = append(out, strings.TrimSpace(part))
	}
	out = append(out, strings.TrimSpace(strings.TrimRight(s[last:], ".")))
	var keep []string
	for _, p := range out {
		if len(strings.Fields(p)) >= 2 {
			keep = append(keep, collapseSpace(p))
		}
	}
	return keep
}

var clauseAndRe = regexp.MustCompile(`\s+and\s+[a-z]+(?:ed|s)\b|\s+\d`)

// trimClause cuts a result clause at a second coordinated verb ("saved X
// and provided Y") and at a figure, which is an outcome of its own.
func trimClause(s string) string {
	if loc := clauseAndRe.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	if f := strings.Fields(s); len(f) > 12 {
		s = strings.Join(f[:12], " ")
	}
	return s
}

// textOutcome records a result stated in words.
func (d *docState) textOutcome(by quad.Value, text string, l quad.Value) {
	text = collapseSpace(strings.TrimSpace(text))
	e := &Entry{Name: upperFirst(text), Type: graph.TypeOutcome, Confidence: 0.7}
	o := d.entity(e, "", l)
	d.quads.add(o, graph.Description, quad.String(text), l)
	d.quads.add(by, graph.Achieved, o, l)
}

// outcomeNode finds or makes the node for a figure: one node per measure
// and value, so the same figure in two documents is one node with two
// pieces of evidence.
func (d *docState) outcomeNode(i int, m *mark) quad.Value {
	qt := m.qty
	unit := strings.TrimSpace(qt.Unit)
	if unit == "" && !qt.Percent {
		unit = d.countedThing(i, m.start)
	}
	name := readableNumber(qt.Value)
	if qt.Percent {
		name += "%"
		if unit != "" {
			name += " of " + unit
		}
	} else if unit != "" {
		name += " " + unit
	}
	if qt.Hedge != "" && qt.Hedge != "+" {
		name = qt.Hedge + " " + name
	}
	key := graph.Slug(name)
	iri := quad.IRI("nhs:outcome/" + key)
	v := quad.Value(iri) // made a Value once for all its quads
	l := d.label(i)
	q := d.quads
	q.add(v, graph.RDFType, graph.TypeOutcome, nil)
	q.add(v, graph.Name, quad.String(name), nil)
	if surface := collapseSpace(m.surface); surface != name {
		q.add(v, graph.AlternateName, quad.String(surface), nil)
	}
	q.add(v, graph.Value, numberValue(qt.Value), l)
	if unit != "" {
		u := unit
		if qt.Percent {
			u = "% of " + unit
		}
		q.add(v, graph.Unit, quad.String(u), l)
	}
	if qt.Hedge != "" {
		q.add(v, graph.Hedge, quad.String(qt.Hedge), l)
	}
	if _, ok := d.outIdx[key]; !ok {
		u := strings.ToLower(unit)
		if qt.Percent {
			u = "% of " + u
		}
		d.outcomes = append(d.outcomes, OutcomeInfo{IRI: iri, Unit: u, Value: qt.Value, Hedge: qt.Hedge, Doc: d.id, Label: l.(quad.IRI)})
		d.outIdx[key] = &d.outcomes[len(d.outcomes)-1]
	}
	return v
}

// readableNumber writes a figure as people do: 11,000; 1.2 million; 2.5 billion.
func readableNumber(v float64) string {
	switch {
	case v >= 1e9 && v == float64(int64(v)):
		return strconv.FormatFloat(v/1e9, 'f', -1, 64) + " billion"
	case v >= 1e6 && v == float64(int64(v)):
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + " million"
	}
	return fmtNumber(v)
}

var durationUnits = map[string]bool{
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"minute read": true, "second": true, "seconds": true, "decade": true, "decades": true,
	"times": true, "time": true,
}

// countedThing is what a figure with no unit of its own counts: the
// dataset or product the sentence names before it ("the number of patients
// having an enhanced Summary Care Record ... to just under 57m").
func (d *docState) countedThing(i, pos int) string {
	thing := ""
	for _, m := range d.marks[i] {
		if m.kind == markEntity && m.entry != nil && m.end <= pos && m.entry.Type == graph.TypeDataset {
			thing = m.entry.Name
		}
	}
	return thing
}

func numberValue(v float64) quad.Value {
	if v == float64(int64(v)) {
		return quad.Int(int64(v))
	}
	return quad.Float(v)
}

// achiever is who a figure in sentence i is credited to: a programme,
// product or dataset the sentence names outside the figure's phrase, else
// the author when the sentence speaks as "we", else an organisation it
// names, else the section's subject, else the author of a first-person
// document.
func (d *docState) achiever(i int, ents []ent, start, end int) *ent {
	var org, we *ent
	for k := range ents {
		e := &ents[k]
		if e.m == nil || e.m.start >= start && e.m.start < end {
			continue // named inside the figure's own phrase: what it counts
		}
		if e.m.kind == markWe {
			if we == nil {
				we = e
			}
			continue
		}
		if separated(d.sents[i].span, e.m, start, end) {
			continue // in another clause of the sentence
		}
		switch e.entry.Type {
		case graph.TypeProgramme, graph.TypeProduct, graph.TypeDataset, graph.TypeFund, graph.TypeCreativeWork:
			return e
		case graph.TypeOrganization:
			if org == nil {
				org = e
			}
		}
	}
	if we != nil {
		return we
	}
	if org != nil {
		return org
	}
	if sec := d.sectionEntity(i); sec != nil && sec.Type != graph.TypeOutcome {
		return &ent{iri: d.entity(sec, "", nil), entry: sec}
	}
	if d.author != nil && d.firstPerson() {
		return &ent{iri: d.author.IRI(), entry: d.author}
	}
	return nil
}

// separated reports whether a mark and a figure sit in different clauses.
func separated(s string, m *mark, start, end int) bool {
	a, b := m.end, start
	if m.start >= end {
		a, b = end, m.start
	}
	if a > b {
		return false
	}
	between := s[a:b]
	if rest, ok := afterRelative(between); m.end <= start && ok && !joinsClauses(rest) {
		return false // "the Centre, which has helped prevent 12 incidents": the clause is about the Centre
	}
	return joinsClauses(between)
}

// findAuthor finds the organisation a document speaks for: one that opens
// an early heading followed by more words ("NHSX annual report 2020 to
// 2021", "NHSX moves on"), else the one an early heading consists of, else
// the organisation the document names most.
func (d *docState) findAuthor() (*Entry, int) {
	var only *Entry
	onlyAt := -1
	for i := 0; i < len(d.sents) && i < 8; i++ {
		if d.sents[i].Kind != KindHeading {
			continue
		}
		for _, m := range d.marks[i] {
			if m.kind != markEntity || m.entry == nil || m.entry.Type != graph.TypeOrganization {
				continue
			}
			head := strings.TrimSpace(d.sents[i].span)
			if m.start == 0 && m.end < len(head) && !strings.HasPrefix(strings.TrimSpace(head[m.end:]), "and ") {
				return m.entry, i
			}
			if m.start == 0 && m.end == len(head) && only == nil {
				only, onlyAt = m.entry, i
			}
		}
	}
	if only != nil {
		return only, onlyAt
	}
	count := map[*Entry]int{}
	first := map[*Entry]int{}
	var best *Entry
	for i := range d.marks {
		for _, m := range d.marks[i] {
			if m.kind == markEntity && m.entry != nil && m.entry.Type == graph.TypeOrganization && !m.byPattern {
				if count[m.entry] == 0 {
					first[m.entry] = i
				}
				count[m.entry]++
				if best == nil || count[m.entry] > count[best] {
					best = m.entry
				}
			}
		}
	}
	if best == nil {
		return nil, -1
	}
	return best, first[best]
}
