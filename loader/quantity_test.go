package loader

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// qtyWant is what a case expects of one Quantity; offsets are checked
// through Text.
type qtyWant struct {
	Text    string
	Value   float64
	Percent bool
	Unit    string
	Hedge   string
}

func qtySame(a, b []qtyWant) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if math.Abs(x.Value-y.Value) > 1e-9*math.Max(1, math.Abs(y.Value)) {
			return false
		}
		x.Value = y.Value
		if x != y {
			return false
		}
	}
	return true
}

func TestFindQuantities(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []qtyWant
	}{
		// Percentages and fractions.
		{"percent of", "ensured 99% of GP practices had the capability", []qtyWant{{"99% of GP practices", 99, true, "GP practices", ""}}},
		{"percent without of", "99% GP practices now enabled", []qtyWant{{"99% GP practices", 99, true, "GP practices", ""}}},
		{"per cent", "77 per cent of trusts", []qtyWant{{"77 per cent of trusts", 77, true, "trusts", ""}}},
		{"percent word", "30 percent of providers", []qtyWant{{"30 percent of providers", 30, true, "providers", ""}}},
		{"hedged percent", "going from under 10% at the establishment of NHSX to over 40% today", []qtyWant{
			{"under 10%", 10, true, "", "under"}, {"over 40%", 40, true, "", "over"}}},
		{"decimal percent", "underspent by £15 million or 1.4%.", []qtyWant{{"1.4%", 1.4, true, "", ""}}},
		{"fraction", "2/3 of all adults in England", []qtyWant{{"2/3 of all adults", 66.67, true, "adults", ""}}},
		{"fraction words", "two-thirds of trusts", []qtyWant{{"two-thirds of trusts", 66.67, true, "trusts", ""}}},
		{"a quarter of", "a quarter of the practices", []qtyWant{{"a quarter of the practices", 25, true, "practices", ""}}},
		{"one in five", "one in five adults", []qtyWant{{"one in five adults", 20, true, "adults", ""}}},
		{"1 in 4", "1 in 4 trusts", []qtyWant{{"1 in 4 trusts", 25, true, "trusts", ""}}},

		// Counts with scales.
		{"over 24m", "we have gone from 2m users to over 24m.", []qtyWant{{"2m users", 2e6, false, "users", ""}, {"over 24m", 24e6, false, "", "over"}}},
		{"24m people", "the 24m people now registered", []qtyWant{{"24m people", 24e6, false, "people", ""}}},
		{"spelled million", "Two million people are now using the NHS App", []qtyWant{{"Two million people", 2e6, false, "people", ""}}},
		{"decimal million", "provided Microsoft 365 digital tools to 1.2 million staff across the health service", []qtyWant{{"1.2 million staff", 1.2e6, false, "staff", ""}}},
		{"1.5m", "1.5m digital isolation notes issued as proof", []qtyWant{{"1.5m digital isolation notes", 1.5e6, false, "digital isolation notes", ""}}},
		{"1.6m", "across 1.6m endpoints and thousands of servers", []qtyWant{{"1.6m endpoints", 1.6e6, false, "endpoints", ""}}},
		{"just under", "to just under 57m today,", []qtyWant{{"just under 57m", 57e6, false, "", "just under"}}},
		{"a billion", "received over a billion visits to the site", []qtyWant{{"over a billion visits", 1e9, false, "visits", "over"}}},
		{"two and a half", "Two and a half years later", []qtyWant{{"Two and a half years", 2.5, false, "years", ""}}},
		{"hundred and", "two hundred and fifty beds", []qtyWant{{"two hundred and fifty beds", 250, false, "beds", ""}}},
		{"twenty-five", "twenty-five trusts", []qtyWant{{"twenty-five trusts", 25, false, "trusts", ""}}},
		{"half a million", "half a million users", []qtyWant{{"half a million users", 5e5, false, "users", ""}}},
		{"name number in unit", "2.2m NHS 111 online COVID-19 assessments completed by a new 24/7 service", []qtyWant{
			{"2.2m NHS 111 online COVID-19 assessments", 2.2e6, false, "NHS 111 online COVID-19 assessments", ""}}},

		// Counts and units.
		{"seven Trusts", "we recently announced seven Trusts we are partnering with", []qtyWant{{"seven Trusts", 7, false, "Trusts", ""}}},
		{"nine", "the report makes nine recommendations", []qtyWant{{"nine recommendations", 9, false, "recommendations", ""}}},
		{"iPads", "11,000 iPads were delivered", []qtyWant{{"11,000 iPads", 11000, false, "iPads", ""}}},
		{"laptops", "We enabled the provision of 40,000 laptops to the system", []qtyWant{{"40,000 laptops", 40000, false, "laptops", ""}}},
		{"four-word unit", "contained within 55 million Summary Care Records, including", []qtyWant{{"55 million Summary Care Records", 55e6, false, "Summary Care Records", ""}}},
		{"participle stops", "55m Summary Care Records enriched with better information", []qtyWant{{"55m Summary Care Records", 55e6, false, "Summary Care Records", ""}}},
		{"almost", "We have provided almost 60 trusts with funding", []qtyWant{{"almost 60 trusts", 60, false, "trusts", "almost"}}},
		{"over patients", "with over 200,000 patients benefiting so far, including 2,500 patients currently being cared for", []qtyWant{
			{"over 200,000 patients", 200000, false, "patients", "over"}, {"2,500 patients", 2500, false, "patients", ""}}},
		{"nurses", "The network of 1,100 nurses is growing", []qtyWant{{"1,100 nurses", 1100, false, "nurses", ""}}},
		{"long unit", "160 global digital exemplar blueprints - step-by-step", []qtyWant{{"160 global digital exemplar blueprints", 160, false, "global digital exemplar blueprints", ""}}},
		{"virtual wards", "Now there are 44 virtual wards live across the country", []qtyWant{{"44 virtual wards", 44, false, "virtual wards", ""}}},
		{"nearly", "nearly 3,000 supporting artefacts created.", []qtyWant{{"nearly 3,000 supporting artefacts", 3000, false, "supporting artefacts", "nearly"}}},
		{"more than", "from more than 20 trusts, making it", []qtyWant{{"more than 20 trusts", 20, false, "trusts", "more than"}}},
		{"plus", "11,000+ care providers benefit from MS Teams", []qtyWant{{"11,000+ care providers", 11000, false, "care providers", "+"}}},
		{"verb after count", "1,100 joined the Digital Nurse Network", []qtyWant{{"1,100", 1100, false, "", ""}}},
		{"coordinated unit", "alerted over 400 health and care providers to 23 critical cyber vulnerabilities", []qtyWant{
			{"over 400 health and care providers", 400, false, "health and care providers", "over"},
			{"23 critical cyber vulnerabilities", 23, false, "critical cyber vulnerabilities", ""}}},
		{"acronym is not a pronoun", "23,000 healthcare IT systems", []qtyWant{{"23,000 healthcare IT systems", 23000, false, "healthcare IT systems", ""}}},
		{"3 minute read", "25th November 2021 about a 3 minute read", []qtyWant{{"3 minute read", 3, false, "minute read", ""}}},
		{"measure glued", "a 500mg dose", []qtyWant{{"500mg", 500, false, "mg", ""}}},
		{"nbsp", "Five\u00a0digital playbooks were launched", []qtyWant{{"Five\u00a0digital playbooks", 5, false, "digital playbooks", ""}}},
		{"about", "about 50 sites", []qtyWant{{"about 50 sites", 50, false, "sites", "about"}}},
		{"bullet", "  • 70,000 people have registered", []qtyWant{{"70,000 people", 70000, false, "people", ""}}},
		{"range", "5-10 trusts", []qtyWant{{"5", 5, false, "", ""}, {"10 trusts", 10, false, "trusts", ""}}},
		{"hedge opens the next figure", "5 staff almost 20 trusts", []qtyWant{{"5 staff", 5, false, "staff", ""}, {"almost 20 trusts", 20, false, "trusts", "almost"}}},
		{"after a date", "Last year 12.5% of staff reported problems", []qtyWant{{"12.5% of staff", 12.5, true, "staff", ""}}},
		{"adjective participle", "500 connected devices", []qtyWant{{"500 connected devices", 500, false, "connected devices", ""}}},
		{"gerund inside", "200 data sharing agreements", []qtyWant{{"200 data sharing agreements", 200, false, "data sharing agreements", ""}}},
		{"verb after noun", "1,000 NHS staff working remotely", []qtyWant{{"1,000 NHS staff", 1000, false, "NHS staff", ""}}},
		{"year-like count", "2019 patients were seen", []qtyWant{{"2019 patients", 2019, false, "patients", ""}}},

		// Not quantities.
		{"covid", "the COVID-19 response and covid-19", nil},
		{"nhs 111", "NHS 111 online", nil},
		{"microsoft 365", "to provide Microsoft 365.", nil},
		{"ms 365", "have access to MS 365 IT deal", nil},
		{"24/7/365", "we have provided 24/7/365 cyber incident response", nil},
		{"24/7", "a new 24/7 service", nil},
		{"rounds", "for round 1 of the award and for round 2", nil},
		{"reference markers", "digital and data.[1] It is led by Matthew Gould.[2]", nil},
		{"web 3.0", "the Web 3.0 era", nil},
		{"years", "in 2020, 2020 to 2021, 2020/21 and FY2021-22", nil},
		{"day numbers", "12 June 2019 and November 22 2021 and 25th November", nil},
		{"day without year", "on 22 November we", nil},
		{"money", "£6.5 million and £16.6m and at least £300m", nil},
		{"ordinals", "the first, second and 25th", nil},
		{"one of", "one of the largest collections", nil},
		{"one alone", "every ICS except one", nil},
		{"a alone", "a new one stop shop", nil},
		{"time", "at 10:30 today", nil},
		{"phone", "call 0300 311 2233", nil},
		{"international phone", "+44 20 7946 0958", nil},
		{"version", "version 1.2.3 and v2", nil},
		{"list number", "1. Introduction", nil},
		{"parenthesised marker", "(1) the first", nil},
		{"name", "the Five Year Forward View", nil},
		{"hyphenated modifier", "a five-year plan and a 3-minute read", nil},
		{"generation", "5G networks", nil},
		{"decade", "the 1990s", nil},
		{"table row", "Total 590 492 1,082", nil},
		{"a quarter of a year", "in a quarter of 2021", nil},
		{"glued letters", "TechForce19 and MP3", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindQuantities(tt.in)
			var gotW []qtyWant
			for _, q := range got {
				ruleTestOffsets(t, tt.in, q.Start, q.End, q.Text)
				gotW = append(gotW, qtyWant{q.Text, q.Value, q.Percent, q.Unit, q.Hedge})
			}
			if !qtySame(gotW, tt.want) {
				t.Errorf("FindQuantities(%q)\n got %+v\nwant %+v", tt.in, gotW, tt.want)
			}
		})
	}
}

// ruleTestSeeds returns the seed documents at the repository root, or skips.
func ruleTestSeeds(tb testing.TB) map[string]string {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(paths) == 0 {
		tb.Skip("no seed documents in ../seeds")
	}
	docs := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		docs[filepath.Base(p)] = string(b)
	}
	return docs
}

// TestFindersOnSeeds runs the three finders over the seed documents: spans
// must be honest, in order and disjoint, and quantities must not overlap
// money or dates.
func TestFindersOnSeeds(t *testing.T) {
	for name, s := range ruleTestSeeds(t) {
		t.Run(name, func(t *testing.T) {
			ref, _ := ParseDocDate(s)
			type span struct{ start, end int }
			check := func(kind string, spans []span) {
				for i, sp := range spans {
					if i > 0 && sp.start < spans[i-1].end {
						t.Errorf("%s spans out of order or overlapping: %v then %v", kind, spans[i-1], sp)
					}
				}
			}
			var ms, ds, qs []span
			for _, m := range FindMoney(s) {
				ruleTestOffsets(t, s, m.Start, m.End, m.Text)
				ms = append(ms, span{m.Start, m.End})
			}
			for _, d := range FindDates(s, ref) {
				ruleTestOffsets(t, s, d.Start, d.End, d.Text)
				ds = append(ds, span{d.Start, d.End})
			}
			for _, q := range FindQuantities(s) {
				ruleTestOffsets(t, s, q.Start, q.End, q.Text)
				qs = append(qs, span{q.Start, q.End})
				for _, o := range append(append([]span(nil), ms...), ds...) {
					if q.Start < o.end && o.start < q.End && !(q.Start <= o.start && o.end <= q.End) {
						t.Errorf("quantity %q overlaps money or date %q", q.Text, s[o.start:o.end])
					}
				}
			}
			check("money", ms)
			check("date", ds)
			check("quantity", qs)
		})
	}
}

// FuzzFinders checks that no input makes a finder panic or lie about offsets.
func FuzzFinders(f *testing.F) {
	for _, s := range []string{
		"£1,097 million", "at least £300m", "from March to August 2020", "2020/21",
		"99% of GP practices", "11,000+ care providers", "24/7/365", "FY 21/22",
		"£5-10m", "one in five", "twenty-", "£", "1,", "1.", "mid-", "early", "31 February 2021",
		"NHSX’s £2.1bn\u00a0fund", "\xff\xfe£5m",
	} {
		f.Add(s)
	}
	ref := time.Date(2021, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range FindMoney(s) {
			ruleTestOffsets(t, s, m.Start, m.End, m.Text)
		}
		for _, d := range FindDates(s, ref) {
			ruleTestOffsets(t, s, d.Start, d.End, d.Text)
		}
		for _, q := range FindQuantities(s) {
			ruleTestOffsets(t, s, q.Start, q.End, q.Text)
		}
		ParseDocDate(s)
	})
}

// BenchmarkFindAll runs the three finders over the seed documents repeated
// to about a megabyte; b.SetBytes makes the result read in MB/s.
func BenchmarkFindAll(b *testing.B) {
	var sb strings.Builder
	for _, s := range ruleTestSeeds(b) {
		sb.WriteString(s)
		sb.WriteString("\n\n")
	}
	one := sb.String()
	text := strings.Repeat(one, 1<<20/len(one)+1)
	b.SetBytes(int64(len(text)))
	ref := time.Date(2021, 11, 25, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		FindMoney(text)
		FindDates(text, ref)
		FindQuantities(text)
	}
}

// ExampleFindQuantities shows counts read from a sentence that also holds a
// financial year, which is not a count.
func ExampleFindQuantities() {
	s := "In 2020 to 2021 NHSX provided 40,000 laptops and ensured 99% of GP practices could consult online."
	for _, q := range FindQuantities(s) {
		fmt.Printf("%s: %v %q percent=%v\n", q.Text, q.Value, q.Unit, q.Percent)
	}
	// Output:
	// 40,000 laptops: 40000 "laptops" percent=false
	// 99% of GP practices: 99 "GP practices" percent=true
}
