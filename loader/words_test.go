package loader

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenizeWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"possessive is its own word", "Acme Health’s new lab", []string{"Acme", "Health", "’s", "new", "lab"}},
		{"straight possessive", "the trust's board", []string{"the", "trust", "'s", "board"}},
		{"plural possessive", "three years’ data", []string{"three", "years", "’", "data"}},
		{"inner hyphen, digits and dots", "COVID-19 data on NHS.UK and A&E", []string{"COVID-19", "data", "on", "NHS.UK", "and", "A&E"}},
		{"thousands and decimals", "1,250 staff and 3.5 days", []string{"1,250", "staff", "and", "3.5", "days"}},
		{"a full stop ends a word", "It ended. Then", []string{"It", "ended", ".", "Then"}},
		{"an apostrophe inside a name stays", "O’Hara can't", []string{"O’Hara", "can't"}},
		{"brackets and slashes are marks", "(HTML/CSS)", []string{"(", "HTML", "/", "CSS", ")"}},
		{"money", "£4.2m", []string{"£", "4.2m"}},
		{"no-break space separates", "Leeds\u00a0Council", []string{"Leeds", "Council"}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, w := range tokenizeWords(tc.in, nil) {
				if tc.in[w.Start:w.End] != w.Text {
					t.Errorf("%q: offsets %d-%d hold %q", w.Text, w.Start, w.End, tc.in[w.Start:w.End])
				}
				got = append(got, w.Text)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWordShapes(t *testing.T) {
	ws := tokenizeWords("NHSX and UKHSA met STPs, iPads and Leeds", nil)
	shape := func(w Word) string {
		var b strings.Builder
		if w.Cap {
			b.WriteString("C")
		}
		if w.Caps {
			b.WriteString("A")
		}
		return b.String()
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.Text+":"+shape(w))
	}
	want := []string{"NHSX:CA", "and:", "UKHSA:CA", "met:", "STPs:CA", ",:", "iPads:", "and:", "Leeds:C"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
