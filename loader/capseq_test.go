package loader

import (
	"reflect"
	"regexp"
	"testing"
)

// The regexps the suffix scanners stand for, as patterns.go ran them.

// capSeqPattern is a run of capitalised words, allowing lower-case glue words
// inside ("Cheshire and Mersey ICS", "Department of Health").
const capWordPattern = `(?:[A-Z][\p{L}\d]*(?:[-'’][\p{L}\d]+)*|[A-Z]{2,}s?|\d+[A-Z][\p{L}\d]*)`
const capSeqPattern = capWordPattern + `(?:[\p{Zs} ]+(?:(?:of|and|for|the|in|on|&)[\p{Zs} ]+)?` + capWordPattern + `)*`

var (
	orgSuffixRe     = regexp.MustCompile(`\b(` + capSeqPattern + `[\p{Zs} ]+(?:NHS Foundation Trusts?|NHS Trusts?|Foundation Trusts?|Trusts?|ICS|ICB|CCG|Integrated Care System|Integrated Care Board|Clinical Commissioning Group|Authority|Agency|Service|Directorate|Lab|Council|Commission|Committee|Institute|University|College|Society|Centre|Center|Board|Group|Partnership|Collaborative|Alliance|Foundation|Department|Office|Unit|Hospital|Hospitals|Ltd|Limited|plc|Inc|Network|Academy|Consortium|Federation|Association|Trust))\b`)
	progSuffixRe    = regexp.MustCompile(`\b(` + capSeqPattern + `[\p{Zs} ]+(?:Programme|Program|Award|Awards|Challenge|Initiative|Scheme|Campaign|Accelerator|Pathway|Project|Framework)|Project[\p{Zs} ]+` + capWordPattern + `)\b`)
	fundSuffixRe    = regexp.MustCompile(`\b(` + capSeqPattern + `[\p{Zs} ]+(?:Fund|Grant|Settlement|Allocation))\b`)
	productSuffixRe = regexp.MustCompile(`\b(` + capSeqPattern + `[\p{Zs} ]+(?:Platform|Portal|App|Database|Dashboard|Registry|Record))\b`)
	workSuffixRe    = regexp.MustCompile(`\b(` + capSeqPattern + `[\p{Zs} ]+(?:Strategy|Plan|White Paper|Green Paper|Report|Review|Guidance|Guide|Standard|Charter|Act|Regulations|Roadmap|Blueprint|Criteria|Manifesto|Policy))\b`)
)

// TestSuffixScannersMatchTheirRegexps checks each suffix scanner against
// its regexp on the sentences of keyedTexts and on names built to probe
// glue words, digits, hyphens, apostrophes, non-ASCII letters and spaces.
func TestSuffixScannersMatchTheirRegexps(t *testing.T) {
	texts := append(keyedTexts(t),
		"NHSX’s NHS AI Lab", "the Cheshire and Mersey ICS and Royal Surrey NHS Foundation Trusts", "Department of Health and Social Care",
		"Project Fooé bar", "Project Foo_bar", "Project 5G-Ready", "Project éclair", "5G Innovation Fund", "12ab Fund", "A-b-c Lab",
		"Foo- Trust", "Foo Trustée", "Foo\u00a0Trust", "Foo\u2003Trust", "Foo  &  Bar Unit", "Foo the Bar Board", "Foo then Bar Board",
		"Foo inX Bar Board", "The Joint Biosecurity Centre Service Hospitals", "AI in Health and Care Award", "White Paper", "Some White Paper",
		"Green Paper Plan", "X Program Programme", "X Awards", "X Apps", "X App", "X’ Trust", "X’y’z Trust", "ÉCOLE Trust", "éFoo Trust",
		"Foo NHS Foundation Trusts,", "Foo NHS Trustx", "Integrated Care Systems Board", "Project", "Project ", "Project Y", "Zz")
	for _, tc := range []struct {
		name string
		scan *suffixScanner
		re   *regexp.Regexp
	}{
		{"organisations", orgSuffixRule.scan, orgSuffixRe},
		{"programmes", suffixRules[0].scan, progSuffixRe},
		{"funds", suffixRules[1].scan, fundSuffixRe},
		{"products", suffixRules[2].scan, productSuffixRe},
		{"publications", suffixRules[3].scan, workSuffixRe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := 0
			for _, s := range texts {
				var got [][]int
				for _, m := range tc.scan.FindAll(s) {
					got = append(got, []int{m[0], m[1], m[0], m[1]})
				}
				want := tc.re.FindAllStringSubmatchIndex(s, -1)
				found += len(want)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
				}
			}
			if found == 0 {
				t.Fatal("the regexp matched nothing: the test reads the wrong texts")
			}
		})
	}
}
