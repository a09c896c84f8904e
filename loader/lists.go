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
	subject *entity
	lemma   string // the verb whose object the items are ("include", "be")
	rest    string // the words completing the relation ("responsible for")
	plan    bool   // the items are aims or plans
	results bool   // the items are results
	these   *fact  // "These are:": the relation the items take from the sentence before
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
	for _, w := range st.words {
		if resultWords[w.Low] {
			in.results = true
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
		if objStart >= 0 {
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
			}
		}
	}
	if in.subject == nil {
		in.subject = d.topicOf(st.s)
	}
	d.intros[st.n] = &in
	d.introSubject[st.n] = in.subject
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
		if f.o.described && f.p != graph.About && f.rule != "measure" {
			return f
		}
	}
	return nil
}

// listItem reads a bullet under an introducing sentence whose relation
// reaches it. It reports whether it read the bullet as an item.
func (d *docState) listItem(st *sent, ps []phrase) bool {
	if st.s.Kind != KindBullet || st.s.Intro < 0 {
		return false
	}
	in := d.intros[st.s.Intro]
	if in == nil || in.subject == nil {
		return false
	}
	// a bullet that starts with a verb is a clause of the subject's
	// ("Improve health and care productivity"); relationsIn reads it
	if len(ps) > 0 && ps[0].kind == phVG && in.these == nil && in.lemma == "" {
		return false
	}
	text := bulletText(st)
	if text == "" {
		return false
	}
	var obj *entity
	if len(ps) == 1 && ps[0].kind == phNP {
		obj = d.nameOf(st, ps[0])
	}
	if obj == nil {
		obj = d.described(itemType(st, ps), text, "", st.n)
		d.linkAbout(obj, namesIn(st, 0, len(st.words)))
	}
	switch {
	case in.these != nil:
		d.addFact(in.these.s, in.these.p, obj, st.n, "list-these")
	case in.plan:
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

// bulletText is a bullet's words without a closing full stop or
// semicolon.
func bulletText(st *sent) string {
	return strings.TrimRight(strings.TrimSpace(st.s.Text), ".;,")
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
