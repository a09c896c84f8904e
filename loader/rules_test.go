package loader

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// triples extracts doc and lists its quads as "s p o" strings, labels dropped.
func triples(t *testing.T, doc string) map[string]bool {
	t.Helper()
	r, err := New().Extract("test.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, q := range r.Quads {
		out[quad.StringOf(q.Subject)+" "+quad.StringOf(q.Predicate)+" "+quad.StringOf(q.Object)] = true
	}
	return out
}

// TestRelationRules runs each rule family on short texts written for the
// test, with what must and must not come out.
func TestRelationRules(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		want, not []string
	}{
		{name: "established by, with date",
			doc:  "NHSX is a government unit.\n\nIt was established in early 2019 by the Secretary of State for Health and Social Care, Matt Hancock.\n",
			want: []string{"<nhs:org/nhsx> <nhs:establishedBy> <nhs:person/matt-hancock>", "<nhs:org/nhsx> <nhs:establishedOn> <nhs:date/2019>"}},
		{name: "led by through the document's topic",
			doc:  "NHS Digital is a body.\n\nIt is led by Simon Bolton.\n",
			want: []string{"<nhs:org/nhs-digital> <nhs:ledBy> <nhs:person/simon-bolton>"}},
		{name: "role after a person",
			doc:  "The letter came from Amanda Pritchard, the CEO of NHS England and NHS Improvement.\n",
			want: []string{"<nhs:org/nhs-england-and-nhs-improvement> <nhs:ledBy> <nhs:person/amanda-pritchard>", "<nhs:person/amanda-pritchard> <nhs:roleAt> <nhs:org/nhs-england-and-nhs-improvement>"}},
		{name: "role before a person",
			doc:  "The work was done with NHS England analytics chief Ming Tang.\n",
			want: []string{"<nhs:person/ming-tang> <nhs:roleAt> <nhs:org/nhs-england>"},
			not:  []string{"<nhs:org/nhs-england> <nhs:ledBy> <nhs:person/ming-tang>"}},
		{name: "merged and part of, coordinated subjects",
			doc:  "NHS Digital and NHSX will both become part of NHS England.\n",
			want: []string{"<nhs:org/nhs-digital> <nhs:partOf> <nhs:org/nhs-england>", "<nhs:org/nhsx> <nhs:partOf> <nhs:org/nhs-england>"}},
		{name: "partnership list",
			doc:  "NHSX worked in close partnership with NHS England and NHS Digital.\n",
			want: []string{"<nhs:org/nhsx> <nhs:partneredWith> <nhs:org/nhs-england>", "<nhs:org/nhsx> <nhs:partneredWith> <nhs:org/nhs-digital>"}},
		{name: "we resolves to the author",
			doc:  "NHSX annual report\n\nWe worked with NHS Digital on the NHS App. We also launched the NHS login.\n",
			want: []string{"<nhs:org/nhsx> <nhs:partneredWith> <nhs:org/nhs-digital>", "<nhs:org/nhsx> <nhs:launched> <nhs:product/nhs-login>"}},
		{name: "we without a first-person document is nobody",
			doc: "Health news\n\nNHS Digital said \"we worked hard\".\n",
			not: []string{"<nhs:org/nhs-digital> <nhs:partneredWith> <nhs:org/nhs-digital>"}},
		{name: "passive publication by the author",
			doc:  "NHSX annual report\n\nWe did a lot. We are proud. Who Pays for What and What Good Looks Like were published.\n",
			want: []string{"<nhs:org/nhsx> <nhs:published> <nhs:work/who-pays-for-what>", "<nhs:org/nhsx> <nhs:published> <nhs:work/what-good-looks-like>"}},
		{name: "amount with a named award",
			doc:  "The lab works through the £140 million AI in Health and Care Award.\n",
			want: []string{"<nhs:fund/ai-in-health-and-care-award-funding> <schema:amount> \"140000000\"^^<schema:Integer>", "<nhs:fund/ai-in-health-and-care-award-funding> <nhs:funds> <nhs:programme/ai-in-health-and-care-award>"}},
		{name: "allocation with a financial year and its shares",
			doc:  "In 2020 to 2021 NHSX was allocated £1,097 million of funding made up of £590 million of revenue and £492 million of capital.\n",
			want: []string{"<nhs:fund/nhsx-2020-21-funding-allocation> <nhs:funds> <nhs:org/nhsx>", "<nhs:fund/nhsx-2020-21-funding-allocation> <nhs:date> <nhs:date/FY2020-21>", "<nhs:fund/590-million-test> <nhs:partOf> <nhs:fund/nhsx-2020-21-funding-allocation>"}},
		{name: "an amount under a programme heading funds it",
			doc:  "Key programmes\n\nShared Care Records\n\n£50 million of capital and revenue to support shared records.\n",
			want: []string{"<nhs:fund/50-million-for-shared-care-records> <nhs:funds> <nhs:programme/shared-care-records>", "<nhs:fund/50-million-for-shared-care-records> <nhs:fundKind> \"capital and revenue\""}},
		{name: "a saving is an outcome, not a fund",
			doc:  "1.2 million NHS staff have access to MS 365 IT deal – saving the NHS £300M.\n",
			want: []string{"<nhs:programme/microsoft-365-deal> <nhs:achieved> <nhs:outcome/saving-300m>"},
			not:  []string{"<nhs:fund/300m-test> <schema:amount> \"300000000\"^^<schema:Integer>"}},
		{name: "a figure credited to the programme named after it",
			doc:  "1,100 joined the Digital Nurse Network this year.\n",
			want: []string{"<nhs:programme/digital-nursing-network> <nhs:achieved> <nhs:outcome/1-100>"}},
		{name: "numbers inside names are not figures",
			doc: "The NHS 111 online service and COVID-19 testing run 24/7 on Microsoft 365.\n",
			not: []string{"<nhs:outcome/111> <rdf:type> <nhs:Outcome>", "<nhs:outcome/19> <rdf:type> <nhs:Outcome>", "<nhs:outcome/365> <rdf:type> <nhs:Outcome>"}},
		{name: "durations are not results",
			doc: "We have made progress over the past three years.\n",
			not: []string{"<nhs:outcome/3-years> <rdf:type> <nhs:Outcome>"}},
		{name: "result clause",
			doc:  "We enabled the openSAFELY collaborative which has helped identify risk factors for death.\n",
			want: []string{"<nhs:org/opensafely> <nhs:achieved> <nhs:outcome/identify-risk-factors-for-death>"}},
		{name: "winners of the section's award",
			doc:  "AI in Health and Care Award\n\nThe award runs yearly. Winners include automating early lung cancer detection and developing new screening software.\n",
			want: []string{"<nhs:programme/ai-in-health-and-care-award> <nhs:achieved> <nhs:outcome/automating-early-lung-cancer-detection>", "<nhs:programme/ai-in-health-and-care-award> <nhs:achieved> <nhs:outcome/developing-new-screening-software>"}},
		{name: "priorities listed for an organisation",
			doc:  "She set three priorities for NHSX. These priorities are:\n\n  • cutting the time clinicians spend on data entry\n  • making services easier to use\n",
			want: []string{"<nhs:org/nhsx> <nhs:hasPriority> <nhs:outcome/cutting-the-time-clinicians-spend-on-data-entry>"}},
		{name: "pattern entities: trust suffix and split coordination",
			doc:  "The lab worked with the British Society of Thoracic Imaging and Royal Surrey NHS Foundation Trusts.\n",
			want: []string{"<nhs:org/british-society-of-thoracic-imaging> <rdf:type> <schema:Organization>", "<nhs:org/royal-surrey-nhs-foundation-trust> <rdf:type> <schema:Organization>"}},
		{name: "markdown links, bold and bare URLs are layout",
			doc:  "# Update\n\nThe [NHS App](https://www.nhs.uk/nhs-app/) now has **34 million** registered users, see https://england.nhs.uk/x.\n",
			want: []string{"<nhs:product/nhs-app> <nhs:achieved> <nhs:outcome/34-million-registered-users>"},
			not:  []string{"<nhs:place/england> <rdf:type> <schema:Place>", "<nhs:product/nhs-uk-website> <rdf:type> <schema:Product>"}},
		{name: "a markdown table row funds what it names",
			doc:  "# Spend\n\n| Programme | Funding |\n| --- | --- |\n| Shared Care Records | £50m |\n",
			want: []string{"<nhs:fund/50m-test> <nhs:funds> <nhs:programme/shared-care-records>"}},
		{name: "a director of something does not lead the organisation",
			doc:  "Dr Jane Smith, the director of transformation at NHS England, spoke. Amanda Pritchard, the CEO of NHS England, agreed.\n",
			want: []string{"<nhs:person/jane-smith> <nhs:roleAt> <nhs:org/nhs-england>", "<nhs:org/nhs-england> <nhs:ledBy> <nhs:person/amanda-pritchard>"},
			not:  []string{"<nhs:org/nhs-england> <nhs:ledBy> <nhs:person/jane-smith>"}},
		{name: "invested in a new platform",
			doc:  "NHS England invested £25m in the Federated Data Platform, working with Palantir.\n",
			want: []string{"<nhs:fund/25m-test> <nhs:funds> <nhs:product/federated-data-platform>", "<nhs:fund/25m-test> <nhs:providedBy> <nhs:org/nhs-england>"}},
		{name: "pattern entities: new organisation and person",
			doc:  "Leeds Teaching Hospitals NHS Trust was praised by Dr Jane Smith.\n",
			want: []string{"<nhs:org/leeds-teaching-hospitals-nhs-trust> <rdf:type> <schema:Organization>", "<nhs:person/jane-smith> <rdf:type> <schema:Person>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := triples(t, tc.doc)
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("missing %s", w)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("unwanted %s", n)
				}
			}
			if t.Failed() {
				var all []string
				for k := range got {
					if !strings.Contains(k, "<nhs:Sentence>") && !strings.Contains(k, "schema:text") && !strings.Contains(k, "nhs:start") && !strings.Contains(k, "nhs:end") {
						all = append(all, k)
					}
				}
				t.Logf("got:\n%s", strings.Join(all, "\n"))
			}
		})
	}
}

func TestConflicts(t *testing.T) {
	o := func(doc, unit string, v float64, hedge string) OutcomeInfo {
		return OutcomeInfo{IRI: quad.IRI("nhs:outcome/" + doc + unit + hedge), Unit: unit, Value: v, Hedge: hedge, Doc: doc}
	}
	tests := []struct {
		name string
		a, b OutcomeInfo
		want bool
	}{
		{"different figures for one measure", o("a", "summary care records", 55e6, ""), o("b", "summary care records", 57e6, "just under"), true},
		{"over 40,000 allows 42,000", o("a", "images", 42000, ""), o("b", "images", 40000, "over"), false},
		{"different measures", o("a", "trusts", 60, "almost"), o("b", "% of trusts", 77, ""), false},
		{"far apart is a different measure", o("a", "people", 2e6, ""), o("b", "people", 24e6, "over"), false},
		{"same document is not a conflict", o("a", "laptops", 40000, ""), o("a", "laptops", 41000, ""), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := len(Conflicts([]*Result{{Outcomes: []OutcomeInfo{tc.a}}, {Outcomes: []OutcomeInfo{tc.b}}})) > 0
			if got != tc.want {
				t.Errorf("conflict = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestExtractAllMergesAsOneTidy checks that merging documents as they are
// read, with look-ups only for the quads that can repeat, keeps what one
// tidy over all of them keeps, also when two files share a name.
func TestExtractAllMergesAsOneTidy(t *testing.T) {
	seeds := seedFiles(t)
	for _, tc := range []struct {
		name  string
		files []File
	}{
		{"seeds", seeds},
		{"a file twice", append(append([]File{}, seeds...), seeds[1], seeds[0])},
		{"same name, other text", append(append([]File{}, seeds...), File{Name: seeds[2].Name, Data: seeds[3].Data})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := New()
			var all []quad.Quad
			var results []*Result
			for _, f := range tc.files {
				r, err := x.Extract(f.Name, f.Data)
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, r.Quads...)
				results = append(results, r)
			}
			want := tidy(append(all, Conflicts(results)...), nil)
			got := x.ExtractAll(tc.files).Quads
			if len(got) != len(want) {
				t.Fatalf("%d quads, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("quad %d is %v, want %v", i, got[i], want[i])
				}
			}
		})
	}
}
