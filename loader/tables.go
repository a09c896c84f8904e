package loader

import (
	"strconv"
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The tables pass: each row of a table is a fact about the row's subject,
// its first cell, and each other cell says what the row has under its
// column's heading. Markdown tables ("| Programme | Funding |") take their
// column names from their first row; a table pasted as plain text takes
// them from the line over it ("NHSX Spend 2020/21 Revenue £m Capital £m
// Total £m", whose units close the columns) and its cells from the figures
// that follow each row's label, or from its tabs. The caption's own words
// date the table, and name who spent the money when it is an
// organisation's spend, budget or funding.
//
// A cell of money is a fund that funds the row's subject (part of the
// row's total where the table has a total column); a date dates it; a
// name is related to it as the column's heading says ("Lead organisation",
// "Partner"); a figure is a measure of it under the heading's words; other
// words are a description under the heading's words. Total rows restate
// the rows above and are read for nothing.

// table is a run of row sentences with what names its columns.
type table struct {
	caption *sent   // the line over the table, or nil
	header  []cell  // the column names; header[0] names the rows' subjects
	rows    []*sent // the data rows
	piped   bool    // a Markdown table
	title   []Word  // the caption's words before its column names
	units   []float64
}

// cell is one cell's words [i, j) in its row.
type cell struct {
	i, j int
	text string
}

// tables reads the document's tables.
func (d *docState) tables() {
	for n := 0; n < len(d.analysed); {
		if !d.sents[n].Row {
			n++
			continue
		}
		m := n
		for m < len(d.analysed) && d.sents[m].Row && d.sents[m].Section == d.sents[n].Section {
			m++
		}
		d.readTable(n, m)
		n = m
	}
}

// readTable reads the table of sentences [n, m).
func (d *docState) readTable(n, m int) {
	t := table{}
	rows := d.analysed[n:m]
	if rows[0].s.Caption {
		t.caption, rows = rows[0], rows[1:]
	} else if n > 0 && captionLine(d.analysed[n-1]) {
		t.caption = d.analysed[n-1]
	}
	if len(rows) == 0 {
		return
	}
	t.piped = hasPipe(rows[0])
	switch {
	case t.piped:
		t.header, rows = pipeCells(rows[0]), rows[1:]
		if t.caption != nil {
			t.title = t.caption.words
		}
	case tabbedRow(rows[0]):
		t.header, rows = tabCells(rows[0]), rows[1:]
		if t.caption != nil {
			t.title = t.caption.words
		}
	default:
		// figures after a label: the columns are named by the caption
		if t.caption == nil {
			return
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(figureCells(r))-1)
		}
		if cols == 0 {
			return
		}
		t.title, t.header, t.units = captionColumns(t.caption.words, cols)
	}
	t.rows = rows
	if len(t.header) < 2 {
		return
	}
	for _, r := range t.rows {
		d.tableRow(&t, r)
	}
}

// captionLine reports whether a sentence introduces the table after it:
// "Table 2: Funding by programme", "Funding in 2021:".
func captionLine(st *sent) bool {
	if st.s.Kind == KindBullet || len(st.words) == 0 {
		return false
	}
	return st.words[0].Low == "table" || strings.HasSuffix(strings.TrimSpace(st.s.Text), ":")
}

// hasPipe reports whether a row's cells are separated by "|".
func hasPipe(st *sent) bool {
	for _, w := range st.words {
		if w.Text == "|" {
			return true
		}
	}
	return false
}

// tabbedRow reports whether a row's cells are separated by tabs.
func tabbedRow(st *sent) bool { return strings.Contains(st.s.span, "\t") }

// pipeCells splits a Markdown row at its pipes.
func pipeCells(st *sent) []cell {
	var out []cell
	start := 0
	for k := 0; k <= len(st.words); k++ {
		if k == len(st.words) || st.words[k].Text == "|" {
			out = append(out, cellOf(st, start, k))
			start = k + 1
		}
	}
	return out
}

// tabCells splits a row where a tab stands between two words.
func tabCells(st *sent) []cell {
	ws := st.words
	var out []cell
	start := 0
	for k := 1; k <= len(ws); k++ {
		if k == len(ws) || strings.Contains(st.s.span[ws[k-1].End:ws[k].Start], "\t") {
			out = append(out, cellOf(st, start, k))
			start = k
		}
	}
	return out
}

// figureCells splits a plain row into its label and its figures: "Run/
// Maintain 282 118 400" is "Run/Maintain", 282, 118 and 400.
func figureCells(st *sent) []cell {
	ws := st.words
	k := 0
	for k < len(ws) && !ws[k].Digit {
		k++
	}
	if k == 0 {
		return nil
	}
	out := []cell{cellOf(st, 0, k)}
	for ; k < len(ws); k++ {
		if ws[k].Digit {
			out = append(out, cellOf(st, k, k+1))
		}
	}
	return out
}

func cellOf(st *sent, i, j int) cell {
	return cell{i: i, j: j, text: strings.TrimSpace(joinWords(st.words[i:j]))}
}

// moneyUnits are the units a column of money is counted in.
var moneyUnits = map[string]float64{"£": 1, "£k": 1e3, "£000": 1e3, "£000s": 1e3, "£m": 1e6, "£mn": 1e6, "£bn": 1e9}

// captionColumns splits a plain table's caption into its title and its
// column names: each column name ends with its unit ("Revenue £m"); with
// no units, the last cols words are the names. The first header cell
// names the rows, and is empty.
func captionColumns(ws []Word, cols int) (title []Word, header []cell, units []float64) {
	// each unit: its first and last word, and what it multiplies by
	type unit struct {
		i, j int
		mult float64
	}
	var us []unit
	for k := 0; k < len(ws); k++ {
		i := k
		if ws[k].Text == "(" && k+1 < len(ws) {
			k++
		}
		u := ws[k].Low
		if u == "£" && k+1 < len(ws) && !ws[k+1].Space {
			if _, ok := moneyUnits[u+ws[k+1].Low]; ok {
				k++
				u += ws[k].Low
			}
		}
		if mult, ok := moneyUnits[u]; ok {
			if k+1 < len(ws) && ws[k+1].Text == ")" {
				k++
			}
			us = append(us, unit{i, k, mult})
		}
	}
	header = []cell{{}}
	units = []float64{0}
	if len(us) == cols {
		// the first column's name is as long as the others' ("Revenue" as
		// "Capital"); the words before it are the title
		width := 1
		if len(us) > 1 {
			width = max(1, us[1].i-us[0].j-1)
		}
		start := max(0, us[0].i-width)
		title = ws[:start]
		prev := start
		for _, u := range us {
			header = append(header, cell{i: prev, j: u.i, text: joinWords(ws[prev:u.i])})
			units = append(units, u.mult)
			prev = u.j + 1
		}
		return title, header, units
	}
	if len(ws) <= cols {
		return nil, nil, nil
	}
	title = ws[:len(ws)-cols]
	for k := len(ws) - cols; k < len(ws); k++ {
		header = append(header, cell{i: k, j: k + 1, text: ws[k].Text})
		units = append(units, 0)
	}
	return title, header, units
}

// totalWords name a row or column that sums the others.
var totalWords = map[string]bool{"total": true, "totals": true, "sum": true, "overall": true, "grand": true}

func isTotal(text string) bool {
	for _, f := range strings.Fields(strings.ToLower(text)) {
		if totalWords[f] {
			return true
		}
	}
	return false
}

// tableRow reads one data row.
func (d *docState) tableRow(t *table, st *sent) {
	var cells []cell
	switch {
	case t.piped:
		cells = pipeCells(st)
	case tabbedRow(st):
		cells = tabCells(st)
	default:
		cells = figureCells(st)
	}
	if len(cells) < 2 || cells[0].text == "" || isTotal(cells[0].text) || st.words[cells[0].i].Digit {
		return
	}
	subj := d.cellEntity(st, cells[0])
	// the row's total, which its other amounts are part of
	var total *entity
	for k := 1; k < len(cells) && k < len(t.header); k++ {
		if isTotal(t.header[k].text) {
			total = d.tableFund(t, st, cells, k, subj)
		}
	}
	for k := 1; k < len(cells) && k < len(t.header); k++ {
		if isTotal(t.header[k].text) || cells[k].text == "" {
			continue
		}
		if k < len(t.units) && t.units[k] > 0 && strings.Trim(cells[k].text, "0.,-–") == "" {
			continue // nothing spent
		}
		if f := d.tableFund(t, st, cells, k, subj); f != nil {
			if total != nil && total != f {
				d.addFact(f, graph.PartOf, total, st.n, "table-total")
			}
			continue
		}
		d.tableCell(t, st, subj, cells[k], t.header[k].text)
	}
}

// cellEntity is what a cell names: a name the text knows, else a
// description in the cell's words.
func (d *docState) cellEntity(st *sent, c cell) *entity {
	if sp := st.spanAt(c.i); sp != nil && sp.kind == spanName && sp.ent != nil && sp.i == c.i && sp.j == c.j {
		return sp.ent.resolve()
	}
	// a cell in Title Case is a name ("Falls Sensor Project"), whatever the
	// tagger made of its first word
	if titleCase(st.words[c.i:c.j], theLexicon()) {
		e := d.ents.get(c.text)
		if e.typ == "" {
			e.typ = typeByHead(strings.Fields(strings.ToLower(c.text)))
		}
		e.body++
		return e.resolve()
	}
	e := d.described(TypeConcept, c.text, "", st.n)
	d.linkAbout(e, namesIn(st, c.i, c.j))
	return e
}

// tableFund makes the fund of cell k when it holds money, by its own
// pound sign or its column's unit, and links it to the row's subject, the
// table's date and who spent it. Nil for a cell of no money.
func (d *docState) tableFund(t *table, st *sent, cells []cell, k int, subj *entity) *entity {
	c := cells[k]
	head := t.header[k].text
	var pounds int64
	if sp := st.spanAt(c.i); sp != nil && sp.kind == spanMoney && sp.i == c.i && sp.j == c.j {
		pounds = sp.money.Pounds
	} else if k < len(t.units) && t.units[k] > 0 && c.j == c.i+1 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(c.text, ",", ""), 64)
		if err != nil || v <= 0 {
			return nil
		}
		pounds = int64(v*t.units[k] + 0.5)
	}
	if pounds <= 0 {
		return nil
	}
	name := "£" + formatPounds(pounds)
	if h := strings.TrimSpace(strings.ToLower(head)); h != "" {
		name += " " + h
	}
	name += " for " + cells[0].text
	f := d.describedAs(graph.TypeFund, "table|"+strconv.Itoa(st.n)+"|"+strconv.Itoa(k), name, st.s.Text, st.n)
	f.amount = pounds
	low := strings.ToLower(head)
	switch {
	case strings.Contains(low, "capital") && strings.Contains(low, "revenue"):
		f.fundKind = "capital and revenue"
	case strings.Contains(low, "capital"):
		f.fundKind = "capital"
	case strings.Contains(low, "revenue"):
		f.fundKind = "revenue"
	}
	d.addFact(f, graph.Funds, subj, st.n, "table-fund")
	for _, sp := range t.titleSpans(d) {
		switch {
		case sp.kind == spanDate:
			// the caption says when and who: its sentence is the evidence
			d.addFact(f, graph.Date, d.dateNode(*sp.date, t.caption.n), t.caption.n, "table-date")
		case sp.kind == spanName && sp.ent != nil && t.spends():
			// "NHSX Spend 2020/21": the organisation the caption opens with
			e := sp.ent.resolve()
			for j := sp.j - 1; e.finalType() != graph.TypeOrganization && j > sp.i; j-- {
				if o := d.ents.lookup(joinWords(t.caption.words[sp.i:j])); o != nil {
					e = o.resolve()
				}
			}
			if e != nil && e.finalType() == graph.TypeOrganization {
				d.addFact(f, graph.ProvidedBy, e, t.caption.n, "table-provider")
			}
		}
	}
	return f
}

// titleSpans are the spans of the caption's title words.
func (t *table) titleSpans(d *docState) []*span {
	if t.caption == nil {
		return nil
	}
	var out []*span
	for k := range t.caption.spans {
		if sp := &t.caption.spans[k]; sp.j <= len(t.title) {
			out = append(out, sp)
		}
	}
	return out
}

// spends reports whether the caption says the table is money spent or
// given: "NHSX Spend 2020/21", "Funding by programme".
func (t *table) spends() bool {
	for _, w := range t.title {
		switch w.Low {
		case "spend", "spending", "expenditure", "funding", "budget", "budgets", "allocation", "allocations", "investment", "investments", "grants":
			return true
		}
	}
	return false
}

// headerPredicates map column headings that name a relation.
var headerPredicates = map[string]relMap{
	"lead": {graph.LedBy, false}, "led by": {graph.LedBy, false}, "lead organisation": {graph.LedBy, false},
	"owner": {graph.LedBy, false}, "partner": {HasPartner, false}, "partners": {HasPartner, false},
	"developer": {graph.DevelopedBy, false}, "developed by": {graph.DevelopedBy, false},
	"supplier": {graph.DevelopedBy, false}, "funder": {graph.Funds, true}, "funded by": {graph.Funds, true},
	"part of": {graph.PartOf, false}, "publisher": {graph.Published, true}, "published by": {graph.Published, true},
}

// tableCell relates the row's subject to a cell of no money.
func (d *docState) tableCell(t *table, st *sent, subj *entity, c cell, head string) {
	h := strings.ToLower(strings.TrimSpace(head))
	if h == "" {
		return
	}
	if sp := st.spanAt(c.i); sp != nil && sp.i == c.i && sp.j == c.j {
		switch sp.kind {
		case spanDate:
			d.addFact(subj, graph.Date, d.dateNode(*sp.date, st.n), st.n, "table-date")
			return
		case spanName:
			if sp.ent != nil {
				o := sp.ent.resolve()
				if m, ok := headerPredicates[h]; ok {
					d.relate(subj, o, m, st.n, "table")
				} else {
					d.addFact(subj, relPredicate(h, ""), o, st.n, "table")
				}
				return
			}
		case spanQty:
			o := d.describedAs(TypeConcept, "table|"+strconv.Itoa(st.n)+"|"+h, c.text+" "+h, st.s.Text, st.n)
			o.setFigure(*sp.qty)
			o.unit = h
			d.addFact(subj, relPredicate(h, ""), o, st.n, "table-measure")
			return
		}
	}
	if c.j == c.i+1 && st.words[c.i].Digit {
		v, err := strconv.ParseFloat(strings.ReplaceAll(c.text, ",", ""), 64)
		if err != nil {
			return
		}
		o := d.describedAs(TypeConcept, "table|"+strconv.Itoa(st.n)+"|"+h, c.text+" "+h, st.s.Text, st.n)
		o.value, o.hasValue, o.unit = v, true, h
		d.addFact(subj, relPredicate(h, ""), o, st.n, "table-measure")
		return
	}
	o := d.described(TypeConcept, c.text, "", st.n)
	d.linkAbout(o, namesIn(st, c.i, c.j))
	d.addFact(subj, relPredicate(h, ""), o, st.n, "table")
}
