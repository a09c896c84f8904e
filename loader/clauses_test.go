package loader

import "testing"

// TestRelations checks the relation pass construction by construction, on
// sentences written for it: each case lists facts that must be read and
// facts (or parts of them) that must not.
func TestRelations(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want, not []string
	}{
		{"subject verb object, mapped verb", "Coastal Data Lab developed the Northern Records Platform.",
			[]string{"Northern Records Platform --developedBy--> Coastal Data Lab"}, nil},
		{"verb and preposition", "Harbour Valley Hospital worked with Acme Analytics Ltd.",
			[]string{"Harbour Valley Hospital --partneredWith--> Acme Analytics Ltd"}, nil},
		{"relation phrase with a relational noun", "Eastmoor Council is part of the Northern Health Partnership.",
			[]string{"Eastmoor Council --partOf--> Northern Health Partnership"}, nil},
		{"other verbs keep their words", "Coastal Data Lab explored new uses of sensors.",
			[]string{"Coastal Data Lab --studies--> [Concept: new uses of sensors]"}, nil},
		{"unmapped verb", "Coastal Data Lab mapped demand for beds.",
			[]string{"Coastal Data Lab --rel/map--> [Concept: demand for beds]"}, nil},
		{"passive with agent", "The Northern Records Platform was built by Acme Analytics Ltd.",
			[]string{"Northern Records Platform --developedBy--> Acme Analytics Ltd"}, nil},
		{"passive without agent keeps the participle", "The Smart Wards Programme was chosen as a pilot.",
			[]string{"Smart Wards Programme --rel/be-chosen-as--> [Concept: pilot]"}, nil},
		{"coordinated objects", "Eastmoor Council funded Harbour Valley Hospital and Westfield Hospital.",
			[]string{"Eastmoor Council --funds--> Harbour Valley Hospital", "Eastmoor Council --funds--> Westfield Hospital"}, nil},
		{"coordinated verbs share the object", "Coastal Data Lab funded and supported the Smart Wards Programme.",
			[]string{"Coastal Data Lab --funds--> Smart Wards Programme", "Coastal Data Lab --supports--> Smart Wards Programme"}, nil},
		{"coordinated subjects", "Eastmoor Council and Westfield Council launched the Smart Wards Programme.",
			[]string{"Eastmoor Council --launched--> Smart Wards Programme", "Westfield Council --launched--> Smart Wards Programme"}, nil},
		{"relative clause", "Eastmoor Council chose Acme Analytics Ltd, which built the Northern Records Platform.",
			[]string{"Northern Records Platform --developedBy--> Acme Analytics Ltd"}, nil},
		{"purpose infinitive takes the subject", "Eastmoor Council worked with Acme Analytics Ltd to build the Northern Records Platform.",
			[]string{"Eastmoor Council --partneredWith--> Acme Analytics Ltd", "Northern Records Platform --developedBy--> Eastmoor Council"}, nil},
		{"object control", "Eastmoor Council helped Westfield Hospital to launch the Smart Wards Programme.",
			[]string{"Westfield Hospital --launched--> Smart Wards Programme"}, []string{"Eastmoor Council --launched"}},
		{"co-agents after a comma", "Eastmoor Council launched the Smart Wards Programme, with Westfield Hospital and Acme Analytics Ltd.",
			[]string{"Eastmoor Council --partneredWith--> Westfield Hospital", "Eastmoor Council --partneredWith--> Acme Analytics Ltd"}, nil},
		{"in conjunction with", "Eastmoor Council redesigned discharge in conjunction with Westfield Hospital.",
			[]string{"Eastmoor Council --partneredWith--> Westfield Hospital"}, nil},
		{"a bare with belongs to the object", "Eastmoor Council signed a deal with Acme Analytics Ltd.",
			nil, []string{"--partneredWith--> Acme Analytics Ltd"}},
		{"apposition types and describes", "Acme Analytics Ltd, a software company, joined. Boardly, a planning tool, was used.",
			[]string{"Acme Analytics Ltd --isA--> [Concept: software company]"}, nil},
		{"apposition with an -ing phrase", "Tools came from Quarry Labs, a data company specialising in hospital analytics, last year.",
			[]string{"Quarry Labs --isA--> [Concept: data company specialising in hospital analytics]"}, nil},
		{"a described subject that is measured", "Patients at the Eastmoor Hospitals Trust occupy an average of 300 beds per day.",
			[]string{"[Concept: Patients at the Eastmoor Hospitals Trust] --rel/occupy--> [Concept: average of 300 beds per day]"}, nil},
		{"a described subject with no figure says nothing", "Patients at the Eastmoor Hospitals Trust like the new wards.", nil, []string{"--rel/like"}},
		{"a team drawn from organisations", "# Falls Prediction\n\nThe project team, consisting of scientists from Coastal Data Lab, Harrow UK, and Westfield Hospital have built a model.",
			[]string{"Falls Prediction --hasPartner--> Coastal Data Lab", "Falls Prediction --hasPartner--> Harrow UK", "Falls Prediction --hasPartner--> Westfield Hospital"},
			[]string{"Falls Prediction --includes-->"}},
		{"apposition part of", "They hired Quarry, the research division of Acme Analytics Ltd, last year.",
			[]string{"Quarry --partOf--> Acme Analytics Ltd"}, nil},
		{"possessive", "Eastmoor Council’s Coastal Data Lab met.",
			[]string{"Coastal Data Lab --partOf--> Eastmoor Council"}, nil},
		{"copula", "The Northern Records Platform is a shared record for the region.",
			[]string{"Northern Records Platform --isA--> [Dataset: shared record for the region]"}, nil},
		{"collaboration between", "The Smart Wards Programme is a collaboration between Eastmoor Council, Westfield Hospital and Acme Analytics Ltd.",
			[]string{"Smart Wards Programme --hasPartner--> Eastmoor Council", "Smart Wards Programme --hasPartner--> Westfield Hospital", "Smart Wards Programme --hasPartner--> Acme Analytics Ltd"}, nil},
		{"will is a plan, not a deed", "Eastmoor Council will publish the Regional Data Strategy.",
			[]string{"Eastmoor Council --plans--> [Outcome: publish the Regional Data Strategy]"}, []string{"--published-->"}},
		{"aims to is a plan", "The Smart Wards Programme aims to reduce falls on wards.",
			[]string{"Smart Wards Programme --plans--> [Outcome: reduce falls on wards]"}, []string{"--rel/reduce"}},
		{"announced plans to", "Eastmoor Council announced plans to close two clinics.",
			[]string{"Eastmoor Council --plans--> [Outcome: close two clinics]"}, []string{"--rel/close"}},
		{"negation states nothing", "Eastmoor Council did not fund the Smart Wards Programme.", nil, []string{"--funds-->"}},
		{"should states nothing", "Eastmoor Council should fund the Smart Wards Programme.", nil, []string{"--funds-->", "--plans-->"}},
		{"conditional states nothing", "If Eastmoor Council funds the Smart Wards Programme, it grows.", nil, []string{"--funds-->"}},
		{"a question states nothing", "Does Eastmoor Council fund the Smart Wards Programme?", nil, []string{"--funds-->"}},
		{"there is no subject", "There have been delays with the Smart Wards Programme.", nil, []string{"--rel/"}},
		{"a gerund subject is no clause", "Managing beds and staff presents many choices.", nil, []string{"presents", "--rel/manage"}},
		{"a participle modifies the noun before it", "Eastmoor Council bought a tool using machine learning.", nil, []string{"Eastmoor Council --uses-->"}},
		{"apposition before the verb", "Priya Raman, Head of Data at Coastal Data Lab, launched the Smart Wards Programme.",
			[]string{"Priya Raman --launched--> Smart Wards Programme"}, []string{"Coastal Data Lab --launched"}},
		{"provide X with Y", "Coastal Data Lab provides local councils with technical advice.",
			[]string{"Coastal Data Lab --provides--> [Concept: technical advice]"}, []string{"--provides--> [Concept: local councils"}},
		{"a preposition the table lacks keeps its words", "Eastmoor Council applied to the Coastal Innovation Fund.",
			[]string{"Eastmoor Council --rel/apply-to--> Coastal Innovation Fund"}, []string{"--uses-->"}},
		{"a quality is no object", "Eastmoor Council became keen.", nil, []string{"keen"}},
		{"a relative after a copula speaks of the subject", "The Northern Records Platform is the regional system which stores discharge letters.",
			[]string{"Northern Records Platform --collects--> [Concept: discharge letters]"}, []string{"[Product: regional system] --collects"}},
		{"an adverb after the verb is no object", "The Northern Records Platform links together 300 clinics.",
			[]string{"Northern Records Platform --linkedWith--> [Concept: 300 clinics]"}, nil},
		{"the first of two coordinated titles in a passive", "# Coastal Data Lab annual report\n\nWe are Coastal Data Lab and our work is data. The Harbour Data Charter and Beds: What to do next were published.",
			[]string{"Coastal Data Lab --published--> Harbour Data Charter"}, nil},
		{"gerunds after include", "# Coastal Innovation Award\n\nThe Coastal Innovation Award funds ideas. Winners include predicting falls on wards and building a triage chatbot.",
			[]string{"Coastal Innovation Award --awarded--> [Concept: predicting falls on wards]", "Coastal Innovation Award --awarded--> [Concept: building a triage chatbot]"}, nil},
		{"aspect verbs take no gerund objects", "Eastmoor Council started using the Northern Records Platform.", nil, []string{"--rel/start--> [Concept: using"}},
		{"examples after such as", "Eastmoor Council funded 12 projects such as falls sensors, tools to support discharge, and hearing tests.",
			[]string{"Eastmoor Council --funds--> [Concept: falls sensors]", "Eastmoor Council --funds--> [Concept: tools to support discharge]", "Eastmoor Council --funds--> [Concept: hearing tests]"}, nil},
		{"a quoted title after author of", "Priya Raman, author of 'Fixing the front door of the NHS', spoke. The report makes six recommendations.",
			[]string{"Fixing the front door of the NHS --authoredBy--> Priya Raman", "Fixing the front door of the NHS --produced--> [Concept: six recommendations]"}, nil},
		{"quotes without a title word are no name", "Eastmoor Council said the plan was 'Very Good Indeed' overall.", nil, []string{"Very Good Indeed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFacts(t, tc.in+"\n", tc.want, tc.not)
		})
	}
}
