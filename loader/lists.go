package loader

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Lists: what a list's introducing sentence says reaches every item. "Key
// services include:" makes each item included; "NHSX is responsible for:"
// makes each item something NHSX is responsible for; "The project sought
// to:" makes each item an aim; "These are:" makes each item one of what
// the sentence before counted ("five missions"); "As a result of the
// sessions:" makes each item's figure an outcome.

// intro is what a list's introducing sentence says of its items.
type intro struct {
	pred    quad.IRI // a heading's relation ("Our responsibilities": nhs:responsibleFor)
	subject *entity
	lemma   string // the verb whose object the items are ("include", "be")
	rest    string // the words completing the relation ("responsible for")
	plan    bool   // the items are aims or plans
	results bool   // the items are results
	these   *fact  // "These are:": the relation the items take from the sentence before
	blocked bool   // the list is about something that is no entity: its items have no subject
}

// resultWords in an introducing sentence say its items are results.
var resultWords = map[string]bool{"result": true, "results": true, "achievement": true, "achievements": true,
	"outcome": true, "outcomes": true, "impact": true, "achieving": true, "achieved": true, "benefits": true}

// noteIntro records what a sentence ending in a colon says of the list
// after it. c is the sentence's last clause.
func (d *docState) noteIntro(st *sent, ps []phrase, done []clause) {
	if !endsWithColon(st.s.Text) {
		return
	}
	in := intro{}
	// "... to support innovation that:": the items finish a relative
	// clause about the noun before it, and take nothing from the intro
	if n := len(st.words); n >= 2 && st.words[n-2].Tag == TagWh {
		in.blocked = true
		d.intros[st.n] = &in
		return
	}
	for _, w := range st.words {
		if resultWords[w.Low] {
			in.results = true
		}
	}
	// "Here are some of our achievements. Many of these have been
	// delivered with ...:": "these" brings the results of the sentence before
	firstPerson := false
	if !in.results && anaphoricOpening(st) && st.n > 0 && d.sents[st.n-1].Kind == KindParagraph {
		if prev := d.analysed[st.n-1]; prev != nil {
			for _, w := range prev.words {
				in.results = in.results || resultWords[w.Low]
				firstPerson = firstPerson || w.Low == "we" || w.Low == "our"
			}
		}
	}
	// "... partners to deliver X including but not limited to:": the hedge
	// is no clause of its own
	for len(done) > 1 && listHedge(st, ps, done[len(done)-1].vg) {
		done = done[:len(done)-1]
	}
	// "work with the following partners to deliver X:": the clause whose
	// object stands for the list, not the purpose after it
	for i, c := range done {
		if _, o := relationRest(st, ps, c.vg); o >= 0 && placeholderObject(st, ps, o) {
			done = done[:i+1]
			break
		}
	}
	if len(done) > 0 {
		c := done[len(done)-1]
		in.subject, in.plan = c.subject, c.plan
		v := st.words[ps[c.vg].head]
		in.lemma = v.Lemma
		if v.Tag == TagAux {
			in.lemma = auxLemma(v.Low)
		}
		rest, objStart := relationRest(st, ps, c.vg)
		if trailing := trailingParticle(st, ps, c.vg); trailing != "" {
			// "is responsible for:": the items complete the relation
			in.rest = trailing
		} else if objStart >= 0 && placeholderObject(st, ps, objStart) {
			// "work with the following partners": the items are the objects
			in.rest = rest
			in.these = nil
		} else if objStart >= 0 {
			// the clause has its own object: the list elaborates it, the
			// items take no relation from the verb
			in.lemma = ""
		} else {
			in.rest = strings.TrimSpace(rest + " " + trailingParticle(st, ps, c.vg))
		}
		if aimVerbs[in.lemma] {
			in.plan, in.lemma = true, ""
		}
		// "These are:", "These priorities are:"
		if first := st.words[0].Low; (first == "these" || first == "they") && in.lemma == "be" {
			if f := d.lastDescribedFact(st.n); f != nil {
				in.these = f
				in.lemma = ""
				in.subject = f.s
			}
		}
	}
	if in.subject == nil {
		// "Participants reported:": a list about a subject the text names
		// but that is no entity says nothing of the topic
		explicit := false
		for _, c := range done {
			explicit = explicit || explicitSubject(st, ps, c.vg)
		}
		switch {
		case in.results:
			// "here are some of our achievements:": the results of the
			// section's topic, or of the author
			in.subject, in.lemma, in.these = d.topicOf(st.s), "", nil
			if in.subject == nil || firstPerson && d.author != nil {
				in.subject = d.author
			}
		case explicit:
			in.blocked = true
		default:
			in.subject = d.topicOf(st.s)
		}
	}
	d.intros[st.n] = &in
	d.introSubject[st.n] = in.subject
}

// listHedge reports whether verb group k is "(but) not limited to", which
// only says a list is not complete.
func listHedge(st *sent, ps []phrase, k int) bool {
	ws := st.words
	h := ps[k].head
	return ws[h].Low == "limited" && h > 0 && ws[h-1].Low == "not" && h+1 < len(ws) && ws[h+1].Low == "to"
}

// anaphoricOpening reports whether a sentence opens by referring back to
// what the sentence before listed: "These", "Many of these", "All of them".
func anaphoricOpening(st *sent) bool {
	ws := st.words
	for i := 0; i < len(ws) && i < 3; i++ {
		switch ws[i].Low {
		case "these", "those", "them":
			return true
		case "many", "some", "all", "most", "several", "of", "each":
			continue
		}
		return false
	}
	return false
}

// placeholderObject reports whether the object at phrase n stands for the
// list to come: "the following partners", "these services".
func placeholderObject(st *sent, ps []phrase, n int) bool {
	for w := ps[n].i; w < len(st.words) && st.words[w].Text != ":"; w++ {
		if st.words[w].Low == "following" {
			return true
		}
	}
	return false
}

// trailingParticle is a preposition left at the end of an introducing
// clause ("responsible for:"), which relationRest does not read because no
// object follows it.
func trailingParticle(st *sent, ps []phrase, k int) string {
	var out []string
	for m := k + 1; m < len(ps); m++ {
		p := ps[m]
		switch p.kind {
		case phPrep, phTo:
			out = append(out, st.words[p.i].Low)
		case phNP:
			if relationalNP(st, p) {
				for w := p.i; w < p.j; w++ {
					if st.words[w].Tag != TagDet {
						out = append(out, st.words[w].Low)
					}
				}
				continue
			}
			return ""
		case phPunct:
			if st.words[p.i].Text == ":" {
				return strings.Join(out, " ")
			}
			return ""
		default:
			return ""
		}
	}
	return strings.Join(out, " ")
}

// lastDescribedFact is the last fact of sentence n-1 (or n) whose object is
// a described thing: what "These are:" refers to.
func (d *docState) lastDescribedFact(n int) *fact {
	for i := len(d.facts) - 1; i >= 0; i-- {
		f := &d.facts[i]
		if f.sent < n-1 {
			break
		}
		if f.o.described && f.p != graph.About && f.o.typ != graph.TypeDate && f.rule != "measure" {
			return f
		}
	}
	return nil
}

// listItem reads a bullet under an introducing sentence whose relation
// reaches it. It reports whether it read the bullet as an item.
func (d *docState) listItem(st *sent, ps []phrase) bool {
	if st.s.Kind != KindBullet {
		return false
	}
	in := d.introOf(st.s)
	if in == nil || in.subject == nil {
		return false
	}
	// a bullet that starts with a verb is a clause of the subject's
	// ("Improve health and care productivity"); relationsIn reads it
	if len(ps) > 0 && ps[0].kind == phVG && in.these == nil && in.lemma == "" && in.pred == "" {
		return false
	}
	text := bulletText(st)
	if text == "" || itemIsClause(st, ps) {
		return false // "Examples include tools that ...": a sentence of its own
	}
	var obj *entity
	if len(ps) == 1 && ps[0].kind == phNP {
		obj = d.nameOf(st, ps[0])
	}
	// "Ambient (Intelligence) - the application of several technologies":
	// a term and its gloss; the item is the term, described by the gloss
	if term, gloss, ok := glossed(st); obj == nil && ok {
		obj = d.described(TypeConcept, term, gloss, st.n)
		d.linkAbout(obj, namesIn(st, 0, len(st.words)))
	}
	if obj == nil {
		obj = d.described(itemType(st, ps), text, "", st.n)
		d.linkAbout(obj, namesIn(st, 0, len(st.words)))
	}
	switch {
	case in.pred != "":
		if in.pred == Aims {
			obj.plan = true
		}
		d.addFact(in.subject, in.pred, obj, st.n, "list-heading")
	case in.these != nil:
		d.addFact(in.these.s, in.these.p, obj, st.n, "list-these")
		// "three delivery priorities ... These are: ...": each item is one
		d.addFact(in.these.o, Includes, obj, st.n, "list-these")
	case in.plan && in.lemma != "" && !obj.described:
		// "We will work with the following partners: X": a plan to work
		// with X, not a partnership already made
		plan := d.described(graph.TypeOutcome, strings.TrimSpace(in.lemma+" "+in.rest)+" "+obj.name, "", st.n)
		plan.plan = true
		d.linkAbout(plan, []*entity{obj})
		d.addFact(in.subject, Plans, plan, st.n, "list-plan")
	case in.plan && (in.lemma == "" || obj.described):
		obj.plan = true
		if obj.described {
			obj.typ = graph.TypeOutcome
		}
		d.addFact(in.subject, Plans, obj, st.n, "list-plan")
	case in.lemma != "":
		if m, ok := predicateFor(in.lemma, in.rest); ok && (!namedOnly[m.p] || !obj.described) {
			d.relate(in.subject, obj, m, st.n, "list")
		} else {
			d.addFact(in.subject, relPredicate(in.lemma, in.rest), obj, st.n, "list")
		}
	default:
		return false
	}
	return true
}

// glossed splits a list item of a term and its explanation, "Term - gloss"
// or "Term: gloss", where the term is a few words.
func glossed(st *sent) (term, gloss string, ok bool) {
	ws := st.words
	for k := 1; k < len(ws) && k <= 6; k++ {
		if w := ws[k].Text; (w == "-" || w == "–" || w == "—" || w == ":") && k+2 < len(ws) {
			term = strings.TrimSpace(joinWords(ws[:k]))
			gloss = strings.TrimRight(strings.TrimSpace(joinWords(ws[k+1:])), ".;,")
			return term, gloss, term != "" && gloss != ""
		}
	}
	return "", "", false
}

// itemIsClause reports whether a list item is a sentence with its own
// subject and finite verb, which the relation pass reads.
func itemIsClause(st *sent, ps []phrase) bool {
	for k := 0; k < len(ps); k++ {
		if ps[k].kind != phVG {
			continue
		}
		if k == 0 || ps[k-1].kind != phNP || isPronounNP(st, ps[k-1]) && !subjectPronouns[st.words[ps[k-1].i].Low] {
			return false
		}
		v := st.words[ps[k].head]
		plural := strings.HasSuffix(st.words[ps[k-1].head].Low, "s")
		return int(ps[k].nAux) > 0 || v.Form == FormS || v.Form == FormBase && plural || v.Form == FormPast && chainStart(st, ps, k-1) == 0
	}
	return false
}

// subjectPronouns can be the subject of a sentence.
var subjectPronouns = map[string]bool{"we": true, "they": true, "it": true, "he": true, "she": true, "i": true, "you": true, "this": true}

// bulletText is a bullet's words without a closing full stop or
// semicolon.
func bulletText(st *sent) string {
	t := strings.TrimRight(strings.TrimSpace(st.s.Text), ".;,")
	// "Aid the improvement of safety; and": the list's joining word
	for _, end := range []string{"; and", "; or", ", and", ", or"} {
		t = strings.TrimSuffix(t, end)
	}
	return strings.TrimRight(t, ".;, ")
}

// itemType types a list item by the head of its first noun phrase.
func itemType(st *sent, ps []phrase) quad.IRI {
	for _, p := range ps {
		if p.kind == phNP {
			return conceptType(st, p)
		}
		if p.kind == phVG {
			break
		}
	}
	return TypeConcept
}

// introOf is what introduces a bullet: its introducing sentence, else a
// heading above it that names what the list is ("Our responsibilities").
func (d *docState) introOf(s *Sentence) *intro {
	if s.Intro >= 0 {
		return d.intros[s.Intro]
	}
	for sec := s.Section; sec >= 0; sec = d.sents[sec].Section {
		if in := d.intros[sec]; in != nil {
			return in
		}
		if d.sents[sec].Section == sec {
			break
		}
	}
	return nil
}

// headingRelations are nouns a heading names a list by, and the relation
// its items have to whose list it is.
var headingRelations = map[string]quad.IRI{
	"responsibilities": ResponsibleFor, "responsibility": ResponsibleFor, "duties": ResponsibleFor, "remit": ResponsibleFor,
	"priorities": graph.HasPriority, "missions": Aims, "mission": Aims, "aims": Aims, "objectives": Aims,
	"goals": Aims, "ambitions": Aims, "commitments": Aims, "partners": HasPartner, "partnerships": HasPartner,
	"achievements": graph.Achieved, "results": graph.Achieved, "outcomes": graph.Achieved, "successes": graph.Achieved,
}

// noteHeading records what a heading says of the lists under it: "Our
// responsibilities" makes the author responsible for each item; "Key
// achievements" makes each item an achievement of the section's topic.
func (d *docState) noteHeading(st *sent) {
	ws := st.words
	if len(ws) == 0 || len(ws) > 5 {
		return
	}
	last := ws[len(ws)-1].Low
	pred, ok := headingRelations[last]
	if !ok {
		return
	}
	var subj *entity
	for i, w := range ws[:len(ws)-1] {
		switch {
		case w.Low == "our":
			subj = d.author
		case w.Tag == TagPoss && i > 0:
			if sp := st.spanAt(i - 1); sp != nil && sp.kind == spanName && sp.ent != nil {
				subj = sp.ent.resolve()
			}
		}
	}
	if subj == nil {
		subj = d.topicOf(st.s)
		if subj == nil {
			subj = d.author
		}
	}
	if subj == nil {
		return
	}
	in := &intro{subject: subj, pred: pred}
	if pred == graph.Achieved {
		in.pred, in.results = "", true
	}
	d.intros[st.n] = in
}
