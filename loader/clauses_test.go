package loader

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The regexps the hand-written clause tests in clauses.go stand for.
var (
	clauseBreakRe = regexp.MustCompile(`[;:]|\.\s|, which\b|, who\b|\bwhich\b|\bwhile\b|\bwhereas\b`)
	clauseEndRe   = regexp.MustCompile(`[.;:()–—]|,\s|\s-\s|\bwhich\b|\bso that\b`)
	itBeforeRe    = regexp.MustCompile(`(?:^|[\s,;])[Ii]t\s+(?:also\s+|now\s+)?$`)
	relativeRe    = regexp.MustCompile(`^,?\s+(?:which|that|who)\b`)
	clauseJoinRe  = regexp.MustCompile(`, and |; |, which |, while `)
	listGlueRe    = regexp.MustCompile(`^(?:\s*(?:,|and|&|as well as|or|the|its|their|our|other|key|partners|such as|including)\s*)*$`)
)

// clauseTexts are the texts of keyedTexts cut at random places, as the
// rules cut sentences into gaps, heads and tails, with the words the
// clause tests look for put in.
func clauseTexts(t *testing.T) []string {
	r := rand.New(rand.NewPCG(5, 6))
	bits := []string{" ſaved ", "COSTING", " worth ", " underſpent by ", " Capital ", " REVENUE and capital", " ſuch as ",
		"INCLUDING ", ", and the ", "andthe", " as well as ", "such  as", " orother ", ", ", "&", " was allocated ", " RECEIVES a ",
		" will share the ", " to share ", " got the share of the ", " secureſ ", " won\t", " was ", " WAS\t", " iS ", "being\n", "been", " waſ ", "_was ", "éwas ", " fund of ", " allocation OF ", " of",
		", which", ",  that x", " who", "\twhom ", ", and ", "; ", ", while ", " it ", "It\t", " it also ", " it now\n", ", which", ", who", ", whom", "which", "whiles", ". ", ".x",
		" - ", "–", "—", "so that", "so thatch", ";", ":", ": \n", "winners", "RECIPIENTS", "ſ", "K", "_which", "it", ",it "}
	var out []string
	for _, s := range keyedTexts(t) {
		a, b := r.IntN(len(s)+1), r.IntN(len(s)+1)
		if a > b {
			a, b = b, a
		}
		out = append(out, s, s[:a], s[a:], s[a:b], s[:b]+bits[r.IntN(len(bits))], bits[r.IntN(len(bits))]+s[a:]+bits[r.IntN(len(bits))])
	}
	for _, x := range bits {
		for _, y := range bits {
			out = append(out, x+y, x+" "+y)
		}
	}
	return out
}

// standIn is a hand-written test and the regexp it stands for.
type standIn struct {
	name string
	fn   func(string) bool
	re   *regexp.Regexp
}

func TestClauseTestsMatchTheirRegexps(t *testing.T) {
	// hand-written tests that answer as their regexps do
	same := []standIn{
		{"hasClauseBreak", hasClauseBreak, clauseBreakRe},
		{"itBefore", itBefore, itBeforeRe},
		{"passiveBefore", passiveBefore, passiveBeforeRe},
		{"joinsClauses", joinsClauses, clauseJoinRe},
		{"isListGlue", isListGlue, listGlueRe},
		{"allocatedBefore", allocatedBefore, allocatedRe},
		{"thisThingAt", func(s string) bool { return thisThingAt(s) != nil }, thisThingRe},
		{"isWorkAnaphor", isWorkAnaphor, workAnaphorRe},
	}
	// cheap tests that hold wherever their regexps match
	gates := []standIn{
		{"endsInOf", endsInOf, fundNounBeforeRe},
		{"endsInColon", endsInColon, listIntroRe},
		{"mayListWinners", mayListWinners, winnersRe},
		{"mayBeSaving", mayBeSaving, savingRe},
		{"capitalKind", func(s string) bool { return capitalKind(s) != nil }, capitalRe},
		{"suchAsIn", func(s string) bool { return suchAsIn(s) != nil }, suchAsRe},
	}
	// purposeNear reads the first 60 bytes: a purpose word near byte 40,
	// folded to longer runes, and cut near byte 60
	var near []string
	for _, pad := range []int{25, 30, 33, 36, 38, 39, 40, 41, 44, 47, 48, 50, 52, 55, 90} {
		for _, w := range []string{"to ſupport x", "to ſupportx", "TO SUPPORTx", "dedicated to", "dedicated tox", "for", "informs", "into", "in x", "é"} {
			near = append(near, strings.Repeat(" ", pad%2)+strings.Repeat("a ", pad/2)+w+strings.Repeat(" zz", 30))
		}
	}
	texts := append(clauseTexts(t), "the Trust will be allocated a share of the ", "it was\t\tawarded  the share of a\n",
		"NHSX will share the ", "x,was granted an ", "Trusts (ſecured) a\t")
	for _, s := range append(texts, near...) {
		var want []int
		if loc := purposeRe.FindStringIndex(s); loc != nil && loc[0] < 40 {
			want = loc
		}
		if got := purposeNear(s); !slices.Equal(got, want) {
			t.Fatalf("purposeNear(%q) = %v, want %v", s, got, want)
		}
	}
	// the fund noun before "of" is read from the last seven words
	ofs := []string{"a three year capital spending settlement of ", "one two three four five six funding of\t",
		"x (settlement  \t of \n", "-ſix word\tlong national programme grant\t\tof  ", "a b c d e f g h fund of "}
	for _, s := range append(texts, ofs...) {
		if got, want := fundNounBeforeRe.FindStringSubmatch(lastRuns(s, 7)), fundNounBeforeRe.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("fund noun in lastRuns(%q, 7) = %q, want %q", s, got, want)
		}
	}
	for _, s := range texts {
		for _, tc := range same {
			if got, want := tc.fn(s), tc.re.MatchString(s); got != want {
				t.Fatalf("%s(%q) = %v, want %v", tc.name, s, got, want)
			}
		}
		for _, tc := range gates {
			if tc.re.MatchString(s) && !tc.fn(s) {
				t.Fatalf("%s(%q) is false, but its regexp matches", tc.name, s)
			}
		}
		want := -1
		if loc := clauseEndRe.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := clauseEnd(s); got != want {
			t.Fatalf("clauseEnd(%q) = %d, want %d", s, got, want)
		}
		rest, ok := afterRelative(s)
		if want := relativeRe.MatchString(s); ok != want || ok && rest != relativeRe.ReplaceAllString(s, "") {
			t.Fatalf("afterRelative(%q) = %q, %v; want %v, %q", s, rest, ok, want, relativeRe.ReplaceAllString(s, ""))
		}
	}
	for _, s := range []string{"Winners include A and B.", "The successful bids were X and Y", "the awardeeſ are A", "  ſuccessful bids were X", "The\tSUCCESSFUL bids were Y", "Recipients include Z"} {
		if !winnersRe.MatchString(s) || !mayListWinners(s) {
			t.Errorf("%q: winnersRe %v, mayListWinners %v", s, winnersRe.MatchString(s), mayListWinners(s))
		}
	}
}
