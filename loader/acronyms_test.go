package loader

import (
	"testing"
)

func TestFindAcronyms(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		short, long string // "" for none
	}{
		{"short form after", "The Regional Imaging Archive (RIA) holds scans.", "RIA", "Regional Imaging Archive"},
		{"lower-case long form", "It used the hospital patient index (HPI) daily.", "HPI", "hospital patient index"},
		{"letters inside words", "The Northern Genomics Laboratory (NGenL) opened.", "NGenL", "Northern Genomics Laboratory"},
		{"digits in the long form", "the National COVID-19 Lung Registry (NCLR)", "NCLR", "National COVID-19 Lung Registry"},
		{"long form after", "NCLR (the National COVID-19 Lung Registry) grew.", "NCLR", "National COVID-19 Lung Registry"},
		{"shortest long form", "Staff at the new Digital Skills Academy (DSA) trained.", "DSA", "Digital Skills Academy"},
		{"brackets that are no abbreviation", "The trust (which is large) opened.", "", ""},
		{"letters that do not match", "The Patient Safety Board (XYZ) met.", "", ""},
		{"a year in brackets", "The review (2019) said so.", "", ""},
		{"first letter must start a word", "The pilot sites (PS) were small.", "PS", "pilot sites"},
		{"one hyphenated word", "They built a Minimum-Viable-Product (MVP) quickly.", "MVP", "Minimum-Viable-Product"},
		{"one plain word is no long form", "The Coordinator (CO) met.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := tokenizeWords(tc.in, nil)
			tagWords(ws)
			got := findAcronyms(ws)
			if tc.short == "" {
				if len(got) > 0 {
					t.Errorf("found %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].short != tc.short || got[0].long != tc.long {
				t.Errorf("got %+v, want %s = %q", got, tc.short, tc.long)
			}
		})
	}
}

// TestAcronymsMakeOneEntity checks that the long and short forms are one
// entity wherever either is used, and that a term's short form makes none.
func TestAcronymsMakeOneEntity(t *testing.T) {
	d := readDoc(t, "The Regional Imaging Archive (RIA) holds scans from six trusts.\n\nRIA was set up in 2019. Staff use machine learning (ML) daily, and ML helps them.\n")
	e := d.ents.lookup("RIA")
	if e == nil || e.name != "Regional Imaging Archive" {
		t.Fatalf("RIA is %v, want the Regional Imaging Archive", e)
	}
	if d.ents.lookup("Regional Imaging Archive (RIA)") != e {
		t.Error("the long form with its brackets is not the same entity")
	}
	if got := entityTypes(d)["Regional Imaging Archive"]; got != "Dataset" {
		t.Errorf("type %q, want Dataset (its head noun is archive)", got)
	}
	if d.ents.lookup("ML") != nil {
		t.Error("ML, the short form of a term in lower case, became an entity")
	}
}
