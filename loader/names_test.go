package loader

import (
	"testing"
)

// TestNames checks the mention pass on sentences written for it: which
// names it finds, how it types them by their head noun, and what it
// splits or keeps whole.
func TestNames(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]string // name: type ("" for a name of no known kind)
		not  []string          // names it must not make
	}{
		{"typed by head noun", "Harbour Valley Hospital and the Coastal Data Lab opened the Northern Records Platform.",
			map[string]string{"Harbour Valley Hospital": "Organization", "Coastal Data Lab": "Organization", "Northern Records Platform": "Product"}, nil},
		{"of-phrase after the head", "The University of Eastmoor joined the Department for Rural Affairs.",
			map[string]string{"University of Eastmoor": "Organization", "Department for Rural Affairs": "Organization"}, nil},
		{"programme, fund and strategy heads", "The Smart Wards Programme is paid for by the Coastal Innovation Fund under the Regional Data Strategy.",
			map[string]string{"Smart Wards Programme": "Programme", "Coastal Innovation Fund": "Fund", "Regional Data Strategy": "CreativeWork"}, nil},
		{"a plural ending shared out", "The scheme was run by Westfield and Harbour Valley Hospital NHS Foundation Trusts.",
			map[string]string{"Westfield NHS Foundation Trust": "Organization", "Harbour Valley Hospital NHS Foundation Trust": "Organization"}, nil},
		{"a name with its own head keeps it", "It was run by the Society of Rural Surgeons and Harbour Valley NHS Foundation Trusts.",
			map[string]string{"Society of Rural Surgeons": "Organization", "Harbour Valley NHS Foundation Trust": "Organization"},
			[]string{"Society of Rural Surgeons NHS Foundation Trust"}},
		{"two names coordinated", "Acme Analytics Ltd and the Coastal Data Lab agreed terms.",
			map[string]string{"Acme Analytics Ltd": "Organization", "Coastal Data Lab": "Organization"}, []string{"Acme Analytics Ltd and the Coastal Data Lab"}},
		{"a possessive inside a name after a colon", "Project: Harrow's Disease Risk Prediction using Ward Telemetry.",
			map[string]string{"Harrow's Disease Risk Prediction": ""}, []string{"Disease Risk Prediction"}},
		{"one name with and inside", "The Health and Wellbeing Board met.", map[string]string{"Health and Wellbeing Board": "Organization"}, nil},
		{"examples after such as", "We used tools such as Slidewise and Boardly.", map[string]string{"Slidewise": "", "Boardly": ""}, []string{"Slidewise and Boardly"}},
		{"a known name inside a longer one", "The NHS AI Lab Analytics Unit met NHSX.",
			map[string]string{"NHS AI Lab Analytics Unit": "Organization", "NHSX": "Organization"}, []string{"NHS AI Lab"}},
		{"a kind noun after the name", "Trusts joined the Digital Champions programme.", map[string]string{"Digital Champions programme": "Programme"}, nil},
		{"a trailing team is the organisation", "The Coastal Data Lab Team replied.", map[string]string{"Coastal Data Lab": "Organization"}, []string{"Team"}},
		{"a title with function words", "The board published Who Decides What and Why It Matters last year.",
			map[string]string{"Who Decides What": "", "Why It Matters": ""}, nil},
		{"a possessive inside a title", "Staff read the Carer's Handbook for Digital Skills.", map[string]string{"Carer's Handbook for Digital Skills": "CreativeWork"}, nil},
		{"a month is no name", "In May 2022 the ward opened.", nil, []string{"May"}},
		{"a word capitalised at the start is no name", "Hospitals opened wards.", nil, []string{"Hospitals"}},
		{"a year after a title ends it", "The Health Records Act 2019 applies.", map[string]string{"Health Records Act": "CreativeWork"}, nil},
		{"a post is not an entity", "The Chief Digital Officer spoke.", nil, []string{"Chief Digital Officer"}},
		{"general knowledge", "NHSX worked with the Department of Health and Social Care.",
			map[string]string{"NHSX": "Organization", "Department of Health and Social Care": "Organization"}, nil},
		{"a gazetteer name in lower case is words", "The digital health sector grew.", nil, []string{"Digital Health"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.in+"\n")
			got := entityTypes(d)
			for n, ty := range tc.want {
				if g, ok := got[n]; !ok {
					t.Errorf("no entity %q; got %v", n, got)
				} else if g != ty {
					t.Errorf("%q is %q, want %q", n, g, ty)
				}
			}
			for _, n := range tc.not {
				if _, ok := got[n]; ok {
					t.Errorf("unwanted entity %q; got %v", n, got)
				}
			}
		})
	}
}

// TestPeople checks people: after an honorific, with a post beside them,
// with a common given name, and named again by surname.
func TestPeople(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		people []string
		facts  []string
		not    []string
	}{
		{"honorific", "Dr Priya Raman opened the clinic.", []string{"Priya Raman"}, nil, nil},
		{"courtesy title kept with a surname only", "Baroness Whitcombe spoke.", []string{"Baroness Whitcombe"}, nil, nil},
		{"post after the name, at an organisation", "Olu Bankole, Head of Data at Coastal Data Lab, said more.",
			[]string{"Olu Bankole"},
			[]string{"Olu Bankole --holdsRole--> [Role: Head of Data]", "Olu Bankole --worksFor--> Coastal Data Lab", "[Role: Head of Data] --roleAt--> Coastal Data Lab"}, nil},
		{"post of an organisation in the possessive", "Mei Tanaka, Harbour Valley Hospital’s Chief Nurse, agreed.",
			[]string{"Mei Tanaka"},
			[]string{"Mei Tanaka --holdsRole--> [Role: Chief Nurse]", "Mei Tanaka --worksFor--> Harbour Valley Hospital"}, nil},
		{"post then organisation after commas", "– Tom Avery, Clinical Lead, Harbour Valley Hospital",
			[]string{"Tom Avery"}, []string{"Tom Avery --worksFor--> Harbour Valley Hospital"}, nil},
		{"given name", "It is led by Sarah Okafor.", []string{"Sarah Okafor"}, nil, nil},
		{"surname later", "It is led by Sarah Okafor. Okafor joined in 2020.", []string{"Sarah Okafor"}, nil, []string{"Okafor joined"}},
		{"two capitalised words are not a person", "Harbour Valley approved it.", nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.in+"\n")
			types := entityTypes(d)
			for _, p := range tc.people {
				if types[p] != "Person" {
					t.Errorf("%q is %q, want a person; entities %v", p, types[p], types)
				}
			}
			if tc.people == nil {
				for n, ty := range types {
					if ty == "Person" {
						t.Errorf("unwanted person %q", n)
					}
				}
			}
			if d.ents.lookup("Okafor") != nil && d.ents.lookup("Okafor") != d.ents.lookup("Sarah Okafor") {
				t.Error("the surname is a second person")
			}
			got := factLines(d)
			for _, f := range tc.facts {
				found := false
				for _, g := range got {
					found = found || g == f
				}
				if !found {
					t.Errorf("missing %q in %q", f, got)
				}
			}
		})
	}
}

// TestNameVariants checks that the variants of one name in a document are
// one entity, and that a name which opens with another organisation's
// names a part of it.
func TestNameVariants(t *testing.T) {
	d := readDoc(t, "Harbour Valley Hospital NHS Foundation Trust treats 9,000 patients.\n\n"+
		"Harbour Valley Hospital opened a ward. Harbour Valley Hospital NHS Trust also runs a clinic.\n\n"+
		"The Coastal Data Lab Analytics Unit supports the Coastal Data Lab.\n")
	e := d.ents.lookup("Harbour Valley Hospital")
	if e == nil || e != d.ents.lookup("Harbour Valley Hospital NHS Trust") || e.name != "Harbour Valley Hospital NHS Foundation Trust" {
		t.Errorf("the trust's three names are %v, %v", e, d.ents.lookup("Harbour Valley Hospital NHS Trust"))
	}
	checkFacts(t, "The Coastal Data Lab Analytics Unit supports the Coastal Data Lab.\n",
		[]string{"Coastal Data Lab Analytics Unit --partOf--> Coastal Data Lab"}, nil)
	checkFacts(t, "NHS Blood Unit supports NHS Eastmoor.\n", nil, []string{"--partOf--> NHS"})
}
