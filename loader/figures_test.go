package loader

import (
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
)

// TestFigures checks funds, outcomes, targets and dates, each read from
// its own clause, on documents written for the test.
func TestFigures(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want, not []string
	}{
		{"a fund's purpose is its own clause",
			"£12.5m of revenue to help councils buy tablets for care homes.\n",
			[]string{"[Fund: £12.5m revenue] --purpose--> [Concept: help councils buy tablets for care homes]"}, nil},
		{"a fund for a named programme",
			"Eastmoor Council set aside £3m for the Smart Wards Programme.\n",
			[]string{"[Fund: £3m] --funds--> Smart Wards Programme"}, nil},
		{"a fund named after the amount",
			"Trusts bid for the £40 million Coastal Innovation Fund.\n",
			[]string{"[Fund: Coastal Innovation Fund] --funds--> Coastal Innovation Fund"}, nil},
		{"a fund named by what it is of",
			"We had a two year digital settlement of £800m to spend on wards.\n",
			[]string{"[Fund: two year digital settlement] --purpose--> [Concept: spend on wards]"}, nil},
		{"a recipient in the passive",
			"In 2021 Eastmoor Council was allocated £5 million of funding.\n",
			[]string{"[Fund: £5 million funding] --funds--> Eastmoor Council", "[Fund: £5 million funding] --date--> [Date: 2021]"}, nil},
		{"a provider",
			"Westfield Council invested £2m in the Smart Wards Programme.\n",
			[]string{"[Fund: £2m] --providedBy--> Westfield Council"}, nil},
		{"money saved is an outcome",
			"Coastal Data Lab saved the region £4m.\n",
			[]string{"Coastal Data Lab --achieved--> [Outcome: money saved: £4m]"}, []string{"[Fund:"}},
		{"a deed with a figure is an outcome",
			"Coastal Data Lab trained 1,200 nurses in 2022.\n",
			[]string{"Coastal Data Lab --achieved--> [Outcome: 1,200 nurses]", "[Outcome: 1,200 nurses] --date--> [Date: 2022]"}, nil},
		{"a figure in a plan is a target",
			"Coastal Data Lab will train 5,000 nurses by March 2025.\n",
			[]string{"Coastal Data Lab --targets--> [Outcome: 5,000 nurses by March 2025]"}, []string{"--achieved-->"}},
		{"a duration is no outcome",
			"The Smart Wards Programme delivered a prototype in 12 weeks.\n",
			nil, []string{"--achieved--> [Outcome: weeks"}},
		{"a figure in a negated clause is nothing",
			"Coastal Data Lab did not train 300 nurses.\n", nil, []string{"--achieved-->"}},
		{"a range is no outcome",
			"Coastal Data Lab scored risk from 1 to 5.\n", nil, []string{"--achieved-->"}},
		{"a figure that only describes is a value of its object",
			"The Smart Wards Programme used records of 40,000 admissions.\n",
			[]string{"Smart Wards Programme --uses--> [Dataset: records of 40,000 admissions]"}, []string{"--achieved-->"}},
		{"a figure and its participle",
			"Coastal Data Lab scaled virtual clinics, with over 9,000 patients benefiting.\n",
			[]string{"Coastal Data Lab --achieved--> [Outcome: over 9,000 patients benefiting]", "[Concept: virtual clinics] --achieved--> [Outcome: over 9,000 patients benefiting]"}, nil},
		{"a programme a result came through",
			"# Coastal Data Lab annual review\n\nWe trained 600 porters through the Smart Wards Programme. We also hired staff.\n",
			[]string{"Coastal Data Lab --achieved--> [Outcome: 600 porters]", "Smart Wards Programme --achieved--> [Outcome: 600 porters]"}, []string{"--rel/train-->"}},
		{"a date of establishment",
			"Coastal Data Lab was established in April 2019.\n",
			[]string{"Coastal Data Lab --establishedOn--> [Date: 2019-04]"}, nil},
		{"an organisation is not dated by any verb",
			"Coastal Data Lab met Westfield Council in June 2020.\n", nil, []string{"Coastal Data Lab --date-->"}},
		{"money allocated in the passive funds what it went to",
			"# Coastal Data Lab annual review\n\nWe fund care.\n\n## Coastal Innovation Fund\n\nWe opened the Coastal Innovation Fund in May. In its first round, £2 million was allocated to 20 bids such as falls sensors, remote clinics and apps.\n",
			[]string{"[Fund: £2 million] --funds--> [Concept: falls sensors]", "[Fund: £2 million] --partOf--> Coastal Innovation Fund"}, nil},
		{"a target says what is to be done and what it is about",
			"Priya Raman said that all 30 practices should have a digital front door by May 2026.\n",
			[]string{"Priya Raman --targets--> [Outcome: 30 practices should have a digital front door by May 2026]"}, nil},
		{"a list introduced by these brings the results before",
			"# Coastal Data Lab annual review\n\nWe are Coastal Data Lab. Here are our achievements this year. Many of these were delivered with partners:\n\n- 1,100 joined the Harbour Nurse Network supporting nursing teams\n- 160 data blueprints - guides helping trusts\n",
			[]string{"Harbour Nurse Network --achieved--> [Outcome: 1,100 joined the Harbour Nurse Network]", "Coastal Data Lab --achieved--> [Outcome: 160 data blueprints]"}, nil},
		{"money secured in an event, after a causative",
			"Eastmoor Council helped secure £9m for digital wards in the Spending Review.\n",
			[]string{"[Fund: £9m] --securedIn--> Spending Review", "[Fund: £9m] --purpose--> [Concept: digital wards]"}, nil},
		{"a project's duration",
			"# Falls Sensor Project\n\nThe Falls Sensor Project is a pilot. Over a 12-week period, the project tested sensors. This 14-week project was run by Coastal Data Lab.\n",
			[]string{"Falls Sensor Project --duration--> [Concept: 12-week period]", "Falls Sensor Project --duration--> [Concept: 14-week project]"}, nil},
		{"a deed's duration is not the doer's, nor part of its object",
			"Acme Analytics Ltd built a triage tool in 12 weeks.\n",
			[]string{"[Product: triage tool] --developedBy--> Acme Analytics Ltd"}, []string{"--duration-->", "tool in 12 weeks"}},
		{"a count of kinds in a plan is no target",
			"Coastal Data Lab will focus on four key areas this year.\n", nil, []string{"--targets-->"}},
		{"a baseline is no outcome",
			"# Coastal Data Lab annual review\n\nWe grew. From 2m to now over 24m people have registered for the Harbour App.\n",
			[]string{"Harbour App --achieved--> [Outcome: over 24m people registered for the Harbour App]"}, []string{"[Outcome: 2m"}},
		{"an amount of data is no duration",
			"# Falls Sensor Project\n\nThe Falls Sensor Project is a pilot. The project had 5 years’ worth of data and 2 years of flow data.\n", nil, []string{"--duration-->"}},
		{"a date dates the result, not who achieved it",
			"The Harbour App received over 2 million visits in 2021.\n",
			[]string{"Harbour App --achieved--> [Outcome: over 2 million visits]", "[Outcome: over 2 million visits] --date--> [Date: 2021]"}, []string{"Harbour App --date-->"}},
		{"a year that modifies a noun dates nothing else",
			"# Coastal Data Lab annual review\n\nWe grew. We trained 400 nurses before the 2020 winter waves.\n",
			[]string{"Coastal Data Lab --achieved--> [Outcome: 400 nurses]"}, []string{"--date--> [Date: 2020]"}},
		{"a year inside a name is no date",
			"Coastal Data Lab follows the Health Records Act 2019.\n", nil, []string{"--date--> [Date: 2019]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFacts(t, tc.in, tc.want, tc.not)
		})
	}
}

// TestFundValues checks a fund's amount, bound and kind, and that one
// amount named twice is one fund.
func TestFundValues(t *testing.T) {
	d := readDoc(t, "Eastmoor Council received at least £1.5bn of capital in 2021. Of the £1.5bn allocation, most went to wards.\n")
	var funds []*entity
	for _, e := range d.describedList {
		if e.typ == graph.TypeFund {
			funds = append(funds, e)
		}
	}
	if len(funds) != 1 {
		t.Fatalf("%d funds, want 1: %v", len(funds), funds)
	}
	f := funds[0]
	if f.amount != 1_500_000_000 || f.bound != "at least" || f.fundKind != "capital" {
		t.Errorf("fund %q: amount %d, bound %q, kind %q", f.name, f.amount, f.bound, f.fundKind)
	}
	if len(f.aliases) == 0 {
		t.Errorf("the second name of the amount is not an alias of %q", f.name)
	}
}
