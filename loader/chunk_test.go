package loader

import (
	"strings"
	"testing"
)

// TestChunk checks the phrases a sentence is grouped into: noun phrases
// with names and figures as single units, verb groups with their
// auxiliaries, and passives.
func TestChunk(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // phrases, "NP[...]" "VG[...]" and single words
	}{
		{"names and figures are single units", "Coastal Data Lab trained 1,200 nurses in 2022.",
			"NP[Coastal Data Lab] VG[trained] NP[1,200 nurses] in NP[2022] ."},
		{"auxiliaries and adverbs join the verb", "The board has already approved the plan.",
			"NP[The board] VG[has already approved] NP[the plan] ."},
		{"a floating quantifier", "Both councils will both join the scheme.",
			"NP[Both councils] VG[will both join] NP[the scheme] ."},
		{"possessive splits two names", "Eastmoor Council’s Coastal Data Lab met.",
			"NP[Eastmoor Council] ’s NP[Coastal Data Lab] VG[met] ."},
		{"to before a noun is a preposition", "Tablets went to care homes.",
			"NP[Tablets] VG[went] to NP[care homes] ."},
		{"to before a verb is an infinitive", "The lab aims to reduce delays.",
			"NP[The lab] VG[aims] to VG[reduce] NP[delays] ."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.in+"\n")
			st := d.analysed[0]
			var parts []string
			for _, p := range chunk(st) {
				text := joinWords(st.words[p.i:p.j])
				switch p.kind {
				case phNP:
					parts = append(parts, "NP["+text+"]")
				case phVG:
					parts = append(parts, "VG["+text+"]")
				default:
					parts = append(parts, text)
				}
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	// the passive
	d := readDoc(t, "The tool was built by Acme Analytics Ltd. The tool has been built.\n")
	for _, st := range d.analysed {
		for _, p := range chunk(st) {
			if p.kind == phVG && !p.passive {
				t.Errorf("%q is not passive", joinWords(st.words[p.i:p.j]))
			}
		}
	}
}
