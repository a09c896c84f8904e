package loader

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

var (
	// money that is not a fund: a saving or an underspend is a result.
	savingRe = regexp.MustCompile(`(?i)\b(?:sav(?:ed|ing|ings of|es)|underspent by|overspent by|underspend of|cost(?:s|ing)?|worth)\b[^£]{0,40}$`)
	// "a three year capital spending settlement of £2.1bn"
	fundNounBeforeRe = regexp.MustCompile(`(?i)\b((?:[a-z][\w-]*\s+){0,5}(?:settlement|allocation|funding|fund|investment|grant|budget|package|award|pot))\s+of\s+$`)
	// "the £1,097 million allocation"
	fundNounAfterRe = regexp.MustCompile(`(?i)^\s+((?:[a-z][\w-]*\s+){0,2}(?:settlement|allocation|fund|investment|grant|budget|package|pot))\b`)
	// the subject receives the amount: "X was allocated £N", "X received £6.2m"
	allocatedRe    = regexp.MustCompile(`(?i)\b(?:(?:was|were|is|are|been|being|will be)\s+(?:allocated|awarded|given|granted|handed)|received|receives|receiving|will receive|won|wins|gets|got|secured|secures|will share|shares|to share)\s+(?:a\s+|an\s+|the\s+)?(?:share of\s+(?:a\s+|the\s+)?)?$`)
	providerVerbRe = regexp.MustCompile(`(?i)\b(?:invest(?:ed|s|ing)?|allocat(?:ed|es|ing)|provid(?:ed|es|ing)|award(?:ed|s)?|commit(?:ted|s)?|pledg(?:ed|es)|announc(?:ed|es)|spen(?:t|ds|d)|dedicat(?:ed|es))\b`)
	purposeRe      = regexp.MustCompile(`(?i)\b(?:to support|to fund|to help|to deliver|to develop|to drive|to improve|for|towards|dedicated to|to enable|to ensure|through|via|on|in|into)\b`)
	capitalRe      = regexp.MustCompile(`(?i)^[^.;]{0,30}?\b(capital and revenue|revenue and capital|capital|revenue)\b`)
	suchAsRe       = regexp.MustCompile(`(?i)\b(?:such as|including)\s+(.+)$`)
	secureRe       = regexp.MustCompile(`(?i)\bsecur(?:e|ed|ing)\b`)
)

// emitMoney turns each £ amount into a fund node with its amount, who
// provides it, what it funds and when, or into a saving outcome.
func (d *docState) emitMoney(i int, ents []ent) {
	s := &d.sents[i]
	l := d.label(i)
	for k := range d.marks[i] {
		m := &d.marks[i][k]
		if m.kind != markMoney || m.money.Vague || m.money.Pounds == 0 {
			continue
		}
		before := s.span[:m.start]
		after := s.span[m.end:]
		// what is said between the previous amount (if any) and this one
		near := before
		if prev := prevMoney(d.marks[i], k); prev != nil {
			near = s.span[prev.end:m.start]
		}
		if mayBeSaving(before) && savingRe.MatchString(before) {
			d.emitSaving(i, m, ents)
			continue
		}
		f := d.fundFor(i, m, ents)
		q := d.quads
		if g := d.x.gaz.lookup(m.money.Text); g == nil {
			q.add(f, graph.AlternateName, quad.String(m.money.Text), nil) // the surface form: "£350 million"
		}
		q.add(f, graph.Amount, quad.Int(m.money.Pounds), l)
		q.add(f, graph.Currency, quad.String("GBP"), l)
		if m.money.Bound != "" {
			q.add(f, graph.Bound, quad.String(m.money.Bound), l)
		}
		if c := capitalKind(after); c != nil {
			q.add(f, graph.FundKind, quad.String(strings.ToLower(c[1])), l)
		}
		// who provides it: "X invested £N", "X allocated £N"; "X was
		// allocated £N" makes X what it funds.
		parent := quad.IRI("")
		if prev := prevMoney(d.marks[i], k); prev != nil && partsRe.MatchString(near) {
			parent = d.funds()[prev.money.Pounds]
			q.add(f, graph.PartOf, parent, l)
		}
		if allocatedBefore(near) {
			if subs := subjectsBefore(s.span, ents, m.start); len(subs) > 0 {
				q.add(f, graph.Funds, subs[0].iri, l)
			}
			d.allocation, d.allocationPounds = f, m.money.Pounds
		} else if parent == "" && providerVerbRe.MatchString(near) {
			if subs := subjectsBefore(s.span, ents, m.start); len(subs) > 0 && subs[0].entry.Type == graph.TypeOrganization {
				q.add(f, graph.ProvidedBy, subs[0].iri, l)
			}
		}
		// what it funds: the first entity after a purpose word, or the
		// section's subject when the sentence opens with the amount.
		funded := parent != ""
		if sec := d.sectionEntity(i); !funded && sec != nil && sec.Type != graph.TypeFund {
			q.add(f, graph.Funds, d.entity(sec, "", nil), l)
			funded = true
		}
		if loc := purposeNear(after); parent == "" && loc != nil {
			for _, e := range objectsAfter(s.span, ents, m.end+loc[1]) {
				if e.iri != f && !modifiesNoun(s.span, e.m.end) {
					q.add(f, graph.Funds, e.iri, l)
					funded = true
				}
				break
			}
		}
		// a table row: "| Frontline Digitisation | £2.1bn |"
		if !funded && s.Row {
			for _, e := range ents {
				if e.m != nil && e.m.kind == markEntity && e.iri != f && (e.entry.Type == graph.TypeProgramme || e.entry.Type == graph.TypeOrganization || e.entry.Type == graph.TypeProduct) {
					q.add(f, graph.Funds, e.iri, l)
					funded = true
					break
				}
			}
		}
		// "..., NHSX announced": who announced the money
		for _, e := range ents {
			if e.m != nil && e.entry.Type == graph.TypeOrganization && announcedAfterRe.MatchString(s.span[e.m.end:]) {
				q.add(e.iri, graph.Announced, f, l)
			}
		}
		// an amount set out after a budget in the same document, with no
		// other parent, is a share of that budget
		if !funded && parent == "" && d.allocation != "" && d.allocation != f && m.money.Pounds < d.allocationPounds {
			q.add(f, graph.PartOf, d.allocation, l)
		} else if funded && parent == "" && d.allocation != "" && d.allocation != f && m.money.Pounds < d.allocationPounds && strings.TrimSpace(before) == "" {
			q.add(f, graph.PartOf, d.allocation, l)
		}
		// "£6.5 million was allocated to 35 applications such as A, B and C"
		if sa := suchAsIn(after); sa != nil {
			for _, item := range splitList(after[sa[2]:sa[3]]) {
				e := &Entry{Name: canonicalName(item), Type: graph.TypeProgramme}
				q.add(f, graph.Funds, d.entity(e, "", l), l)
			}
		}
		for _, e := range ents {
			if e.entry.Type == graph.TypeEvent && secureRe.MatchString(s.span) {
				q.add(f, graph.SecuredIn, e.iri, l)
			}
		}
		for _, dm := range d.marks[i] {
			if dm.kind == markDate && dm.date.Key != "" {
				q.add(f, graph.Date, d.dateNode(dm.date.Key), l)
			}
		}
	}
}

// mayBeSaving is the cheap test before savingRe: a saving word in the
// last 200 bytes of s, where the pattern's word and the 40 characters it
// allows after it must lie.
func mayBeSaving(s string) bool {
	tail := s[max(0, len(s)-200):]
	for _, w := range []string{"sav", "underspen", "overspen", "cost", "worth"} {
		if containsFold(tail, w) {
			return true
		}
	}
	return false
}

// capitalKind is capitalRe.FindStringSubmatch(s), asked only when
// "capital" or "revenue" starts in the first 30 characters (120 bytes).
func capitalKind(s string) []string {
	head := s[:min(len(s), 120+len("revenue"))]
	if !containsFold(head, "capital") && !containsFold(head, "revenue") {
		return nil
	}
	return capitalRe.FindStringSubmatch(s)
}

// suchAsIn is suchAsRe.FindStringSubmatchIndex(s), asked only when s
// holds "such as" or "including".
func suchAsIn(s string) []int {
	if !containsFold(s, "such as") && !containsFold(s, "including") {
		return nil
	}
	return suchAsRe.FindStringSubmatchIndex(s)
}

// purposeNear is purposeRe.FindStringIndex(s) if that match opens in the
// first 40 bytes of s, else nil. It reads only the first 60 bytes: a match
// opening before byte 40 is at most 13 bytes long (12 letters, an "s"
// perhaps the two-byte "ſ" that (?i) folds to it), so it and the rune \b
// looks at after it lie inside them, and what the regexp finds there
// opening before byte 40 is what it finds in s.
func purposeNear(s string) []int {
	loc := purposeRe.FindStringIndex(s[:min(len(s), 60)])
	if loc == nil || loc[0] >= 40 {
		return nil
	}
	return loc
}

// allocatedBefore is allocatedRe.MatchString(s), asked only when s ends
// in one of the words the pattern can end in and white space.
func allocatedBefore(s string) bool {
	// "will be allocated a share of the": seven words at most
	return endsInWord(s, allocatedLastWords) && allocatedRe.MatchString(lastRuns(s, 7))
}

// lastRuns is the end of s from the start of its last n runs of bytes
// other than white space (\S+). A regexp that must end at the end of the
// text, and whose matches hold at most n such runs, every one but the
// first a whole run of s (between white space, \s+), finds the same in
// lastRuns(s, n) as in s: no match can begin before it, and the byte
// before it is white space, which \b sees as it sees the start of a text.
func lastRuns(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		for i > 0 && isReSpace(s[i-1]) {
			i--
		}
		for i > 0 && !isReSpace(s[i-1]) {
			i--
		}
	}
	return s[i:]
}

// allocatedLastWords are the words allocatedRe can end in, before its
// closing white space.
var allocatedLastWords = map[string]bool{
	"allocated": true, "awarded": true, "given": true, "granted": true, "handed": true, "received": true,
	"receives": true, "receiving": true, "receive": true, "won": true, "wins": true, "gets": true, "got": true,
	"secured": true, "secures": true, "share": true, "shares": true, "a": true, "an": true, "the": true, "of": true,
}

// endsInWord reports whether s ends in white space after a word that, in
// lower case, is in words; a word with a non-ASCII letter passes too, as
// (?i) folds "ſ" and "K" to "s" and "k".
func endsInWord(s string, words map[string]bool) bool {
	u := strings.TrimRight(s, reSpace)
	if len(u) == len(s) {
		return false
	}
	i := len(u)
	ascii := true
	for i > 0 && (isLetterByte(u[i-1]) || u[i-1] >= utf8.RuneSelf) {
		if u[i-1] >= utf8.RuneSelf {
			ascii = false
		}
		i--
	}
	if !ascii {
		return true
	}
	var buf [16]byte
	w := u[i:]
	if len(w) > len(buf) {
		return false
	}
	for k := 0; k < len(w); k++ {
		buf[k] = w[k] | 0x20
	}
	return words[string(buf[:len(w)])]
}

// fundFor finds or makes the fund node an amount belongs to: a named fund
// next to it, a "settlement of £N" phrase, or an anonymous fund named by its
// amount and document. The same amount twice in one document is one fund.
func (d *docState) fundFor(i int, m *mark, ents []ent) quad.IRI {
	s := &d.sents[i]
	l := d.label(i)
	before, after := s.span[:m.start], s.span[m.end:]
	var named *Entry
	alias := ""
	// a named fund right after the amount: "the £140 million AI in Health and Care Award"
	for _, e := range ents {
		if e.m != nil && e.m.start >= m.end && e.m.start-m.end <= 2 && (e.entry.Type == graph.TypeFund || e.entry.Type == graph.TypeProgramme) {
			named = e.entry
		}
	}
	var c []string
	if endsInOf(before) {
		c = fundNounBeforeRe.FindStringSubmatch(lastRuns(before, 7)) // five words, the noun, "of"
	}
	if c != nil && named == nil {
		alias = strings.TrimSpace(c[1])
		alias = strings.TrimPrefix(strings.TrimPrefix(alias, "a "), "the ")
	} else if c := fundNounAfterRe.FindStringSubmatch(after); c != nil && named == nil {
		alias = m.money.Text + " " + strings.TrimSpace(c[1])
	}
	key := m.money.Pounds
	if f, ok := d.funds()[key]; ok {
		if alias != "" {
			d.quads.add(f, graph.AlternateName, quad.String(alias), nil)
		}
		return f
	}
	var e *Entry
	switch {
	case named != nil && named.Type == graph.TypeFund:
		e = named
	case named != nil:
		e = &Entry{Name: named.Name + " funding", Type: graph.TypeFund}
		d.entity(e, "", l)
		d.quads.add(e.IRI(), graph.Funds, named.IRI(), l)
	case alias != "":
		if g := d.x.gaz.lookup(alias); g != nil && g.Type == graph.TypeFund {
			e = g
		} else {
			e = &Entry{Name: upperFirst(alias), Type: graph.TypeFund}
		}
	case allocatedBefore(before):
		subs := subjectsBefore(s.span, ents, m.start)
		name := m.money.Text + " allocation"
		if len(subs) > 0 {
			name = subs[0].entry.Name + " " + m.money.Text + " funding allocation"
			if fy := d.fiscalYear(i); fy != "" {
				name = subs[0].entry.Name + " " + fy + " funding allocation"
			}
		}
		if g := d.x.gaz.lookup(name); g != nil {
			e = g
		} else {
			e = &Entry{Name: name, Type: graph.TypeFund}
		}
	default:
		e = &Entry{Name: m.money.Text + " (" + d.id + ")", Type: graph.TypeFund}
		if sec := d.sectionEntity(i); sec != nil && sec.Type == graph.TypeFund {
			e = sec // an unnamed amount in a fund's own section is that fund
		} else if sec != nil && strings.TrimSpace(before) == "" {
			e.Name = m.money.Text + " for " + sec.Name
		}
	}
	f := d.entity(e, "", l)
	if alias != "" && alias != e.Name {
		d.quads.add(f, graph.AlternateName, quad.String(alias), nil)
	}
	d.funds()[key] = f
	return f
}

var announcedAfterRe = regexp.MustCompile(`^\s+(?:has\s+|have\s+)?(?:announced|announces|unveiled|unveils|confirmed|confirms)\b`)

// modifiesNoun reports whether the entity ending at end is followed by a
// lower-case noun it qualifies ("NHS healthcare providers"): then the
// phrase, not the entity, is what is meant.
func modifiesNoun(s string, end int) bool {
	rest := strings.TrimLeft(s[end:], " ")
	if rest == "" || strings.ContainsRune(",.;:)–—-", rune(rest[0])) {
		return false // the phrase ends with the entity
	}
	w := strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == ';' })
	if len(w) == 0 {
		return false
	}
	first := w[0]
	if first == "" || first[0] < 'a' || first[0] > 'z' {
		return false
	}
	return !functionWords[first]
}

var functionWords = map[string]bool{
	"to": true, "in": true, "and": true, "with": true, "for": true, "of": true, "which": true, "that": true,
	"by": true, "from": true, "on": true, "at": true, "as": true, "is": true, "was": true, "are": true,
	"were": true, "will": true, "has": true, "have": true, "or": true, "across": true, "through": true,
}

var partsRe = regexp.MustCompile(`(?i)\b(?:made up of|comprising|consisting of|of which|split into|including|includes)\b`)

// prevMoney is the amount before mark k in the same sentence, if any.
func prevMoney(ms []mark, k int) *mark {
	for j := k - 1; j >= 0; j-- {
		if ms[j].kind == markMoney && !ms[j].money.Vague && ms[j].money.Pounds > 0 {
			return &ms[j]
		}
	}
	return nil
}

func (d *docState) funds() map[int64]quad.IRI {
	if d.fundIdx == nil {
		d.fundIdx = map[int64]quad.IRI{}
	}
	return d.fundIdx
}

// fiscalYear is the financial year a sentence (or failing that its
// document) speaks of, as "2020/21".
func (d *docState) fiscalYear(i int) string {
	for _, m := range d.marks[i] {
		if m.kind == markDate && strings.HasPrefix(m.date.Key, "FY") {
			k := m.date.Key[2:] // 2020-21
			return strings.Replace(k, "-", "/", 1)
		}
	}
	return ""
}

// sectionEntity is the entity a sentence's section heading names, if the
// heading is short enough to be a name; a heading no rule knows becomes a
// programme.
func (d *docState) sectionEntity(i int) *Entry {
	sec := d.sents[i].Section
	if sec < 0 || sec >= len(d.sents) {
		return nil
	}
	h := d.sents[sec]
	for _, m := range d.marks[sec] {
		if m.kind == markEntity && m.entry != nil && m.end-m.start >= len(strings.TrimSpace(h.span))*2/3 {
			return m.entry
		}
	}
	if len(strings.Fields(h.Text)) <= 5 && sec != 0 && !genericHeading[strings.ToLower(h.Text)] && !strings.HasPrefix(strings.ToLower(h.Text), "our ") {
		return &Entry{Name: canonicalName(strings.TrimSpace(h.span)), Type: graph.TypeProgramme, Confidence: 0.6}
	}
	return nil
}

// genericHeading are section titles that name no programme.
var genericHeading = map[string]bool{
	"funding": true, "leadership": true, "overview": true, "introduction": true, "summary": true,
	"background": true, "results": true, "conclusion": true, "next steps": true, "key achievements": true,
	"other key achievements": true, "achievements": true, "finance": true, "finances": true, "spending": true,
	"investment": true, "budget": true, "people": true, "governance": true, "history": true, "see also": true,
	"references": true, "external links": true, "contents": true, "about": true, "about us": true,
	"capital and revenue funding": true, "the year in numbers": true, "highlights": true, "news": true,
}

func splitList(s string) []string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	s = strings.ReplaceAll(s, ", and ", ", ")
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if strings.HasPrefix(p, "and ") {
			p = p[4:]
		}
		if n := len(strings.Fields(p)); n >= 1 && n <= 8 {
			out = append(out, p)
		}
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// emitSaving records money saved as an outcome of whatever the sentence
// credits with it: "MS 365 IT deal – saving the NHS £300M".
func (d *docState) emitSaving(i int, m *mark, ents []ent) {
	l := d.label(i)
	o := quad.IRI("nhs:outcome/saving-" + graph.Slug(m.money.Text))
	q := d.quads
	name := m.money.Text + " saved"
	q.add(o, graph.RDFType, graph.TypeOutcome, nil)
	q.add(o, graph.Name, quad.String(name), nil)
	q.add(o, graph.Value, quad.Int(m.money.Pounds), l)
	q.add(o, graph.Unit, quad.String("GBP saved"), l)
	q.add(o, graph.Description, quad.String(d.sents[i].Text), l)
	if m.money.Bound != "" {
		q.add(o, graph.Hedge, quad.String(m.money.Bound), l)
	}
	if a := d.achiever(i, ents, m.start, m.end); a != nil {
		q.add(a.iri, graph.Achieved, o, l)
	}
}
