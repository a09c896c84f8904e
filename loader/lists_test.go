package loader

import "testing"

// TestLists checks that what a list's introducing sentence or heading says
// reaches every item, on documents written for the test.
func TestLists(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want, not []string
	}{
		{"verb without object before a colon",
			"Coastal Data Lab is responsible for:\n\n- running the regional data platform\n- training analysts\n",
			[]string{"Coastal Data Lab --responsibleFor--> [Concept: running the regional data platform]", "Coastal Data Lab --responsibleFor--> [Concept: training analysts]"}, nil},
		{"include",
			"The Smart Wards Programme includes:\n\n- Falls Alert\n- remote observations\n",
			[]string{"Smart Wards Programme --includes--> Falls Alert", "Smart Wards Programme --includes--> [Concept: remote observations]"}, nil},
		{"aims are plans",
			"The Smart Wards Programme sought to:\n\n- reduce falls\n- cut waiting times\n",
			[]string{"Smart Wards Programme --plans--> [Outcome: reduce falls]", "Smart Wards Programme --plans--> [Outcome: cut waiting times]"}, nil},
		{"these are: the items of what was counted before",
			"Coastal Data Lab has set three goals for 2025. These are:\n\n- faster diagnosis\n- fewer missed appointments\n",
			[]string{"Coastal Data Lab --rel/set--> [Concept: faster diagnosis]"}, nil},
		{"the following partners",
			"Coastal Data Lab works with the following partners:\n\n- Eastmoor Council\n- Westfield Hospital\n",
			[]string{"Coastal Data Lab --partneredWith--> Eastmoor Council", "Coastal Data Lab --partneredWith--> Westfield Hospital"}, nil},
		{"a plan with partners is a plan, and a hedge is no clause",
			"Coastal Data Lab will work closely with the following partners to deliver its aims including but not limited to:\n\n- Eastmoor Council\n- Westfield Hospital\n",
			[]string{"Coastal Data Lab --plans--> [Outcome: work with Eastmoor Council]", "Coastal Data Lab --plans--> [Outcome: work with Westfield Hospital]"},
			[]string{"--partneredWith-->", "--rel/limit"}},
		{"an item that is a sentence takes nothing from the intro",
			"Coastal Data Lab works in:\n\n- Examples include tools that help nurses.\n- screening\n- Trusts use apps to book beds.\n- It can be thought of as triage.\n",
			[]string{"Coastal Data Lab --rel/work-in--> [Concept: screening]"}, []string{"[Concept: Examples include", "[Concept: Trusts use", "[Concept: It can"}},
		{"an intro ending in a relative word",
			"# Coastal Innovation Fund\n\nThe Coastal Innovation Fund was set up to support innovation that:\n\n- has evidence in the NHS\n- can be rolled out widely\n",
			nil, []string{"[Outcome: has evidence", "[Concept: has evidence"}},
		{"a result whose subject is named keeps it",
			"# Coastal Data Lab annual review\n\nWe are proud of these achievements:\n\n- Westfield Hospital has now moved over 2 million records\n- 40 wards went digital\n",
			[]string{"Westfield Hospital --achieved--> [Outcome: over 2 million records]"}, []string{"Coastal Data Lab --achieved--> [Outcome: over 2 million records]"}},
		{"a term and its gloss",
			"Coastal Data Lab works on:\n\n- Triage (Intelligence) - software that sorts patients by need\n",
			[]string{"Coastal Data Lab --rel/work-on--> [Concept: Triage (Intelligence)]"}, []string{"sorts patients by need]"}},
		{"an ellipsis introduces a list too",
			"# Harbour Workshops\n\nThe Harbour Workshops ran. In particular, the group wanted support with …\n\n- creating a detailed plan for a project\n",
			nil, []string{"--developedBy-->"}},
		{"a heading that names the list",
			"# Coastal Data Lab\n\nWe run the region's data platform. We train analysts.\n\n## Our responsibilities\n\n- Setting data standards for the region\n- Publishing open data\n",
			[]string{"Coastal Data Lab --responsibleFor--> [Concept: Setting data standards for the region]"}, nil},
		{"results: figures are outcomes",
			"# Smart Wards Programme\n\nThe project ran for a year.\n\nAs a result of the pilot:\n\n- 40% of nurses saved time each shift\n",
			[]string{"Smart Wards Programme --achieved--> [Outcome: 40% of nurses saved time each shift]"}, nil},
		{"a list about something that is no entity says nothing",
			"# Smart Wards Programme\n\nThe main risks were reported to be:\n\n- staff shortages\n- poor signal\n",
			nil, []string{"--rel/be-->", "Smart Wards Programme --"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFacts(t, tc.in, tc.want, tc.not)
		})
	}
}
