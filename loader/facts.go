package loader

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// ent is an entity mark resolved to its node.
type ent struct {
	m     *mark
	iri   quad.Value // the entity's IRI, made a Value once for all the quads it is in
	entry *Entry
}

// sentenceEnts lists the entity marks of sentence i in order, with "we"
// resolved to the document's author where it has one.
func (d *docState) sentenceEnts(i int) []ent {
	var out []ent
	for k := range d.marks[i] {
		m := &d.marks[i][k]
		switch {
		case m.kind == markEntity && m.entry != nil:
			out = append(out, ent{m: m, iri: m.entry.value(), entry: m.entry})
		case m.kind == markWe && d.author != nil:
			out = append(out, ent{m: m, iri: d.author.value(), entry: d.author})
		}
	}
	return out
}

func (d *docState) emitFacts(i int) {
	ents := d.sentenceEnts(i)
	d.emitRelations(i, ents)
	d.emitMoney(i, ents)
	d.emitOutcomes(i, ents)
	d.emitDates(i, ents)
}

// dateNode writes a date node and its chain of coarser dates, and returns
// its IRI.
func (d *docState) dateNode(key string) quad.Value {
	if iri, ok := d.dates[key]; ok {
		return iri // its quads are written
	}
	var iri quad.Value = quad.IRI("nhs:date/" + key)
	d.dates[key] = iri
	q := d.quads
	q.add(iri, graph.RDFType, graph.TypeDate, nil)
	q.add(iri, graph.Name, quad.String(dateName(key)), nil)
	if parent := dateParent(key); parent != "" {
		q.add(iri, graph.Within, d.dateNode(parent), nil)
	}
	return iri
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// dateName is the readable name of a date key.
func dateName(key string) string {
	if strings.HasPrefix(key, "FY") {
		return "financial year " + key[2:]
	}
	p := strings.Split(key, "-")
	switch len(p) {
	case 3:
		m, _ := strconv.Atoi(p[1])
		day, _ := strconv.Atoi(p[2])
		return strconv.Itoa(day) + " " + months[m-1] + " " + p[0]
	case 2:
		m, _ := strconv.Atoi(p[1])
		return months[m-1] + " " + p[0]
	}
	return key
}

// dateParent is the key of the date a date falls in: a day in its month, a
// month in its year, a financial year in the calendar year it starts in.
func dateParent(key string) string {
	if strings.HasPrefix(key, "FY") {
		return key[2:6]
	}
	if i := strings.LastIndexByte(key, '-'); i > 0 {
		return key[:i]
	}
	return ""
}

// trigger is a verb pattern that relates a subject before it to objects
// after it.
type trigger struct {
	re      *regexp.Regexp
	rule    *keyedRe // re, read only where keys occur
	pred    quad.IRI
	passive bool // the object comes after "by": subject pred object
	dateP   quad.IRI
	keys    []string                            // lower-case words one of which every match holds: a cheap test before the regexp
	reverse bool                                // the relation points from the object to the subject ("X led the creation of Y": Y developed by X)
	gate    func(s string, start, end int) bool // what a match needs after its key (keyedRe.gate)
}

// byLater is the gate of "established ... by": a "by" after the verb.
func byLater(s string, _, end int) bool { return strings.Contains(s[end:], "by") }

// accessVerbs start the verbs "... access to" needs before it.
var accessVerbs = []string{"provid", "giv", "gave", "allow", "enabl"}

// verbBeforeAccess is the gate of "provides ... access to": one of its
// verbs no more than 60 characters (of up to 4 bytes) and the longest
// verb before "access".
func verbBeforeAccess(s string, start, _ int) bool {
	return containsAny(s[max(0, start-60*utf8.UTFMax-len("providing")):start], accessVerbs)
}

var triggers = keyTriggers([]trigger{
	{re: regexp.MustCompile(`\b(?:was|were|is|been|being)?\s*(?:established|set up|created|founded|formed|launched)\b[^.;]*?\bby\b`), keys: []string{"established", "set up", "created", "founded", "formed", "launched"}, gate: byLater, pred: graph.EstablishedBy, passive: true, dateP: graph.EstablishedOn},
	{re: regexp.MustCompile(`\b(?:is|was|are|were|been|being)?\s*led by\b`), keys: []string{"led by"}, pred: graph.LedBy, passive: true},
	{re: regexp.MustCompile(`\b(?:developed|built|designed|created|run|operated|delivered|provided) by\b`), keys: []string{" by"}, pred: graph.DevelopedBy, passive: true},
	{re: regexp.MustCompile(`\b(?:merged? (?:with|into)|merging (?:with|into)|to merge with|will merge with|integrating with|integrated with)\b`), keys: []string{"merg", "integrat"}, pred: graph.MergedInto},
	{re: regexp.MustCompile(`\b(?:incorporated into|become part of|becoming part of|became part of|is part of|are part of|part of|joint unit of|folded into|absorbed into)\b`), keys: []string{"part of", "into", "joint unit"}, pred: graph.PartOf},
	{re: regexp.MustCompile(`\b(?:work(?:s|ed|ing)? (?:closely )?(?:with|alongside)|in (?:close )?partnership with|partner(?:s|ed|ing)? with|in collaboration with|in conjunction with|together with|alongside|collaborat(?:e|es|ed|ing) with|with the help of|joined forces with)\b`), keys: []string{"with", "alongside"}, pred: graph.PartneredWith},
	{re: regexp.MustCompile(`\b(?:published|publish|publishes|publishing)\b`), keys: []string{"publish"}, pred: graph.Published},
	{re: regexp.MustCompile(`\b(?:launched|launch|launches|rolled out|introduced|stood up|unveiled)\b`), keys: []string{"launch", "rolled out", "introduced", "stood up", "unveiled"}, pred: graph.Launched},
	{re: regexp.MustCompile(`\b(?:commissioned|commissions|commission|contracted for|procured)\b`), keys: []string{"commission", "contracted", "procured"}, pred: graph.Commissioned},
	{re: regexp.MustCompile(`\b(?:delivered|deliver|delivers|distributed|deployed|rolled out)\b`), keys: []string{"deliver", "distributed", "deployed", "rolled out"}, pred: graph.Delivered},
	{re: regexp.MustCompile(`\b(?:support(?:s|ed|ing)?|enabled|enable|enables|helped|helping|initiated|scaled|championing|champions|funded|sponsor(?:s|ed)?)\b`), keys: []string{"support", "enable", "help", "initiated", "scaled", "champion", "funded", "sponsor"}, pred: graph.Supports},
	{re: regexp.MustCompile(`\b(?:provides?|provided|providing|gives?|gave|giving|allow(?:s|ed|ing)?|enabl(?:e|es|ed|ing))\b[^.;]{0,60}?\baccess(?:ed)?\s+(?:to\s+)?`), keys: []string{"access"}, gate: verbBeforeAccess, pred: graph.ProvidesAccessTo},
	{re: regexp.MustCompile(`\bled the (?:creation|development|design|delivery|building) of\b`), keys: []string{"led the"}, pred: graph.DevelopedBy, reverse: true},
	{re: regexp.MustCompile(`\b(?:announced|announces|announce|unveiled)\b`), keys: []string{"announce", "unveiled"}, pred: graph.Announced, dateP: graph.AnnouncedOn},
})

func keyTriggers(ts []trigger) []trigger {
	for i := range ts {
		ts[i].rule = newKeyedRe(ts[i].re, ts[i].keys...).gated(ts[i].gate)
	}
	return ts
}

// triggerKeys finds the key words of every trigger in one pass.
var triggerKeys = newKeyTable(func() []*keyedRe {
	var rules []*keyedRe
	for _, tr := range triggers {
		rules = append(rules, tr.rule)
	}
	return rules
}()...)

// emitRelations reads verb patterns: the nearest entity before a trigger is
// its subject (or the author for a subjectless first-person report), the
// entities after it, up to a clause break, its objects.
func (d *docState) emitRelations(i int, ents []ent) {
	s := &d.sents[i]
	l := d.label(i)
	if len(ents) == 0 {
		d.emitRoles(i, ents)
		return
	}
	// The trigger patterns are written in lower case and run on a copy of
	// the sentence lowered byte for byte, so offsets still hold: (?i) makes
	// Go's regexps several times slower.
	lower := d.lower[i] // made by the tokeniser, if it needed it
	if lower == "" {
		lower = lowerASCII(s.span)
	}
	keys := triggerKeys.scan(lower, &d.keys)
	for _, tr := range triggers {
		for _, loc := range tr.rule.FindAllStringIndex(keys) {
			if insideMark(d.marks[i], loc[0], loc[1]) || loc[0] > 0 && s.span[loc[0]-1] == '-' {
				continue // part of a name, or an adjective ("newly-published")
			}
			subs := subjectsBefore(s.span, ents, loc[0])
			objs := objectsAfter(s.span, ents, loc[1])
			// "A and B were published": the author did it to A and B
			if !tr.passive && strings.HasSuffix(strings.TrimSpace(lower[loc[0]:loc[1]]), "ed") &&
				passiveBefore(s.span[:loc[0]]) && !byAfterRe.MatchString(s.span[loc[1]:]) {
				if d.author == nil {
					continue
				}
				subs, objs = []ent{{iri: d.author.IRI(), entry: d.author}}, subs
			}
			if d.topic != nil && itBefore(s.span[:loc[0]]) {
				subs = nil // "..., it supports": the pronoun, not the nearest name
			}
			if len(subs) == 0 && d.topic != nil && (topicPronounRe.MatchString(s.span[:loc[0]]) || itBefore(s.span[:loc[0]])) {
				subs = []ent{{iri: d.entity(d.topic, "", nil), entry: d.topic}}
			}
			if len(subs) == 0 && d.author != nil && d.firstPerson() && tr.pred != graph.LedBy && tr.pred != graph.EstablishedBy {
				subs = []ent{{iri: d.author.IRI(), entry: d.author}}
			}
			for _, a := range subs {
				for _, b := range objs {
					if tr.reverse {
						a, b := b, a
						if a.iri != b.iri && relationFits(tr.pred, a.entry, b.entry) {
							d.quads.add(a.iri, tr.pred, b.iri, l)
						}
						continue
					}
					if a.iri == b.iri || !relationFits(tr.pred, a.entry, b.entry) {
						continue
					}
					d.quads.add(a.iri, tr.pred, b.iri, l)
				}
				if tr.dateP != "" {
					for _, m := range d.marks[i] {
						if m.kind == markDate && m.date.Key != "" {
							d.quads.add(a.iri, tr.dateP, d.dateNode(m.date.Key), l)
						}
					}
				}
			}
			// "S worked on O in conjunction with P": P supports O too.
			if tr.pred == graph.PartneredWith {
				for _, o := range ents {
					if o.m != nil && o.m.start < loc[0] && isWork(o.entry) {
						for _, p := range objs {
							d.quads.add(p.iri, graph.Supports, o.iri, l)
						}
					}
				}
			}
		}
	}
	d.emitRoles(i, ents)
	d.emitAuthorship(i, ents)
	d.emitPossessives(i, ents)
}

// emitPossessives reads "NHSX’s NHS AI Lab": the lab is part of NHSX.
func (d *docState) emitPossessives(i int, ents []ent) {
	sp := d.sents[i].span
	for k := 0; k+1 < len(ents); k++ {
		a, b := ents[k], ents[k+1]
		if a.m == nil || b.m == nil || a.entry.Type != graph.TypeOrganization || b.entry.Type != graph.TypeOrganization {
			continue
		}
		if gap := sp[a.m.end:b.m.start]; gap == "’s " || gap == "'s " {
			d.quads.add(b.iri, graph.PartOf, a.iri, d.label(i))
		}
	}
}

var (
	workByRe   = regexp.MustCompile(`^\s+by\s+$`)
	authorOfRe = regexp.MustCompile(`^,\s+(?:the\s+)?(?:co-)?author(?:s)?\s+of\s+['‘"“]?$`)
)

// emitAuthorship reads "the review of NHS technology leadership by Laura
// Wade-Gery" and "Laura Wade-Gery, author of 'Putting data ...'".
func (d *docState) emitAuthorship(i int, ents []ent) {
	sp := d.sents[i].span
	l := d.label(i)
	for k := 0; k+1 < len(ents); k++ {
		a, b := ents[k], ents[k+1]
		if a.m == nil || b.m == nil || a.m.end > b.m.start {
			continue
		}
		gap := sp[a.m.end:b.m.start]
		switch {
		case a.entry.Type == graph.TypeCreativeWork && b.entry.Type == graph.TypePerson && workByRe.MatchString(gap):
			d.quads.add(a.iri, graph.AuthoredBy, b.iri, l)
		case a.entry.Type == graph.TypePerson && b.entry.Type == graph.TypeCreativeWork && authorOfRe.MatchString(gap):
			d.quads.add(b.iri, graph.AuthoredBy, a.iri, l)
		}
	}
}

var (
	passiveBeforeRe = regexp.MustCompile(`(?i)\b(?:was|were|been|is|are|being)\s+$`)
	byAfterRe       = regexp.MustCompile(`^\s*by\b`)
)

// topicPronounRe is a sentence that opens by referring back to the
// document's subject.
var topicPronounRe = regexp.MustCompile(`^\s*(?:It|The organi[sz]ation|The unit|The body|The agency)\b[^,;]*$`)

// findTopic is the entity a document is about: the first organisation its
// first paragraph names ("NHSX is a United Kingdom Government unit ...",
// "In its second year of operation, NHSX continues ...").
func (d *docState) findTopic() *Entry {
	for i, s := range d.sents {
		if s.Kind != KindParagraph {
			continue
		}
		for _, m := range d.marks[i] {
			if m.kind == markEntity && m.entry != nil && m.entry.Type == graph.TypeOrganization {
				return m.entry // its first organisation
			}
		}
		return nil
	}
	return nil
}

// lowerASCII lowers A-Z only, so the result has the same byte offsets.
// It allocates once (a []byte made a string would be twice), copying the
// runs between capitals as they are.
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

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// relationFits keeps relations whose ends have types the predicate takes.
func relationFits(p quad.IRI, a, b *Entry) bool {
	switch p {
	case graph.Published:
		return b.Type == graph.TypeCreativeWork || b.Type == graph.TypeDataset
	case graph.ProvidesAccessTo:
		return b.Type == graph.TypeDataset || b.Type == graph.TypeProduct || b.Type == graph.TypeProgramme
	case graph.LedBy:
		return b.Type == graph.TypePerson || b.Type == graph.TypeOrganization
	case graph.MergedInto, graph.PartneredWith:
		return a.Type == graph.TypeOrganization && b.Type == graph.TypeOrganization ||
			p == graph.PartneredWith && a.Type == graph.TypeProgramme && b.Type == graph.TypeOrganization
	case graph.EstablishedBy:
		return b.Type == graph.TypePerson || b.Type == graph.TypeOrganization
	case graph.Delivered, graph.Launched, graph.Commissioned, graph.Supports, graph.Announced:
		return (a.Type == graph.TypeOrganization || a.Type == graph.TypePerson || a.Type == graph.TypeProgramme) &&
			b.Type != graph.TypePlace && b.Type != graph.TypeDate
	}
	return true
}

func isWork(e *Entry) bool {
	switch e.Type {
	case graph.TypeProgramme, graph.TypeProduct, graph.TypeDataset:
		return true
	}
	return false
}

func insideMark(ms []mark, a, b int) bool {
	for _, m := range ms {
		if m.kind == markEntity && a >= m.start && b <= m.end {
			return true
		}
	}
	return false
}

// subjectsBefore is the entity nearest before pos in the same clause, with
// the entities coordinated with it ("NHS Digital and NHSX will both ...").
func subjectsBefore(s string, ents []ent, pos int) []ent {
	var out []ent
	for k := len(ents) - 1; k >= 0; k-- {
		e := ents[k]
		if e.m == nil || e.m.end > pos || modifiesGroup(s, e.m.end) {
			continue
		}
		gap := s[e.m.end:pos]
		if hasClauseBreak(gap) && len(out) == 0 {
			return nil
		}
		if len(out) == 0 {
			if len(gap) > 90 {
				return nil
			}
			out = append(out, e)
			continue
		}
		between := strings.TrimSpace(s[e.m.end:out[len(out)-1].m.start])
		if between == "and" || between == "," || between == "&" {
			out = append(out, e)
			continue
		}
		break
	}
	return out
}

// listGlueWords may stand between the items of a list.
var listGlueWords = []string{",", "and", "&", "as well as", "or", "the", "its", "their", "our", "other", "key",
	"partners", "such as", "including"}

// isListGlue reports whether s is nothing but list glue words, each with
// white space around it or none: `^(?:\s*(?:,|and|&|as well as|...)\s*)*$`,
// worked out as which places of s a run of such words can reach from its
// start. White space alone is not glue.
func isListGlue(s string) bool {
	reach := make([]bool, len(s)+1) // the end of a word and its white space
	reach[0] = true
	for i := 0; i < len(s); i++ {
		if !reach[i] {
			continue
		}
		j := i
		for j < len(s) && isReSpace(s[j]) {
			j++
		}
		for _, w := range listGlueWords {
			if strings.HasPrefix(s[j:], w) {
				k := j + len(w)
				reach[k] = true
				for k < len(s) && isReSpace(s[k]) {
					k++
					reach[k] = true
				}
			}
		}
	}
	return reach[len(s)]
}

// objectsAfter is the first entity after pos in the same clause, with the
// entities listed after it.
func objectsAfter(s string, ents []ent, pos int) []ent {
	var out []ent
	last := pos
	for _, e := range ents {
		if e.m == nil || e.m.start < pos || modifiesGroup(s, e.m.end) {
			continue
		}
		gap := s[last:e.m.start]
		if len(out) == 0 {
			if hasClauseBreak(gap) || len(gap) > 70 {
				break
			}
		} else if !isListGlue(gap) {
			break
		}
		out = append(out, e)
		last = e.m.end
	}
	return out
}

// groupNouns are the heads of phrases like "NHS trusts" or "NHS staff",
// where the entity only qualifies a group and is not itself the subject.
var groupNouns = map[string]bool{
	"trusts": true, "staff": true, "organisations": true, "organizations": true, "providers": true,
	"services": true, "systems": true, "teams": true, "leaders": true, "patients": true, "hospitals": true,
	"practices": true, "bodies": true, "workforce": true, "users": true, "colleagues": true, "members": true,
	"employees": true, "partners": true, "suppliers": true, "boards": true, "clinicians": true, "nurses": true,
}

// modifiesGroup reports whether the entity ending at end qualifies a
// group noun within the next two words ("NHS trusts", "NHS healthcare
// providers").
func modifiesGroup(s string, end int) bool {
	i := 0
	for w := range strings.FieldsSeq(s[end:]) {
		if i++; i > 2 {
			break
		}
		t := strings.ToLower(strings.Trim(w, ",.;:()"))
		if groupNouns[t] {
			return true
		}
		if t == "" || t[0] < 'a' || t[0] > 'z' || functionWords[t] {
			return false
		}
	}
	return false
}

// firstPerson reports whether the document speaks as "we".
func (d *docState) firstPerson() bool { return d.we }

// countWe counts the document's first-person marks.
func (d *docState) countWe() int {
	n := 0
	for i := range d.marks {
		for _, m := range d.marks[i] {
			if m.kind == markWe {
				n++
			}
		}
	}
	return n
}

var roleRe = regexp.MustCompile(`(?i)\b(?:the )?((?:new |interim |former |deputy |joint )?(?:CEO|chief executive(?: officer)?|chief [a-z]+ officer|chair(?:man|woman)?|director(?: general)?|head|chief|secretary of state|minister|author|founder|president|[a-z]+ chief|parliamentary under secretary of state))(?: (?:of|at|for) )?`)

// emitRoles reads "Amanda Pritchard, the CEO of NHS England", "NHS England
// analytics chief Ming Tang" and "Secretary of State for Health and Social
// Care, Matt Hancock": a person, a role and an organisation close together.
func (d *docState) emitRoles(i int, ents []ent) {
	s := &d.sents[i]
	l := d.label(i)
	for k, p := range ents {
		if p.entry.Type != graph.TypePerson || p.m == nil {
			continue
		}
		// role after the person: "X, the CEO of Y"
		if k+1 < len(ents) {
			o := ents[k+1]
			gap := s.span[p.m.end:o.m.start]
			if o.entry.Type == graph.TypeOrganization && strings.HasPrefix(strings.TrimSpace(gap), ",") {
				if m := roleRe.FindStringSubmatch(gap); m != nil {
					d.role(p, o, roleTitle(gap, m[1]), l)
					continue
				}
			}
		}
		// "Sajid Javid, Secretary of State for Health and Social Care, said"
		if t := appositiveRoleRe.FindStringSubmatch(s.span[p.m.end:]); t != nil {
			d.quads.add(p.iri, graph.HoldsRole, quad.String(strings.TrimSpace(t[1])), l)
		}
		// role before the person: "Y analytics chief X", "Role at Y, X"
		for j := k - 1; j >= 0; j-- {
			o := ents[j]
			if o.entry.Type != graph.TypeOrganization || o.m == nil {
				continue
			}
			gap := s.span[o.m.end:p.m.start]
			if len(gap) > 60 {
				break
			}
			if m := roleRe.FindStringSubmatch(gap); m != nil {
				d.role(p, o, roleTitle(gap, m[1]), l)
				break
			}
			// "Secretary of State for Health and Social Care, Matt Hancock"
			before := s.span[max(0, o.m.start-40):o.m.start]
			if m := roleRe.FindStringSubmatch(before); m != nil && strings.TrimSpace(gap) == "," {
				d.role(p, o, m[1], l)
				break
			}
		}
	}
}

// leaderTitles are the roles that lead the organisation itself; a
// "director of transformation" leads a part of it.
var leaderTitles = map[string]bool{
	"ceo": true, "chief executive": true, "chief executive officer": true, "interim ceo": true,
	"interim chief executive": true, "new ceo": true, "chair": true, "chairman": true, "chairwoman": true,
	"director": true, "director general": true, "head": true, "president": true, "leader": true,
}

var appositiveRoleRe = regexp.MustCompile(`^,\s+((?:the\s+)?(?:[A-Z][a-z]+\s+)*(?:Secretary of State|Minister|Chief Executive|CEO|Director|Chair|President|Commissioner|Chief [A-Z][a-z]+ Officer)[^,.;]{0,80}),`)

var roleEdgeRe = regexp.MustCompile(`(?i)^[\s,]*(?:(?:the|its|their|and)\s+)*|\s+(?:of|at|for)\s*$|[\s,]+$`)

// roleTitle is the role as the text gives it between a person and an
// organisation ("director of transformation" from ", the director of
// transformation at "), or the matched title when the gap says more.
func roleTitle(gap, title string) string {
	t := roleEdgeRe.ReplaceAllString(gap, "")
	if t == "" || len(strings.Fields(t)) > 6 || strings.ContainsAny(t, ",;") {
		return strings.TrimSpace(title)
	}
	return t
}

func (d *docState) role(p, org ent, title string, l quad.Value) {
	title = strings.TrimSpace(title)
	d.quads.add(p.iri, graph.HoldsRole, quad.String(title+" of "+org.entry.Name), l)
	d.quads.add(p.iri, graph.RoleAt, org.iri, l)
	if leaderTitles[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(title, "the "), "The "))] {
		d.quads.add(org.iri, graph.LedBy, p.iri, l)
	}
}

// emitDates links a sentence's dates to the first entity it names (its
// subject, in the usual English order), unless a more specific predicate
// (established on, announced on) already dated that entity from this
// sentence.
func (d *docState) emitDates(i int, ents []ent) {
	l := d.label(i)
	sp := d.sents[i].span
	var subject *ent
	for k := range ents {
		if e := &ents[k]; e.m != nil && e.m.kind == markEntity && e.entry.Type != graph.TypePlace {
			subject = e
			break
		}
	}
	for _, m := range d.marks[i] {
		if m.kind != markDate || m.date.Key == "" {
			continue
		}
		dn := d.dateNode(m.date.Key)
		if surface := collapseSpace(m.surface); surface != dateName(m.date.Key) && m.date.Approx == "" && strings.ContainsAny(surface, "0123456789") {
			d.quads.add(dn, graph.AlternateName, quad.String(surface), nil)
		}
		if m.date.EndKey != "" {
			d.quads.add(dn, graph.DateEnd, d.dateNode(m.date.EndKey), l)
		}
		// "In 2019 when NHSX was created"
		for _, e := range ents {
			if e.m != nil && e.m.kind == markEntity && createdAfterRe.MatchString(sp[e.m.end:]) {
				d.quads.add(e.iri, graph.EstablishedOn, dn, l)
			}
		}
		// "NHSX, established in 2019"
		if loc := establishedApposRe.FindStringIndex(sp[:m.start]); loc != nil {
			for k := len(ents) - 1; k >= 0; k-- {
				if e := ents[k]; e.m != nil && e.m.end <= loc[0] && loc[0]-e.m.end <= 2 {
					d.quads.add(e.iri, graph.EstablishedOn, dn, l)
					break
				}
			}
		}
		// the sentence's subject (its first entity), and the thing right
		// before the date if that is another ("a paperless NHS by 2024")
		for _, e := range []*ent{subject, nearestEntity(sp, ents, m.start, m.end)} {
			if e != nil && !d.quads.datedBy(e.iri, l) {
				d.quads.add(e.iri, graph.Date, dn, l)
			}
		}
	}
}

var createdAfterRe = regexp.MustCompile(`^\s+(?:was|were|has been|had been)\s+(?:first\s+)?(?:created|established|founded|set up|formed)\b`)

var establishedApposRe = regexp.MustCompile(`,\s+(?:which was\s+|who was\s+)?(?:established|founded|created|set up|launched|formed)\s+(?:in|on)\s+$`)

// nearestEntity is the entity closest before a date in the same clause:
// the thing the date is said of ("a paperless NHS by 2024").
func nearestEntity(s string, ents []ent, start, end int) *ent {
	var best *ent
	bestGap := 1 << 30
	for k := range ents {
		e := &ents[k]
		if e.m == nil || e.m.kind != markEntity || e.entry.Type == graph.TypePlace || e.m.end > start {
			continue // only what comes before the date, and never a place
		}
		var gap int
		var between string
		if e.m.end <= start {
			gap, between = start-e.m.end, s[e.m.end:start]
		} else if e.m.start >= end {
			gap, between = e.m.start-end, s[end:e.m.start]
		} else {
			continue
		}
		if hasClauseBreak(between) || gap > 80 {
			continue
		}
		if gap < bestGap {
			best, bestGap = e, gap
		}
	}
	return best
}

// fmtNumber writes a figure the way a reader would: 11,000; 1.5m; 99.
func fmtNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return commaInt(int64(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func commaInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
