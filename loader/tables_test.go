package loader

import "testing"

// TestTables checks that each row of a table is read as facts about its
// first cell, in Markdown and plain text, on tables written for the test.
func TestTables(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want, not []string
	}{
		{"a Markdown table with names, money and dates",
			"# Coastal Data Lab review\n\nTable 1: our programmes\n\n| Programme | Lead organisation | Funding | Launched |\n|---|---|---|---|\n| Smart Wards Programme | Westfield Hospital | £2.5m | May 2021 |\n| Falls Sensor Project | Eastmoor Council | £400,000 | 2022 |\n",
			[]string{
				"Smart Wards Programme --ledBy--> Westfield Hospital",
				"[Fund: £2.5m funding for Smart Wards Programme] --funds--> Smart Wards Programme",
				"Smart Wards Programme --date--> [Date: 2021-05]",
				"Falls Sensor Project --ledBy--> Eastmoor Council",
				"[Fund: £400000 funding for Falls Sensor Project] --funds--> Falls Sensor Project",
			},
			[]string{"Programme --ledBy--> Lead organisation"}},
		{"a plain table under a caption that names its columns and units",
			"# Coastal Data Lab annual report\n\nOur spending was as planned.\n\nCoastal Data Lab Spend 2021/22 Revenue £m Capital £m Total £m\nWards 12 3 15\nClinics 4 0 4\nTotal 16 3 19\n",
			[]string{
				"[Fund: £12m revenue for Wards] --funds--> [Concept: Wards]",
				"[Fund: £12m revenue for Wards] --partOf--> [Fund: £15m total for Wards]",
				"[Fund: £3m capital for Wards] --date--> [Date: FY2021-22]",
				"[Fund: £15m total for Wards] --providedBy--> Coastal Data Lab",
			},
			[]string{"for Total]", "£0", "capital for Clinics"}},
		{"a tabbed table with figures",
			"# Harbour App\n\nThe Harbour App grew.\n\nService\tUsers\tLaunched\nHarbour App\t24000\t2021\n",
			[]string{"Harbour App --rel/users--> [Concept: 24000 users]", "Harbour App --date--> [Date: 2021]"}, nil},
		{"rows are not prose",
			"| Organisation | Role |\n|---|---|\n| Westfield Hospital | developed the app |\n",
			[]string{"Westfield Hospital --rel/role--> [Concept: developed the app]"}, []string{"--developedBy-->"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFacts(t, tc.in, tc.want, tc.not)
		})
	}
}
