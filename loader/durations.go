package loader

import (
	"strconv"
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The durations pass: how long a project, pilot or series of workshops
// ran. "a 14-week project", "Over a 12-week period, the project ...", "weekly
// workshops over 5 weeks", "the 20 week project", "approximately 12-16
// weeks end-to-end". A duration belongs to an undertaking (a programme or
// an event): the noun phrase it heads when that is a topic noun ("this
// 14-week project"), else the clause's subject when that is one. A
// duration of anything else ("produced a system in 12 weeks") is left
// alone: it measures a deed, not what ran.

// durationUnits are the units a duration is counted in, singular.
var durationUnits = map[string]string{"day": "days", "week": "weeks", "month": "months", "year": "years"}

// duration is one found in a sentence: words [i, j), its value and unit.
type duration struct {
	i, j  int
	value float64
	unit  string
}

// durationsIn finds the durations in a sentence's words.
func durationsIn(st *sent) []duration {
	ws := st.words
	var out []duration
	for i := 0; i < len(ws); i++ {
		// "12-week", "12-16-week": one word
		if ws[i].Digit {
			if v, unit, ok := hyphenDuration(ws[i].Low); ok {
				out = append(out, duration{i: i, j: i + 1, value: v, unit: unit})
				continue
			}
		}
		// "12 weeks", "20 week project", "12-16 weeks"
		if ws[i].Tag == TagNum && i+1 < len(ws) {
			u := strings.TrimSuffix(ws[i+1].Low, "s")
			if plural, ok := durationUnits[u]; ok {
				lo := strings.Split(ws[i].Low, "-")[0]
				if v, err := strconv.ParseFloat(strings.ReplaceAll(lo, ",", ""), 64); err == nil {
					out = append(out, duration{i: i, j: i + 2, value: v, unit: plural})
					i++
				}
			}
		}
	}
	return out
}

// hyphenDuration reads "12-week" or "12-16-week".
func hyphenDuration(w string) (float64, string, bool) {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 {
		return 0, "", false
	}
	plural, ok := durationUnits[strings.TrimSuffix(w[k+1:], "s")]
	if !ok {
		return 0, "", false
	}
	num := strings.Split(w[:k], "-")[0]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, "", false
	}
	return v, plural, true
}

// durations records what ran for how long in one sentence.
func (d *docState) durations(st *sent) {
	ps := chunk(st)
	ws := st.words
	for _, du := range durationsIn(st) {
		// "5 years’ worth of data", "2 years of patient flow data": how
		// much data, not how long anything ran
		if du.j < len(ws) && (ws[du.j].Low == "of" || ws[du.j].Tag == TagPoss || ws[du.j].Low == "worth" || ws[du.j].Text == "’" || ws[du.j].Text == "'") {
			continue
		}
		// the noun phrase the duration is in, and its head
		np := -1
		for k, p := range ps {
			if p.kind == phNP && p.i <= du.i && du.j <= p.j || p.kind == phNP && p.i <= du.i && du.i < p.j {
				np = k
				break
			}
		}
		var who *entity
		end := du.j
		if np >= 0 {
			end = max(end, ps[np].j)
			head := ws[ps[np].head].Low
			switch {
			case topicNouns[head] && ps[np].head >= du.j-1:
				// "this 14-week project", "the 20 week project"
				who = d.topicOfKind(st.s, head)
			case head == "period" || ps[np].head < du.j:
				// "over a 12-week period", "over 5 weeks": the clause's
				who = d.clauseSubject(st, ps, clauseAround(st, ps, du.i))
			}
		}
		if who == nil || who.described {
			continue
		}
		if t := who.finalType(); t != graph.TypeProgramme && t != graph.TypeEvent {
			continue
		}
		// the words that say it, from a hedge before the figure
		start := du.i
		if start > 0 && hedgeWords[ws[start-1].Low] || start > 0 && ws[start-1].Low == "approximately" {
			start--
		}
		for end < len(ws) && (ws[end].Low == "end-to-end" || ws[end].Low == "long") {
			end++
		}
		n := d.described(TypeConcept, joinWords(ws[start:end]), sentenceDesc(st), st.n)
		n.value, n.hasValue, n.unit = du.value, true, du.unit
		d.addFact(who, graph.Duration, n, st.n, "duration")
	}
}
