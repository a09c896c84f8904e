package loader

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestSegment(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		texts []string
		kinds []string
	}{
		{"heading then paragraph", "NHSX annual report\n\nIt was set up in 2019. It is led by Matthew Gould.\n",
			[]string{"NHSX annual report", "It was set up in 2019.", "It is led by Matthew Gould."},
			[]string{KindHeading, KindParagraph, KindParagraph}},
		{"sentence ending in a number", "The first trial began on 5 May 2020. The app stored data.",
			[]string{"The first trial began on 5 May 2020.", "The app stored data."}, nil},
		{"reference markers stay in the text", "It is led by Matthew Gould.[2] The X stands for experience.[2]",
			[]string{"It is led by Matthew Gould.[2]", "The X stands for experience.[2]"}, nil},
		{"bullets without full stops", "Results:\n\n  • 11,000 iPads delivered\n  • 40,000 laptops provided\n",
			[]string{"Results:", "11,000 iPads delivered", "40,000 laptops provided"},
			[]string{KindParagraph, KindBullet, KindBullet}},
		{"markdown", "# Title here\n\n- first point\n- second point. More here.\n",
			[]string{"Title here", "first point", "second point.", "More here."},
			[]string{KindHeading, KindBullet, KindBullet, KindBullet}},
		{"wikipedia references are not sentences", "Text here.\n\n  1. ^ a b \"NHSX: new\". GOV.UK. 19 February 2019.\n",
			[]string{"Text here."}, nil},
		{"a plain table's caption and rows are rows", "NHSX Spend 2020/21 Revenue £m Capital £m Total £m\nAdmin 22 0 22\nTotal 590 492 1,082\n",
			[]string{"NHSX Spend 2020/21 Revenue £m Capital £m Total £m", "Admin 22 0 22", "Total 590 492 1,082"}, []string{KindRow, KindRow, KindRow}},
		{"a Markdown row is one row, its rule line none", "| Programme | Funding |\n|---|---|\n| Falls Pilot. Phase 2 | £2m |\n",
			[]string{"Programme | Funding", "Falls Pilot. Phase 2 | £2m"}, []string{KindRow, KindRow}},
		{"wiki Edit suffix", "Paperless NHSEdit\n\nIn June 2019 Gould said so.",
			[]string{"Paperless NHS", "In June 2019 Gould said so."}, nil},
		{"abbreviations and initials", "Dr. Smith met J. Jones, e.g. on Tuesday. Then left.",
			[]string{"Dr. Smith met J. Jones, e.g. on Tuesday.", "Then left."}, nil},
		{"hard wrapped paragraph", "NHSX worked with NHS Digital\nto deliver the app. It worked.\n",
			[]string{"NHSX worked with NHS Digital to deliver the app.", "It worked."}, nil},
		{"CRLF", "Heading\r\n\r\nOne sentence. Two sentence.\r\n",
			[]string{"Heading", "One sentence.", "Two sentence."}, nil},
		{"no-break spaces collapse", "Over\u00a024m people.",
			[]string{"Over 24m people."}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := segment(tc.in)
			var texts, kinds []string
			for _, s := range got {
				texts = append(texts, s.Text)
				kinds = append(kinds, s.Kind)
				if collapseSpace(tc.in[s.Start:s.End]) != s.Text {
					t.Errorf("offsets %d-%d give %q, text is %q", s.Start, s.End, tc.in[s.Start:s.End], s.Text)
				}
			}
			if !reflect.DeepEqual(texts, tc.texts) {
				t.Errorf("sentences\n got: %q\nwant: %q", texts, tc.texts)
			}
			if tc.kinds != nil && !reflect.DeepEqual(kinds, tc.kinds) {
				t.Errorf("kinds got %q want %q", kinds, tc.kinds)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr bool
		srcOf   [2]int // decoded offset -> source offset
	}{
		{"utf8", []byte("£5 saved"), "£5 saved", false, [2]int{2, 2}},
		{"bom", []byte("\xef\xbb\xbfNHSX"), "NHSX", false, [2]int{0, 3}},
		{"windows-1252", []byte("NHSX\x92s \xa35m"), "NHSX’s £5m", false, [2]int{7, 5}},
		{"empty", []byte{}, "", false, [2]int{0, 0}},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 1}, "", true, [2]int{}},
		{"utf16", []byte{0xff, 0xfe, 'a', 0}, "", true, [2]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decode(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v, wantErr %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got.s != tc.want {
				t.Errorf("got %q want %q", got.s, tc.want)
			}
			if s := got.source(tc.srcOf[0]); s != tc.srcOf[1] {
				t.Errorf("source(%d) = %d, want %d", tc.srcOf[0], s, tc.srcOf[1])
			}
		})
	}
}

// TestLongTextIsCapped: text without full stops is cut into sentences of
// at most maxSentence bytes, at white space, each still verbatim.
func TestLongTextIsCapped(t *testing.T) {
	in := strings.Repeat("NHSX worked with NHS Digital and ", 400) // 13,200 bytes, no full stop
	got := segment(in)
	if len(got) < 9 {
		t.Fatalf("%d sentences, want the text cut into at least 9", len(got))
	}
	for _, s := range got {
		if s.End-s.Start > maxSentence {
			t.Errorf("sentence of %d bytes", s.End-s.Start)
		}
		if collapseSpace(in[s.Start:s.End]) != s.Text {
			t.Errorf("not verbatim at %d-%d", s.Start, s.End)
		}
		if strings.HasPrefix(s.Text, "ith ") || strings.HasSuffix(s.Text, " NHS Digit") {
			t.Errorf("cut inside a word: %q", s.Text[:20])
		}
	}
}

func TestCollapseSpaceKeepsWhatHasNothingToCollapse(t *testing.T) {
	for _, s := range []string{"", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "NHSX’s £5m", "a\xffb", "\u2003", "é b"} {
		if got, want := collapseSpace(s), collapseSpaces(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// refMarkRe is the regexp refMarkAt and replaceRefMarks stand for.
var refMarkRe = regexp.MustCompile(`\[\d{1,3}\]|\[citation needed\]|\{\{[^}]*\}\}: CS1 maint: [^\n]*|\{\{[^}]*\}\}`)

func TestRefMarksMatchTheirRegexp(t *testing.T) {
	texts := append(corpusTexts(t), "[1]", "[12]", "[123]", "[1234]", "[]", "[a]", "[12", "x[citation needed]y", "[citation needed",
		"{{cite web}}", "{{a}b}}", "{{a}}: CS1 maint: x\ny", "{{a}}: CS1 maint: x", "{{", "{{}}", "{{a}}:CS1", "{{{a}}}", "[[1]]", "[1][2]",
		"a {{b\nc}} d", "{{x}}: CS1 maint: ", "[٣]")
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	for _, s := range texts {
		if got, want := replaceRefMarks(s, blank), refMarkRe.ReplaceAllStringFunc(s, blank); got != want {
			t.Fatalf("replaceRefMarks(%q) = %q, want %q", s, got, want)
		}
		for i := 0; i < len(s); i++ {
			want := 0
			if m := refMarkRe.FindStringIndex(s[i:]); m != nil && m[0] == 0 {
				want = m[1]
			}
			if got := refMarkAt(s[i:]); got != want {
				t.Fatalf("refMarkAt(%q) = %d, want %d", s[i:], got, want)
			}
		}
	}
}

// TestLineTestsBeforeRegexps checks the cheap tests that run before the
// line regexps: each holds wherever its regexp matches.
func TestLineTestsBeforeRegexps(t *testing.T) {
	lines := []string{"• a", "  - b", "\t* c", "1. d", "12) e", "\u00a0— f", "– g", "x • h", "#  i", "1. ^ a b", "  ^ c", "Foo Edit", "FooEdit"}
	for _, s := range corpusTexts(t) {
		lines = append(lines, strings.Split(s, "\n")...)
	}
	for _, s := range lines {
		if bulletRe.MatchString(s) && !mayBeBullet(s) {
			t.Errorf("mayBeBullet(%q) is false, but bulletRe matches", s)
		}
		if referenceRe.MatchString(s) && strings.IndexByte(s, '^') < 0 || mdHeadingRe.MatchString(s) && !strings.HasPrefix(s, "#") ||
			wikiEditRe.MatchString(s) && !strings.HasSuffix(s, "Edit") {
			t.Errorf("%q: a cheap test fails where its regexp matches", s)
		}
	}
}

// TestTableRowQuickNo checks isTableRow's quick no (too few figure marks
// for its words) against the test it stands before, mostlyFigures.
func TestTableRowQuickNo(t *testing.T) {
	lines := []string{"1 2 3", "1 \u00a0 2 3", "à1 b2 c3 d", "£1 £2 £3 a b c", "£1 £2 £3 a b c d", "1,082 £590 1.4% x",
		"a\u00a0b 1 2 3 4", "1\u00a02\u00a03 a b c", "| Frontline Digitisation | £2.1bn | 2021 | 45% |"}
	for _, s := range corpusTexts(t) {
		lines = append(lines, strings.Split(s, "\n")...)
	}
	for _, s := range lines {
		if got, want := isTableRow(s), mostlyFigures(s); got != want {
			t.Errorf("isTableRow(%q) = %v, want %v", s, got, want)
		}
	}
}
