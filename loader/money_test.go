package loader

import (
	"fmt"
	"testing"
)

// ruleTestOffsets fails t unless text is exactly s[start:end]: offsets are
// byte offsets into the input, whatever its spaces and symbols.
func ruleTestOffsets(t *testing.T, s string, start, end int, text string) {
	t.Helper()
	if start < 0 || end > len(s) || start > end {
		t.Errorf("span [%d,%d) out of range for input of %d bytes", start, end, len(s))
		return
	}
	if s[start:end] != text {
		t.Errorf("Text %q but s[%d:%d] is %q", text, start, end, s[start:end])
	}
}

// moneyWant is what a case expects of one Money; offsets are checked
// through Text.
type moneyWant struct {
	Text   string
	Pounds int64
	Bound  string
	Vague  bool
}

func TestFindMoney(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []moneyWant
	}{
		// Amounts and scales.
		{"millions with separator", "NHSX was allocated £1,097 million of funding", []moneyWant{{"£1,097 million", 1097000000, "", false}}},
		{"bn suffix", "a settlement of £2.1bn to help", []moneyWant{{"£2.1bn", 2100000000, "", false}}},
		{"upper M suffix", "saving the NHS £300M.", []moneyWant{{"£300M", 300000000, "", false}}},
		{"lower m suffix", "saved £300m thanks", []moneyWant{{"£300m", 300000000, "", false}}},
		{"decimal m exact", "£16.6m SMS messaging funding", []moneyWant{{"£16.6m", 16600000, "", false}}},
		{"decimal million", "£6.5 million was allocated", []moneyWant{{"£6.5 million", 6500000, "", false}}},
		{"million", "the £140 million AI in Health and Care Award", []moneyWant{{"£140 million", 140000000, "", false}}},
		{"m", "It was announced that £40m was", []moneyWant{{"£40m", 40000000, "", false}}},
		{"full stop glued to next sentence", "is £22 million.Transformation Directorate", []moneyWant{{"£22 million", 22000000, "", false}}},
		{"billion", "a £1.2 billion programme", []moneyWant{{"£1.2 billion", 1200000000, "", false}}},
		{"k suffix", "a £500k grant", []moneyWant{{"£500k", 500000, "", false}}},
		{"thousands separator", "a £500,000 grant", []moneyWant{{"£500,000", 500000, "", false}}},
		{"underspend", "underspent by £15 million or 1.4%", []moneyWant{{"£15 million", 15000000, "", false}}},
		{"glued million", "£5million", []moneyWant{{"£5million", 5000000, "", false}}},
		{"mn suffix", "£3mn", []moneyWant{{"£3mn", 3000000, "", false}}},
		{"space after sign", "£ 5 million", []moneyWant{{"£ 5 million", 5000000, "", false}}},
		{"pence rounded half up", "costs £5.50 each", []moneyWant{{"£5.50", 6, "", false}}},
		{"pence rounded down", "costs £2.49 each", []moneyWant{{"£2.49", 2, "", false}}},
		{"non-breaking space", "£6.5\u00a0million was allocated", []moneyWant{{"£6.5\u00a0million", 6500000, "", false}}},
		{"in parentheses", "(£2.1bn)", []moneyWant{{"£2.1bn", 2100000000, "", false}}},
		{"two amounts", "£590 million of revenue and £492 million of capital", []moneyWant{
			{"£590 million", 590000000, "", false}, {"£492 million", 492000000, "", false}}},
		{"GBP spaced", "GBP 5 million", []moneyWant{{"GBP 5 million", 5000000, "", false}}},
		{"GBP glued", "GBP5m", []moneyWant{{"GBP5m", 5000000, "", false}}},
		{"million pounds", "a 5 million pounds fund", []moneyWant{{"5 million pounds", 5000000, "", false}}},
		{"spelled million pounds", "two million pounds", []moneyWant{{"two million pounds", 2000000, "", false}}},
		{"a billion pounds sterling", "a billion pounds sterling", []moneyWant{{"a billion pounds sterling", 1000000000, "", false}}},

		// Ranges: the scale written once applies to both ends.
		{"range with dash", "£5-10m", []moneyWant{{"£5", 5000000, "", false}, {"10m", 10000000, "", false}}},
		{"range with to", "£5 to £10 million", []moneyWant{{"£5", 5000000, "", false}, {"£10 million", 10000000, "", false}}},
		{"range of two signs", "£2m-£3m per ICS", []moneyWant{{"£2m", 2000000, "", false}, {"£3m", 3000000, "", false}}},
		{"range not borrowing", "from £500 to £1m", []moneyWant{{"£500", 500, "", false}, {"£1m", 1000000, "", false}}},

		// Bounds.
		{"at least", "saved the NHS at least £300m", []moneyWant{{"at least £300m", 300000000, "at least", false}}},
		{"over", "over £50m", []moneyWant{{"over £50m", 50000000, "over", false}}},
		{"capital Over", "Over £50m was", []moneyWant{{"Over £50m", 50000000, "over", false}}},
		{"more than", "more than £1bn", []moneyWant{{"more than £1bn", 1000000000, "more than", false}}},
		{"up to", "up to £10m", []moneyWant{{"up to £10m", 10000000, "up to", false}}},
		{"almost", "almost £2bn", []moneyWant{{"almost £2bn", 2000000000, "almost", false}}},
		{"around", "around £5m", []moneyWant{{"around £5m", 5000000, "around", false}}},
		{"about folds to around", "about £5m", []moneyWant{{"about £5m", 5000000, "around", false}}},
		{"approximately folds to around", "approximately £3.5m", []moneyWant{{"approximately £3.5m", 3500000, "around", false}}},
		{"nearly", "nearly £3m", []moneyWant{{"nearly £3m", 3000000, "nearly", false}}},
		{"just under", "just under £1m", []moneyWant{{"just under £1m", 1000000, "just under", false}}},
		{"under", "under £50,000", []moneyWant{{"under £50,000", 50000, "under", false}}},
		{"in excess of", "in excess of £2m", []moneyWant{{"in excess of £2m", 2000000, "over", false}}},
		{"hedge inside a word is not a hedge", "Cover £5m", []moneyWant{{"£5m", 5000000, "", false}}},

		// Vague amounts.
		{"hundreds of millions", "saved the NHS hundreds of millions of pounds and", []moneyWant{{"hundreds of millions of pounds", 0, "", true}}},
		{"billions", "billions of pounds", []moneyWant{{"billions of pounds", 0, "", true}}},
		{"tens of billions", "tens of billions of pounds", []moneyWant{{"tens of billions of pounds", 0, "", true}}},
		{"sign and millions", "£millions", []moneyWant{{"£millions", 0, "", true}}},

		// Not money.
		{"table header", "NHSX Spend 2020/21 Revenue £m Capital £m Total £m", nil},
		{"bn header", "Budget £bn", nil},
		{"no sign", "24m people", nil},
		{"glued before sign", "X£5m", nil},
		{"glued after amount", "£5x", nil},
		{"dollars", "$5m and €5m", nil},
		{"vague people", "hundreds of millions of people", nil},
		{"millions of patients", "millions of patients", nil},
		{"billions of items", "billions of items of PPE", nil},
		{"one alone", "one pound", nil},
		{"sign alone", "the £ fell", nil},
		{"identifiers", "Microsoft 365 and NHS 111 and COVID-19 and 24/7/365", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindMoney(tt.in)
			var gotW []moneyWant
			for _, m := range got {
				ruleTestOffsets(t, tt.in, m.Start, m.End, m.Text)
				gotW = append(gotW, moneyWant{m.Text, m.Pounds, m.Bound, m.Vague})
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("FindMoney(%q)\n got %+v\nwant %+v", tt.in, gotW, tt.want)
			}
		})
	}
}

func TestFindMoneyOffsetsAfterMultibyte(t *testing.T) {
	s := "NHSX’s fund — “£2.1bn”"
	got := FindMoney(s)
	if len(got) != 1 {
		t.Fatalf("FindMoney(%q) = %+v, want one amount", s, got)
	}
	if want := len("NHSX’s fund — “"); got[0].Start != want {
		t.Errorf("Start = %d, want %d (byte offset)", got[0].Start, want)
	}
	ruleTestOffsets(t, s, got[0].Start, got[0].End, got[0].Text)
}
