package loader

import (
	"fmt"
	"testing"
	"time"
)

// dateWant is what a case expects of one DateSpan; offsets are checked
// through Text.
type dateWant struct {
	Text, Key, Name, Approx, EndKey string
}

func TestFindDates(t *testing.T) {
	noRef := time.Time{}
	ref2020 := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)
	ref2021 := time.Date(2021, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		ref  time.Time
		want []dateWant
	}{
		// Full dates.
		{"day month year", "In a speech delivered on 12 June 2019, she", noRef, []dateWant{{"12 June 2019", "2019-06-12", "12 June 2019", "", ""}}},
		{"month day year", "On November 22 2021, it was announced", noRef, []dateWant{{"November 22 2021", "2021-11-22", "22 November 2021", "", ""}}},
		{"month day comma year", "On November 22, 2021 it", noRef, []dateWant{{"November 22, 2021", "2021-11-22", "22 November 2021", "", ""}}},
		{"ordinal day", "25th November 2021 about a 3 minute read", noRef, []dateWant{{"25th November 2021", "2021-11-25", "25 November 2021", "", ""}}},
		{"ordinal of", "from the 1st of May 2020", noRef, []dateWant{{"1st of May 2020", "2020-05-01", "1 May 2020", "", ""}}},
		{"day month comma year", "22nd of November, 2021", noRef, []dateWant{{"22nd of November, 2021", "2021-11-22", "22 November 2021", "", ""}}},
		{"month day ordinal comma year", "November 22nd, 2021", noRef, []dateWant{{"November 22nd, 2021", "2021-11-22", "22 November 2021", "", ""}}},
		{"uk numeric", "on 12/06/2019 we", noRef, []dateWant{{"12/06/2019", "2019-06-12", "12 June 2019", "", ""}}},
		{"iso", "updated 2019-06-12", noRef, []dateWant{{"2019-06-12", "2019-06-12", "12 June 2019", "", ""}}},
		{"leap day", "29 February 2020", noRef, []dateWant{{"29 February 2020", "2020-02-29", "29 February 2020", "", ""}}},
		{"historic with cue", "founded on 5 July 1948", noRef, []dateWant{{"5 July 1948", "1948-07-05", "5 July 1948", "", ""}}},
		{"reference list", "Health Service Journal. 15 February 2021. Retrieved 11 April 2021.", noRef, []dateWant{
			{"15 February 2021", "2021-02-15", "15 February 2021", "", ""}, {"11 April 2021", "2021-04-11", "11 April 2021", "", ""}}},
		{"nbsp", "12\u00a0June\u00a02019", noRef, []dateWant{{"12\u00a0June\u00a02019", "2019-06-12", "12 June 2019", "", ""}}},

		// Months.
		{"month year", "It was announced in January 2020 that", noRef, []dateWant{{"January 2020", "2020-01", "January 2020", "", ""}}},
		{"preposition left out", "In May 2019, Hancock", noRef, []dateWant{{"May 2019", "2019-05", "May 2019", "", ""}}},
		{"in December", "In December 2021 the NHS App", noRef, []dateWant{{"December 2021", "2021-12", "December 2021", "", ""}}},
		{"abbreviation", "Nov 2021", noRef, []dateWant{{"Nov 2021", "2021-11", "November 2021", "", ""}}},
		{"sept", "by Sept 2021", noRef, []dateWant{{"Sept 2021", "2021-09", "September 2021", "", ""}}},
		{"abbreviation with stop", "Sep. 2021", noRef, []dateWant{{"Sep. 2021", "2021-09", "September 2021", "", ""}}},
		{"month of year", "June of 2019", noRef, []dateWant{{"June of 2019", "2019-06", "June 2019", "", ""}}},
		{"upper case month", "MARCH 2020", noRef, []dateWant{{"MARCH 2020", "2020-03", "March 2020", "", ""}}},

		// Qualifiers.
		{"early year", "It was established in early 2019 by", noRef, []dateWant{{"early 2019", "2019", "2019", "early", ""}}},
		{"late year", "late 2021", noRef, []dateWant{{"late 2021", "2021", "2021", "late", ""}}},
		{"mid hyphen", "by mid-2020", noRef, []dateWant{{"mid-2020", "2020", "2020", "mid", ""}}},
		{"season upper", "In Autumn 2021, NHSx announced", noRef, []dateWant{{"Autumn 2021", "2021", "2021", "autumn", ""}}},
		{"season lower", "autumn 2021", noRef, []dateWant{{"autumn 2021", "2021", "2021", "autumn", ""}}},
		{"season of", "the spring of 2020", noRef, []dateWant{{"spring of 2020", "2020", "2020", "spring", ""}}},
		{"winter financial year", "winter 2020/21", noRef, []dateWant{{"winter 2020/21", "FY2020-21", "financial year 2020-21", "winter", ""}}},
		{"end of", "by the end of 2021", noRef, []dateWant{{"end of 2021", "2021", "2021", "late", ""}}},
		{"end of month", "the end of March 2020", noRef, []dateWant{{"end of March 2020", "2020-03", "March 2020", "late", ""}}},
		{"early month year", "early May 2020", noRef, []dateWant{{"early May 2020", "2020-05", "May 2020", "early", ""}}},
		{"mid month with ref", "by mid-May the app", ref2020, []dateWant{{"mid-May", "2020-05", "May 2020", "mid", ""}}},

		// Financial years and year ranges.
		{"fy to", "NHSX annual report 2020 to 2021", noRef, []dateWant{{"2020 to 2021", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy slash", "NHSX Spend 2020/21 Revenue", noRef, []dateWant{{"2020/21", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy hyphen", "in 2020-21 we", noRef, []dateWant{{"2020-21", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy en dash", "2020–21", noRef, []dateWant{{"2020–21", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy long slash", "2020/2021", noRef, []dateWant{{"2020/2021", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy long hyphen", "2019-2020", noRef, []dateWant{{"2019-2020", "FY2019-20", "financial year 2019-20", "", ""}}},
		{"fy prefix", "FY2020-21", noRef, []dateWant{{"FY2020-21", "FY2020-21", "financial year 2020-21", "", ""}}},
		{"fy prefix spaced short", "FY 21/22", noRef, []dateWant{{"FY 21/22", "FY2021-22", "financial year 2021-22", "", ""}}},
		{"fy century", "1999/00", noRef, []dateWant{{"1999/00", "FY1999-00", "financial year 1999-00", "", ""}}},
		{"year range", "the 2018 to 2022 strategy", noRef, []dateWant{{"2018 to 2022", "2018", "2018", "", "2022"}}},
		{"year range hyphen", "2019-2024", noRef, []dateWant{{"2019-2024", "2019", "2019", "", "2024"}}},
		{"between years", "between 2018 and 2020", noRef, []dateWant{{"2018 and 2020", "2018", "2018", "", "2020"}}},

		// Month and day ranges.
		{"month range", "funding for general practice from March to August 2020, to ensure", noRef, []dateWant{{"March to August 2020", "2020-03", "March 2020", "", "2020-08"}}},
		{"between months", "between March and August 2020", noRef, []dateWant{{"March and August 2020", "2020-03", "March 2020", "", "2020-08"}}},
		{"month range over new year", "November to February 2021", noRef, []dateWant{{"November to February 2021", "2020-11", "November 2020", "", "2021-02"}}},
		{"month list", "in March and August 2020", noRef, []dateWant{
			{"March", "2020-03", "March 2020", "", ""}, {"August 2020", "2020-08", "August 2020", "", ""}}},
		{"month year range", "from March 2020 to August 2021", noRef, []dateWant{{"March 2020 to August 2021", "2020-03", "March 2020", "", "2021-08"}}},
		{"day range", "1-5 May 2020", noRef, []dateWant{{"1-5 May 2020", "2020-05-01", "1 May 2020", "", "2020-05-05"}}},
		{"day range words", "from 1 to 5 May 2020", noRef, []dateWant{{"1 to 5 May 2020", "2020-05-01", "1 May 2020", "", "2020-05-05"}}},

		// Years alone.
		{"in year", "In 2021 it was reported", noRef, []dateWant{{"2021", "2021", "2021", "", ""}}},
		{"year list", "moved back from 2018, 2020, and 2023.[12]", noRef, []dateWant{
			{"2018", "2018", "2018", "", ""}, {"2020", "2020", "2020", "", ""}, {"2023", "2023", "2023", "", ""}}},
		{"two years with and", "2020 and 2021", noRef, []dateWant{{"2020", "2020", "2020", "", ""}, {"2021", "2021", "2021", "", ""}}},
		{"year then dash", "2020 - a year in health technology", noRef, []dateWant{{"2020", "2020", "2020", "", ""}}},
		{"year then noun after cue", "In 2020 technology made a real difference", noRef, []dateWant{{"2020", "2020", "2020", "", ""}}},
		{"year after determiner", "some of our 2020 achievements", noRef, []dateWant{{"2020", "2020", "2020", "", ""}}},
		{"year in parentheses", "the (2002) Regulations", noRef, []dateWant{{"2002", "2002", "2002", "", ""}}},
		{"by year", "a paperless NHS by 2024 would be", noRef, []dateWant{{"2024", "2024", "2024", "", ""}}},
		{"month at start of line", "Published\nNovember 2021", noRef, []dateWant{{"November 2021", "2021-11", "November 2021", "", ""}}},
		{"no date across lines", "on 12\nJune 2019", noRef, []dateWant{{"June 2019", "2019-06", "June 2019", "", ""}}},
		{"year at end of line", "NHSX A year in healthtech 2020\nHere", noRef, []dateWant{{"2020", "2020", "2020", "", ""}}},

		// Relative to the document date.
		{"bare month with ref", "In early May, NHSX contracted", ref2020, []dateWant{{"early May", "2020-05", "May 2020", "early", ""}}},
		{"month after cue", "In March, NHSX commissioned", ref2020, []dateWant{{"March", "2020-03", "March 2020", "", ""}}},
		{"day month with ref", "on 5 May the trial began", ref2020, []dateWant{{"5 May", "2020-05-05", "5 May 2020", "", ""}}},
		{"month ordinal with ref", "on May 5th the trial began", ref2020, []dateWant{{"May 5th", "2020-05-05", "5 May 2020", "", ""}}},
		{"last year", "the most downloaded free iPhone app last year", ref2021, []dateWant{{"last year", "2020", "2020", "", ""}}},
		{"this year", "this year we will publish", ref2021, []dateWant{{"this year", "2021", "2021", "", ""}}},
		{"next year", "by next year", ref2021, []dateWant{{"next year", "2022", "2022", "", ""}}},
		{"early next year", "early next year", ref2021, []dateWant{{"early next year", "2022", "2022", "early", ""}}},
		{"last month", "last month", ref2021, []dateWant{{"last month", "2021-10", "October 2021", "", ""}}},
		{"this financial year", "this financial year", ref2021, []dateWant{{"this financial year", "FY2021-22", "financial year 2021-22", "", ""}}},

		// Not dates.
		{"no ref no relative", "the most downloaded app last year", noRef, nil},
		{"no ref no bare month", "In early May, NHSX contracted", noRef, nil},
		{"no ref no day month", "on 25th November we", noRef, nil},
		{"past twelve months", "over the last year", ref2021, nil},
		{"of that year", "made available to the public in September of that year.[18]", ref2021, nil},
		{"impossible day", "31 February 2021", noRef, nil},
		{"impossible day month first", "February 30, 2021", noRef, nil},
		{"impossible numeric", "31/02/2019", noRef, nil},
		{"24/7/365", "24/7/365 cyber incident response", noRef, nil},
		{"covid", "COVID-19 and covid-19 and TechForce19", noRef, nil},
		{"nhs 111", "NHS 111 online", noRef, nil},
		{"currency", "£2019 and £ 2020", noRef, nil},
		{"separator", "2,019 staff", noRef, nil},
		{"count", "2019 patients were seen", noRef, nil},
		{"count after of", "a cohort of 2019 patients", noRef, nil},
		{"decade", "the 2020s", noRef, nil},
		{"out of range", "2040 and 1989", noRef, nil},
		{"modal may", "you may 2 times", noRef, nil},
		{"may as verb", "It may help", ref2021, nil},
		{"month without cue", "March on", ref2021, nil},
		{"not fy", "2020 to 2019", noRef, []dateWant{{"2020", "2020", "2020", "", ""}, {"2019", "2019", "2019", "", ""}}},
		{"version", "version 2020.1", noRef, nil},
		{"phone", "0300 311 2233", noRef, nil},
		{"month then count", "May 20 trusts joined", ref2021, nil},
		{"lower case abbreviation", "in mar 2021.", noRef, []dateWant{{"2021", "2021", "2021", "", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindDates(tt.in, tt.ref)
			var gotW []dateWant
			for _, d := range got {
				ruleTestOffsets(t, tt.in, d.Start, d.End, d.Text)
				gotW = append(gotW, dateWant{d.Text, d.Key, d.Name, d.Approx, d.EndKey})
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("FindDates(%q, %s)\n got %+v\nwant %+v", tt.in, tt.ref.Format(time.DateOnly), gotW, tt.want)
			}
		})
	}
}

func TestParseDocDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" when no date
	}{
		{"published line", "Published 15 October 2021", "2021-10-15"},
		{"byline", "25th November 2021 about a 3 minute read", "2021-11-25"},
		{"month first", "Updated: November 22, 2021", "2021-11-22"},
		{"iso", "date: 2021-11-22", "2021-11-22"},
		{"skips coarser dates", "In 2020 to 2021, on 3 March 2021", "2021-03-03"},
		{"month only", "November 2021", ""},
		{"none", "no date here", ""},
		{"impossible", "Published 31 February 2021", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDocDate(tt.in)
			gotS := ""
			if ok {
				gotS = got.Format(time.DateOnly)
			}
			if gotS != tt.want {
				t.Errorf("ParseDocDate(%q) = %q, want %q", tt.in, gotS, tt.want)
			}
		})
	}
}
