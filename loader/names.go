package loader

import (
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// spanKind says what a span of words is.
type spanKind uint8

const (
	spanName  spanKind = iota + 1 // a named entity
	spanMoney                     // an amount of money
	spanDate                      // a date
	spanQty                       // a counted or measured figure
	spanRole                      // a post: "Secretary of State for Health", "Clinical Lead"
)

// span is a run of a sentence's words [i, j) that the mention pass
// recognised.
type span struct {
	i, j  int
	kind  spanKind
	ent   *entity
	money *Money    // for a spanMoney
	date  *DateSpan // for a spanDate
	qty   *Quantity // for a spanQty
	name  string // the name the words stand for, where it is not their text ("Royal Surrey NHS Foundation Trust")
}

// nameCandidate is a run of capitalised words that may name something, as
// the capitals pass finds it, before it is made an entity.
type nameCandidate struct {
	i, j  int
	name  string
	typ   quad.IRI
	known *Entry
	role  bool // a post, not a name
	title bool // a title in Title Case
}

// startsName reports whether word w can start or continue a name: a proper
// noun, an acronym, or a capitalised word that is not a function word.
func startsName(w Word) bool {
	return !w.Punct && (w.Tag == TagProp || w.Caps || innerCapitals(w.Text)) && !monthNames[w.Low] && !weekdays[w.Low]
}

// innerCapitals reports whether a word written in lower case has two or more
// capitals inside it, as names such as "openSAFELY" do.
func innerCapitals(w string) bool {
	if len(w) < 3 || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	n := 0
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			n++
		}
	}
	return n >= 2
}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// capitalSpans finds runs of capitalised words: "Kettering General
// Hospital", "Department of Health and Social Care", "AI in Health and Care
// Award". Connecting words ("of", "for", "and", "in", "the", "&") may join
// capitalised words; a possessive ending, punctuation or any other word
// ends the run. Runs are split where two names are coordinated ("NHSX and
// NHS Digital"), and a plural organisational ending is shared out ("Royal
// Surrey and Kettering General Hospital NHS Foundation Trusts").
func capitalSpans(ws []Word, taken []bool, g *Gazetteer) []nameCandidate {
	var out []nameCandidate
	out = append(out, titleRuns(ws, taken)...)
	for i := 0; i < len(ws); i++ {
		if taken[i] || !startsName(ws[i]) {
			continue
		}
		j := i + 1
		for j < len(ws) && !taken[j] {
			w := ws[j]
			if startsName(w) || w.Digit && ws[j-1].Tag == TagProp && isNameNumber(ws, j) {
				j++
				continue
			}
			// a capitalised function word between capitalised words is part
			// of the name: "Parliamentary Under Secretary of State"
			if w.Cap && !w.Punct && j+1 < len(ws) && startsName(ws[j+1]) && !connectors[w.Low] {
				j++
				continue
			}
			// "Buyer's Guide", "Parkinson's Disease": a possessive inside a
			// name, after one capitalised word that is no name of its own
			if w.Tag == TagPoss && j == i+1 && j+1 < len(ws) && startsName(ws[j+1]) && ws[i].Cap && !ws[i].Caps &&
				!theLexicon().given[ws[i].Low] && g.lookupName(ws[i].Text) == nil {
				j += 2
				continue
			}
			// a connector continues the name only if a capitalised word follows it
			if connectors[w.Low] && !w.Cap || w.Text == "&" || w.Low == "the" && w.Cap {
				k := j + 1
				if k < len(ws) && ws[k].Low == "the" {
					k++
				}
				if k < len(ws) && !taken[k] && startsName(ws[k]) {
					j = k + 1
					continue
				}
			}
			break
		}
		// "the Digital Aspirant programme": a kind noun after the name is part of it
		if j < len(ws) && !taken[j] && nameKinds[ws[j].Low] && !ws[j].Cap && g.lookupName(joinWords(ws[i:j])) == nil {
			j++
		}
		// "the AI Lab Skunkworks Team" is the AI Lab Skunkworks
		next := j
		if j-i > 1 && (ws[j-1].Low == "team" || ws[j-1].Low == "teams") {
			j--
		}
		// "tools such as Mentimeter and Google Jamboard": a list of names
		if listContext(ws, i) {
			out = append(out, splitList(ws, i, j, g)...)
		} else {
			out = append(out, splitRun(ws, i, j, g)...)
		}
		i = next - 1
	}
	return out
}

// listContext reports whether the words before i introduce examples:
// "such as", "including", "like", "e.g.".
func listContext(ws []Word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch ws[k].Low {
		case "including", "like", "e.g", "eg":
			return true
		case "as":
			return k > 0 && ws[k-1].Low == "such"
		case "the", ",":
			continue
		}
		return false
	}
	return false
}

// splitList splits a run at every "and" and "&": each side is a name.
func splitList(ws []Word, i, j int, g *Gazetteer) []nameCandidate {
	var out []nameCandidate
	start := i
	for k := i; k <= j; k++ {
		if k == j || ws[k].Low == "and" || ws[k].Text == "&" {
			if k > start {
				out = append(out, typed(nameCandidate{i: start, j: k, name: joinWords(ws[start:k])}, g))
			}
			start = k + 1
		}
	}
	return out
}

// nameKinds are nouns that, in lower case after capitalised words, end
// the name: "the Digital Aspirant programme", "the Adoption fund".
var nameKinds = map[string]bool{"programme": true, "program": true, "project": true, "initiative": true,
	"scheme": true, "fund": true, "award": true, "network": true, "app": true, "platform": true, "database": true,
	"dataset": true, "strategy": true, "review": true, "framework": true, "collaborative": true, "service": true,
	"portal": true, "toolkit": true, "registry": true, "register": true, "campaign": true, "challenge": true,
	"competition": true, "pilot": true, "study": true, "trial": true, "guidance": true, "report": true}

// titleRuns finds titles written in Title Case inside a sentence, function
// words and all: "We published What Good Looks Like and Who Pays for
// What". A run of three or more capitalised words (lower-case connectors
// allowed between them) that does not open the sentence is a title; "and"
// between two titles of two capitals or more separates them. The words
// found are marked taken.
func titleRuns(ws []Word, taken []bool) []nameCandidate {
	var out []nameCandidate
	for i := 1; i < len(ws); i++ {
		// a run does not start inside a possessive name ("Parkinson's
		// Disease Pathology Prediction"): capitalSpans reads that whole
		if taken[i] || !ws[i].Cap || ws[i].Punct || ws[i-1].Punct && ws[i-1].Text != "," || ws[i].Caps || ws[i-1].Tag == TagPoss {
			continue
		}
		j, caps := i, 0
		for j < len(ws) && !taken[j] {
			if ws[j].Cap && !ws[j].Punct {
				caps++
				j++
				continue
			}
			if connectors[ws[j].Low] && j+1 < len(ws) && ws[j+1].Cap && !ws[j+1].Punct {
				j++
				continue
			}
			break
		}
		// only a run with a function word capitalised is a title the
		// ordinary name rules would miss
		function := false
		for _, w := range ws[i:j] {
			if w.Cap && (w.Tag == TagWh || w.Tag == TagVerb || w.Tag == TagAux || w.Tag == TagPron || w.Tag == TagAdv) {
				function = true
			}
		}
		if caps < 3 || !function {
			i = j
			continue
		}
		start := i
		for k := i; k <= j; k++ {
			if k == j || ws[k].Low == "and" && capsIn(ws[start:k]) >= 2 && capsIn(ws[k+1:j]) >= 2 {
				out = append(out, nameCandidate{i: start, j: k, name: joinWords(ws[start:k]), title: true})
				start = k + 1
			}
		}
		for k := i; k < j; k++ {
			taken[k] = true
		}
		i = j
	}
	return out
}

func capsIn(ws []Word) int {
	n := 0
	for _, w := range ws {
		if w.Cap {
			n++
		}
	}
	return n
}

// isNameNumber reports whether the number at j belongs to the name before
// it, as in "Microsoft 365" or "NHS 111": a bare number right after a proper
// noun that no unit or noun follows.
func isNameNumber(ws []Word, j int) bool {
	if strings.ContainsAny(ws[j].Text, ",.") {
		return false
	}
	return j+1 >= len(ws) || ws[j+1].Punct || ws[j+1].Tag != TagNoun
}

// splitRun turns the run [i, j) into one or more names.
func splitRun(ws []Word, i, j int, g *Gazetteer) []nameCandidate {
	words := lows(ws[i:j])
	whole := nameCandidate{i: i, j: j, name: joinWords(ws[i:j])}
	if known := g.lookupName(whole.name); known != nil {
		whole.known, whole.typ = known, known.Type
		return []nameCandidate{whole}
	}
	for k := i + 1; k < j-1; k++ {
		if ws[k].Low != "and" && ws[k].Text != "&" {
			continue
		}
		left, right := ws[i:k], ws[k+1:j]
		// "Faculty and the Home Office": an article starts a second name
		if right[0].Low == "the" {
			out := splitRun(ws, i, k, g)
			return append(out, splitRun(ws, k+2, j, g)...)
		}
		ll, rl := lows(left), lows(right)
		// "Royal Surrey and Kettering General Hospital NHS Foundation
		// Trusts": a plural organisational ending belongs to both
		last := rl[len(rl)-1]
		if last != singular(last) && orgSuffix[last] {
			suffixStart := len(right)
			for suffixStart > 0 && orgSuffix[rl[suffixStart-1]] {
				suffixStart--
			}
			suffix := right[suffixStart:]
			sing := joinWords(suffix[:len(suffix)-1])
			if sing != "" {
				sing += " "
			}
			sing += singularWord(suffix[len(suffix)-1].Text)
			var out []nameCandidate
			l := nameCandidate{i: i, j: k, name: joinWords(left)}
			if typeByHead(ll) == "" && g.lookupName(l.name) == nil {
				l.name += " " + sing
			}
			r := nameCandidate{i: k + 1, j: j, name: joinWords(right[:suffixStart]) + " " + sing}
			for _, c := range []nameCandidate{l, r} {
				out = append(out, typed(c, g))
			}
			return out
		}
		// two names side by side: the left ends in a typing noun or is
		// known, or the right starts with an acronym or is known
		leftNamed := headTypes[ll[len(ll)-1]] != "" || g.lookupName(joinWords(left)) != nil
		rightNamed := right[0].Caps || g.lookupName(joinWords(right)) != nil
		if leftNamed || rightNamed {
			out := splitRun(ws, i, k, g)
			return append(out, splitRun(ws, k+1, j, g)...)
		}
	}
	_ = words
	return []nameCandidate{typed(whole, g)}
}

// typed gives a candidate its type: the gazetteer's, else its head noun's;
// a head that names a post makes it a role.
func typed(c nameCandidate, g *Gazetteer) nameCandidate {
	if known := g.lookupName(c.name); known != nil {
		c.known, c.typ = known, known.Type
		return c
	}
	words := strings.Fields(strings.ToLower(c.name))
	if len(words) == 0 {
		return c
	}
	// "Secretary of State for Health": the word before the first "of" or
	// "for" names a post
	if k := slices.IndexFunc(words, func(w string) bool { return w == "of" || w == "for" }); k > 0 && roleWords[words[k-1]] && headTypes[words[k-1]] == "" {
		c.role = true
		return c
	}
	if roleWords[headOf(words)] && !headTypesOnly(words) {
		c.role = true
		return c
	}
	c.typ = typeByHead(words)
	return c
}

// headTypesOnly reports whether a name whose head is a role word still names
// an organisation: "Office of the Chief Executive".
func headTypesOnly(words []string) bool {
	_, ok := headTypes[words[0]]
	return ok && len(words) > 2
}

func lows(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Low
	}
	return out
}

// singularWord makes the last word of a plural name singular, keeping its
// case: "Trusts" -> "Trust".
func singularWord(w string) string {
	s := singular(strings.ToLower(w))
	if len(s) > len(w) {
		return w
	}
	return w[:len(s)-1] + s[len(s)-1:]
}

// personAt finds a person's name at word i: an honorific and one to three
// capitalised words ("Dr Jane Smith", "Baroness Blackwood"). It returns the
// end of the name, the name without a courtesy title, and false when
// there is none.
func personAt(ws []Word, i int) (int, string, bool) {
	w := ws[i]
	if !w.Cap || !honorifics[strings.TrimSuffix(w.Low, ".")] {
		return 0, "", false
	}
	j := i + 1
	if j < len(ws) && ws[j].Text == "." {
		j++
	}
	start := j
	for j < len(ws) && j-start < 3 && !ws[j].Punct && ws[j].Cap && !ws[j].Caps && headTypes[ws[j].Low] == "" {
		j++
	}
	if j == start {
		return 0, "", false
	}
	name := joinWords(ws[start:j])
	switch strings.TrimSuffix(w.Low, ".") {
	case "sir", "dame", "lord", "lady", "baroness", "baron":
		if j-start == 1 {
			name = w.Text + " " + name // "Baroness Blackwood" is how she is known
		}
	}
	return j, name, true
}

// looksLikePersonName reports whether a candidate of two or three
// capitalised words could be a person's name: no typing head, no acronym,
// no connecting word, not a known name.
func looksLikePersonName(ws []Word, c nameCandidate) bool {
	n := c.j - c.i
	if n < 2 || n > 3 || c.typ != "" || c.known != nil || c.role {
		return false
	}
	for _, w := range ws[c.i:c.j] {
		if w.Caps || !w.Cap || connectors[w.Low] || w.Digit || headTypes[w.Low] != "" || roleWords[w.Low] {
			return false
		}
	}
	return true
}

// roleAfter reads a post given after a name: ", Clinical Lead, University
// Hospital Southampton" or ", Head of AI at NHSX". It returns the post's
// words [i, j) and the end of the phrase.
func roleAfter(ws []Word, k int) (int, int, bool) {
	if k >= len(ws) || ws[k].Text != "," && ws[k].Text != "(" {
		return 0, 0, false
	}
	i := k + 1
	if i < len(ws) && (ws[i].Low == "the" || ws[i].Low == "a" || ws[i].Low == "an") {
		i++
	}
	j := i
	hasRole := false
	for j < len(ws) && !ws[j].Punct && j-i < 10 {
		if ws[j].Tag == TagVerb || ws[j].Tag == TagAux || ws[j].Tag == TagWh || ws[j].Tag == TagPron {
			break
		}
		if roleWords[ws[j].Low] {
			hasRole = true
		}
		j++
	}
	return i, j, hasRole && j > i
}

// roleBefore reads a post given right before a name: "Health Secretary
// Matt Hancock", "chief executive Amanda Pritchard". It returns the start
// of the post.
func roleBefore(ws []Word, i int) (int, bool) {
	if i == 0 || !roleWords[ws[i-1].Low] {
		return 0, false
	}
	k := i - 1
	for k > 0 && !ws[k-1].Punct && (ws[k-1].Tag == TagNoun || ws[k-1].Tag == TagProp || ws[k-1].Tag == TagAdj || roleWords[ws[k-1].Low]) && i-k < 5 {
		k--
	}
	return k, true
}

// typeVote is the type an apposition or copula's head noun gives a name
// with none of its own: "Faculty, an AI specialist supplier" is an
// organisation; "Polygeist, a software company" too.
func typeVote(head string) quad.IRI {
	switch head {
	case "company", "supplier", "firm", "provider", "vendor", "startup", "start-up", "organisation", "organization",
		"charity", "consultancy", "business", "manufacturer", "developer", "partner", "body", "regulator", "team",
		"agency", "department", "unit", "lab", "laboratory", "university", "trust", "hospital", "group", "network":
		return graph.TypeOrganization
	case "app", "application", "tool", "platform", "software", "system", "service", "product", "device", "website", "model", "algorithm":
		return graph.TypeProduct
	case "database", "dataset", "register", "registry", "collection", "record", "records":
		return graph.TypeDataset
	case "programme", "program", "project", "initiative", "scheme", "award", "competition", "pilot":
		return graph.TypeProgramme
	case "report", "strategy", "plan", "guidance", "framework", "paper", "review", "guide", "policy", "standard":
		return graph.TypeCreativeWork
	case "fund", "grant":
		return graph.TypeFund
	case "person", "doctor", "nurse", "clinician", "scientist", "engineer", "researcher", "professor":
		return graph.TypePerson
	}
	return typeByHead([]string{head})
}

// titleIntros introduce the title of a work in quotation marks.
var titleIntros = map[string]bool{"called": true, "titled": true, "entitled": true, "named": true}

// closingQuote is the mark that closes each opening quotation mark.
var closingQuote = map[string]string{"'": "'", "‘": "’", "“": "”", "\"": "\""}

// quotedTitles finds the titles a sentence quotes after a word that
// introduces one ("called", "author of", "the report"), as [i, j) word
// ranges inside the quotation marks: a capitalised run of up to twenty
// words with its closing mark in the sentence.
func quotedTitles(ws []Word) [][2]int {
	var out [][2]int
	for i := 1; i+2 < len(ws); i++ {
		if !ws[i].Punct && ws[i].Tag != TagPoss || !ws[i+1].Cap {
			continue
		}
		end, ok := closingQuote[ws[i].Text]
		if !ok {
			continue
		}
		prev := ws[i-1].Low
		intro := titleIntros[prev] || headTypes[prev] == graph.TypeCreativeWork ||
			prev == "of" && i >= 2 && authorNouns[ws[i-2].Low]
		if !intro {
			continue
		}
		for j := i + 2; j < len(ws) && j <= i+21; j++ {
			if ws[j].Text == end {
				out = append(out, [2]int{i + 1, j})
				i = j
				break
			}
		}
	}
	return out
}
