package loader

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// relMap says which predicate a relation phrase stands for. Keys are a
// verb's base form, with the preposition that completes the phrase where
// it matters ("work with", "part of"); inverse means the predicate points
// from the object to the subject ("NHSX developed the app" is the app
// nhs:developedBy NHSX). Verbs that mean the same map to one predicate;
// any other verb keeps its own words under nhs:rel/ (relPredicate).
type relMap struct {
	p       quad.IRI
	inverse bool
}

var relations = map[string]relMap{}

func init() {
	// in order: a phrase listed twice keeps its first meaning
	for _, r := range []struct {
		m       relMap
		phrases string
	}{
		{relMap{graph.Funds, false}, "fund|finance|sponsor|invest in|bankroll|pay for"},
		{relMap{graph.LedBy, true}, "lead|head|run|chair|direct|manage"},
		{relMap{graph.EstablishedBy, true}, "establish|set up|found|form|stand up"},
		{relMap{graph.MergedInto, false}, "merge with|merge into|fold into|absorb into|incorporate into"},
		{relMap{graph.PartneredWith, false}, "work with|partner with|collaborate with|team up with|work alongside|join with|cooperate with|co-operate with|engage with|work in partnership with|work together with"},
		{relMap{graph.DevelopedBy, true}, "develop|build|design|create|co-develop|co-design|engineer|code|write|prototype"},
		{relMap{graph.Delivered, false}, "deliver|deploy|roll out|distribute|implement|install"},
		{relMap{graph.Published, false}, "publish|release|issue"},
		{relMap{graph.Achieved, false}, "achieve|reach|accomplish|attain"},
		{relMap{graph.Launched, false}, "launch|introduce|unveil|open"},
		{relMap{graph.Commissioned, false}, "commission|procure|contract|contract for|buy|purchase|appoint"},
		{relMap{graph.Supports, false}, "support|help|enable|assist|back|aid|champion|empower"},
		{relMap{graph.Announced, false}, "announce|unveil|declare"},
		{relMap{graph.PartOf, false}, "be part of|sit within|exist within|be within|belong to|be a part of|form part of|sit in|be based in|be hosted by|be housed in"},
		{relMap{graph.ProvidesAccessTo, false}, "provide access to|give access to|offer access to|open up"},
		{relMap{Provides, false}, "provide|offer|supply|give|make available"},
		{relMap{Uses, false}, "use|employ|apply|adopt|utilise|utilize|leverage|draw on|rely on|build on|harness"},
		{relMap{Includes, false}, "include|comprise|consist of|contain|cover|incorporate|encompass|feature|span"},
		{relMap{Approached, false}, "approach|contact|ask|invite|consult|engage"},
		{relMap{Evaluated, false}, "test|evaluate|assess|review|trial|pilot|validate|appraise|benchmark|audit"},
		{relMap{FocusesOn, false}, "focus on|concentrate on|address|tackle|target|centre on|center on"},
		{relMap{Studies, false}, "study|investigate|explore|research|examine|look at|analyse|analyze|look into"},
		{relMap{Collects, false}, "collect|gather|record|hold|store|capture|compile|collate|curate"},
		{relMap{Produced, false}, "produce|generate|output|yield|make|result in|lead to|create"},
		{relMap{ResponsibleFor, false}, "be responsible for|be accountable for|oversee|govern|regulate|look after|take responsibility for|be in charge of"},
		{relMap{Accessed, false}, "access|have access to|gain access to|obtain"},
		{relMap{Awarded, false}, "award|grant"},
		{relMap{LinkedWith, false}, "link with|link to|connect with|connect to|integrate with|combine with|link"},
		{relMap{Received, false}, "receive|win|secure|get|be awarded|be granted|be given|be allocated"},
	} {
		for _, ph := range strings.Split(r.phrases, "|") {
			if _, dup := relations[ph]; !dup {
				relations[ph] = r.m
			}
		}
	}
}

// The predicates the relation pass adds to the contract's, from graph.
var (
	Provides       = graph.Provides
	Uses           = graph.Uses
	Includes       = graph.Includes
	Approached     = graph.Approached
	Evaluated      = graph.Evaluated
	FocusesOn      = graph.FocusesOn
	Studies        = graph.Studies
	Collects       = graph.Collects
	Produced       = graph.Produced
	ResponsibleFor = graph.ResponsibleFor
	Accessed       = graph.Accessed
	Awarded        = graph.Awarded
	LinkedWith     = graph.LinkedWith
	Received       = graph.Received
	IsA            = graph.IsA
	Aims           = graph.Aims
	Plans          = graph.Plans
	Targets        = graph.Targets
	HasPartner     = graph.HasPartner
	WorksFor       = graph.WorksFor
	Purpose        = graph.Purpose
	UpdatedOn      = graph.UpdatedOn
	SecuredIn      = graph.SecuredIn
	Duration       = graph.Duration
	Through        = graph.DeliveredThrough
)

// predicateFor maps a relation phrase (a verb's base form, and the words
// and preposition that complete it) to a predicate.
//
// A verb with a preposition the table does not list keeps its own words:
// "applied to" is not "applied", "delivered to" not "delivered".
func predicateFor(lemma, rest string) (relMap, bool) {
	if rest != "" {
		m, ok := relations[lemma+" "+rest]
		return m, ok
	}
	m, ok := relations[lemma]
	return m, ok
}

// relPredicate names a relation no predicate stands for by its own words:
// "explored ... for" is nhs:rel/explore-for. So no stated relation is lost.
func relPredicate(lemma, rest string) quad.IRI {
	if rest != "" {
		lemma += " " + rest
	}
	return graph.RelIRI(lemma)
}
