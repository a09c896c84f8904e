package loader

import "testing"

// TestCoreference checks what pronouns and definite descriptions refer to,
// on documents written for the test.
func TestCoreference(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want, not []string
	}{
		{"we is the author named in the title",
			"# Coastal Data Lab annual review\n\nWe launched the Northern Records Platform. Our team also worked with Westfield Hospital.\n",
			[]string{"Coastal Data Lab --launched--> Northern Records Platform"}, nil},
		{"we in a document with no clear author is nobody",
			"# Notes\n\nWe met Eastmoor Council and Westfield Council. We launched the Northern Records Platform.\n",
			nil, []string{"--launched-->"}},
		{"it as a subject is the last sentence's subject",
			"Coastal Data Lab opened in 2019. It developed the Northern Records Platform.\n",
			[]string{"Northern Records Platform --developedBy--> Coastal Data Lab"}, nil},
		{"it after we is what we did something to",
			"# Coastal Data Lab annual review\n\nWe launched the Northern Records Platform. It has helped Westfield Hospital. Our staff are proud.\n",
			[]string{"Northern Records Platform --supports--> Westfield Hospital"}, []string{"Coastal Data Lab --supports-->"}},
		{"it inside a sentence is not resolved",
			"Coastal Data Lab met Westfield Hospital because it funded Acme Analytics Ltd.\n",
			nil, []string{"--funds--> Acme"}},
		{"she is the last person named",
			"Dr Priya Raman joined Coastal Data Lab in 2020. She launched the Smart Wards Programme.\n",
			[]string{"Priya Raman --launched--> Smart Wards Programme"}, nil},
		{"the lab is the last name with that head",
			"Coastal Data Lab was set up in 2019. The lab launched the Northern Records Platform.\n",
			[]string{"Coastal Data Lab --launched--> Northern Records Platform"}, nil},
		{"the project is the document's topic",
			"# Falls Prediction\n\nThe project used data from Westfield Hospital. The project tested a model.\n",
			[]string{"Falls Prediction --uses--> [Dataset: data from Westfield Hospital]", "Falls Prediction --evaluated--> [Product: model]"}, nil},
		{"an owner's project named after a colon, without what it uses",
			"Coastal Data Lab project: Harrow's Disease Risk Prediction using Ward Telemetry\n\nCoastal Data Lab ran it. The project used data from Westfield Hospital.\n",
			[]string{"Harrow's Disease Risk Prediction --partOf--> Coastal Data Lab", "Harrow's Disease Risk Prediction --uses--> [Dataset: data from Westfield Hospital]"}, nil},
		{"a heading inside a longer name is no topic",
			"# Falls Prediction\n\nThe project ran.\n\n## Data Protection\n\nThis project followed the Data Protection Act 2018. The project used data from Westfield Hospital.\n",
			[]string{"Falls Prediction --uses--> [Dataset: data from Westfield Hospital]"}, []string{"Data Protection --"}},
		{"an instruction to the reader is no deed",
			"# Falls Prediction\n\nThe project ran.\n\n## Getting started\n\n- Create the virtual environment\n- Install the packages\n",
			nil, []string{"--developedBy-->", "Falls Prediction --rel/install"}},
		{"the team at X is X",
			"The team at Westfield Hospital approached Coastal Data Lab.\n",
			[]string{"Westfield Hospital --approached--> Coastal Data Lab"}, nil},
		{"a section topic from a heading the text repeats",
			"# Annual review\n\n## Virtual clinics\n\nVirtual clinics opened in 40 towns. The scheme used remote monitoring.\n",
			[]string{"Virtual clinics --uses--> [Concept: remote monitoring]"}, nil},
		{"a heading of a document's parts is no topic",
			"# Annual review\n\n## Case Study\n\nThe project used sensors.\n",
			nil, []string{"Case Study"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkFacts(t, tc.in, tc.want, tc.not)
		})
	}
}
