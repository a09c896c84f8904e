// Package synth generates synthetic graphs with the shape of the seeds
// graph, at any size, for benchmarks: documents split into sentences with
// their offsets, entities of every contract type with names and aliases,
// relations labelled with the sentence that states them, mentions, dates in
// their hierarchy, funds with amounts, outcomes with figures and the odd
// conflict. A few entities are hubs, as NHSX is in the seeds: most
// documents name them. The same seed always gives the same graph.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Config says how much to generate.
type Config struct {
	Quads int    // at least this many distinct quads (the last document is finished)
	Seed  uint64 // the same seed gives the same graph
}

// Generate writes quads to emit until at least cfg.Quads have been written,
// and reports how many. Every quad is distinct.
func Generate(cfg Config, emit func(quad.Quad) error) (int, error) {
	g := &gen{r: rand.New(rand.NewPCG(cfg.Seed, 0x6e6873)), emit: emit, pools: map[quad.IRI]*pool{}, used: map[quad.IRI]bool{}}
	for _, t := range graph.EntityTypes {
		g.pools[t] = &pool{typ: t}
	}
	for _, t := range graph.EntityTypes {
		for _, n := range hubs[t] {
			g.pools[t].items = append(g.pools[t].items, g.newEntity(t, n, nil))
		}
	}
	for doc := 0; g.n < cfg.Quads; doc++ {
		if err := g.document(doc); err != nil {
			return g.n, err
		}
	}
	return g.n, g.err
}

// hubs are the entities most documents name, first in their pools.
var hubs = map[quad.IRI][]string{
	graph.TypeOrganization: {"NHSX", "NHS England", "NHS Digital", "Department of Health and Social Care", "NHS England and NHS Improvement", "NHS"},
	graph.TypePerson:       {"Matthew Gould", "Matt Hancock"},
	graph.TypeProgramme:    {"Digital Aspirant programme", "Shared Care Records", "AI in Health and Care Award"},
	graph.TypeProduct:      {"NHS App", "NHS login"},
	graph.TypePlace:        {"England", "United Kingdom"},
	graph.TypeEvent:        {"COVID-19 pandemic", "Spending Review"},
	graph.TypeDataset:      {"NHS Data Store"},
	graph.TypeCreativeWork: {"Data saves lives"},
}

type gen struct {
	r     *rand.Rand
	emit  func(quad.Quad) error
	err   error
	n     int
	pools map[quad.IRI]*pool
	used  map[quad.IRI]bool // entity IRIs declared
	dates map[string]bool
	// lastDate names the date the last call to date returned.
	lastDate string
	author   quad.IRI // the document's author
	// per sentence
	label    quad.IRI
	mentions map[quad.IRI]bool
	doc      string
	text     []string
}

// pool is the entities of one type so far; earlier ones are picked more
// often (a power law), so early entities become hubs.
type pool struct {
	typ   quad.IRI
	items []quad.IRI
}

func (g *gen) add(s, p, o quad.Value, label quad.Value) {
	if g.err != nil {
		return
	}
	q := quad.Quad{Subject: s, Predicate: p, Object: o}
	if label != nil {
		q.Label = label
	}
	g.err = g.emit(q)
	g.n++
}

func (g *gen) document(d int) error {
	id := fmt.Sprintf("%06d_%s", d, hex.EncodeToString(sha(d))[:16])
	g.doc = id
	doc := graph.DocIRI(id)
	// Most documents speak for a hub, as three of the five seeds speak for
	// NHSX; their "we" makes the author the subject of many facts.
	author := g.pick(graph.TypeOrganization, 0.2)
	if w := g.r.Float64(); w < 0.45 {
		author = g.pools[graph.TypeOrganization].items[0]
	} else if w < 0.7 {
		author = g.pools[graph.TypeOrganization].items[1+g.r.IntN(len(hubs[graph.TypeOrganization])-1)]
	}
	g.author = author
	title := fmt.Sprintf("%s %s %d", g.name(author), pickOf(g.r, docKinds), 2016+g.r.IntN(9))
	g.add(doc, graph.RDFType, graph.TypeDocument, nil)
	g.add(doc, graph.Name, quad.String(title), nil)
	g.add(doc, graph.File, quad.String(id+".txt"), nil)
	g.add(doc, graph.SHA256, quad.String(hex.EncodeToString(sha(-d-1))), nil)
	if g.r.IntN(2) == 0 {
		g.add(doc, graph.DatePublished, quad.String(fmt.Sprintf("%d-%02d-%02d", 2016+g.r.IntN(9), 1+g.r.IntN(12), 1+g.r.IntN(28))), nil)
	}
	sentences := 30 + g.r.IntN(50)
	offset := 0
	for i := 0; i < sentences; i++ {
		g.label = graph.SentenceIRI(id, i)
		g.mentions = map[quad.IRI]bool{}
		g.text = g.text[:0]
		if i == 0 {
			g.add(doc, graph.AuthoredBy, author, g.label)
			g.mention(author)
		}
		g.fact()
		text := strings.Join(g.text, " ") + "."
		if len(g.text) == 0 {
			text = pickOf(g.r, fillers)
		}
		g.add(g.label, graph.RDFType, graph.TypeSentence, nil)
		g.add(g.label, graph.Text, quad.String(text), nil)
		g.add(g.label, graph.DerivedFrom, doc, nil)
		g.add(g.label, graph.Start, quad.Int(offset), nil)
		g.add(g.label, graph.End, quad.Int(offset+len(text)), nil)
		offset += len(text) + 1
	}
	return g.err
}

// fact writes one sentence's facts, in the seeds' proportions.
func (g *gen) fact() {
	w := g.r.Float64()
	switch {
	case w < 0.30:
		g.achieved()
	case w < 0.42:
		g.relate(graph.TypeOrganization, graph.Supports, pickOf(g.r, []quad.IRI{graph.TypeProgramme, graph.TypeOrganization, graph.TypeProduct, graph.TypeDataset}), "supported")
	case w < 0.48:
		g.fund()
	case w < 0.53:
		g.relate(graph.TypeOrganization, graph.PartneredWith, graph.TypeOrganization, "worked in partnership with")
	case w < 0.61:
		s := g.pick(pickOf(g.r, []quad.IRI{graph.TypeOrganization, graph.TypeProgramme, graph.TypeProduct, graph.TypePerson, graph.TypeEvent}), 0.4)
		g.add(s, pickOf(g.r, []quad.IRI{graph.Date, graph.Date, graph.Date, graph.AnnouncedOn, graph.EstablishedOn}), g.date(), g.label)
		g.say(s, "in", g.lastDate)
	case w < 0.65:
		g.relate(graph.TypeOrganization, graph.PartOf, graph.TypeOrganization, "is part of")
	case w < 0.69:
		g.relate(graph.TypeOrganization, graph.Published, graph.TypeCreativeWork, "published")
	case w < 0.72:
		g.relate(graph.TypeOrganization, graph.Launched, pickOf(g.r, []quad.IRI{graph.TypeProduct, graph.TypeProgramme}), "launched")
	case w < 0.74:
		g.leader()
	case w < 0.76:
		g.relate(graph.TypeProduct, graph.DevelopedBy, graph.TypeOrganization, "was developed by")
	case w < 0.78:
		g.relate(graph.TypeOrganization, graph.Delivered, graph.TypeProduct, "delivered")
	case w < 0.79:
		g.relate(graph.TypeOrganization, graph.Commissioned, graph.TypeOrganization, "commissioned")
	case w < 0.80:
		g.relate(graph.TypeOrganization, graph.MergedInto, graph.TypeOrganization, "merged into")
	case w < 0.81:
		g.relate(graph.TypeOrganization, graph.EstablishedBy, graph.TypePerson, "was set up by")
	default:
		// A sentence that states nothing but names something.
		g.mention(g.pick(pickOf(g.r, mentioned), 0.3))
	}
}

func (g *gen) relate(st quad.IRI, p quad.IRI, ot quad.IRI, verb string) {
	s := g.subject(st)
	o := g.pick(ot, 0.35)
	if s == o {
		return
	}
	g.add(s, p, o, g.label)
	g.say(s, verb, o)
}

func (g *gen) leader() {
	org := g.subject(graph.TypeOrganization)
	p := g.pick(graph.TypePerson, 0.6)
	role := pickOf(g.r, roles) + " of " + g.name(org)
	g.add(org, graph.LedBy, p, g.label)
	g.add(p, graph.HoldsRole, quad.String(role), g.label)
	g.add(p, graph.RoleAt, org, g.label)
	g.say(p, "is the "+role+", leading", org)
}

// achieved credits a new figure to a programme, organisation or product.
func (g *gen) achieved() {
	who := g.subject(pickOf(g.r, []quad.IRI{graph.TypeProgramme, graph.TypeOrganization, graph.TypeOrganization, graph.TypeProduct}))
	unit := pickOf(g.r, units)
	value := int64(math.Round(math.Pow(10, 1+g.r.Float64()*6)))
	name := humanNumber(value) + " " + unit
	hedge := ""
	if g.r.IntN(4) == 0 {
		hedge = pickOf(g.r, hedges)
		name = hedge + " " + name
	}
	out := g.newEntity(graph.TypeOutcome, name, nil)
	g.pools[graph.TypeOutcome].items = append(g.pools[graph.TypeOutcome].items, out)
	g.add(out, graph.Value, quad.Int(value), g.label)
	g.add(out, graph.Unit, quad.String(unit), g.label)
	g.add(out, graph.Description, quad.String(unit+" "+pickOf(g.r, outcomeTails)), g.label)
	if hedge != "" {
		g.add(out, graph.Hedge, quad.String(hedge), g.label)
	}
	g.add(who, graph.Achieved, out, g.label)
	g.say(who, "achieved", out)
	if g.r.IntN(2) == 0 {
		about := g.pick(pickOf(g.r, []quad.IRI{graph.TypeProduct, graph.TypeDataset, graph.TypeProgramme}), 0.4)
		g.add(out, graph.About, about, g.label)
		g.mention(about)
	}
	if g.r.IntN(7) == 0 {
		g.add(out, graph.Date, g.date(), g.label)
	}
	// Now and then another source gives a different figure.
	if items := g.pools[graph.TypeOutcome].items; g.r.IntN(50) == 0 && len(items) > 1 {
		other := items[g.r.IntN(len(items)-1)]
		g.add(out, graph.ConflictsWith, other, g.label)
		g.add(other, graph.ConflictsWith, out, g.label)
	}
}

// fund writes a new amount of money and what it pays for.
func (g *gen) fund() {
	amount := int64(1+g.r.IntN(999)) * int64(math.Pow(10, float64(5+g.r.IntN(4))))
	prog := g.pick(graph.TypeProgramme, 0.35)
	name := "£" + humanNumber(amount) + " for " + g.name(prog)
	f := g.newEntity(graph.TypeFund, name, []string{"£" + humanNumber(amount)})
	g.pools[graph.TypeFund].items = append(g.pools[graph.TypeFund].items, f)
	g.add(f, graph.Amount, quad.Int(amount), g.label)
	g.add(f, graph.Currency, quad.String("GBP"), g.label)
	g.add(f, graph.Funds, prog, g.label)
	g.say(f, "funds", prog)
	if g.r.IntN(3) == 0 {
		g.add(f, graph.FundKind, quad.String(pickOf(g.r, []string{"capital", "revenue", "capital and revenue"})), g.label)
	}
	if g.r.IntN(3) == 0 {
		org := g.pick(graph.TypeOrganization, 0.2)
		g.add(f, graph.ProvidedBy, org, g.label)
		g.say(f, "is provided by", org)
	}
	if g.r.IntN(3) == 0 {
		g.add(f, graph.Date, g.date(), g.label)
	}
	if items := g.pools[graph.TypeFund].items; g.r.IntN(7) == 0 && len(items) > 1 {
		g.add(f, graph.PartOf, items[g.r.IntN(len(items)-1)], g.label)
	}
}

// subject picks the subject of a fact: for an organisation, often the
// document's author ("we").
func (g *gen) subject(t quad.IRI) quad.IRI {
	if t == graph.TypeOrganization && g.r.IntN(3) != 0 {
		return g.author
	}
	return g.pick(t, 0.3)
}

// pick returns an entity of type t: a new one with probability fresh,
// otherwise an earlier one, the earliest most often.
func (g *gen) pick(t quad.IRI, fresh float64) quad.IRI {
	p := g.pools[t]
	if len(p.items) == 0 || g.r.Float64() < fresh {
		e := g.newEntity(t, g.inventName(t), nil)
		p.items = append(p.items, e)
		return e
	}
	return p.items[int(float64(len(p.items))*math.Pow(g.r.Float64(), 3))]
}

// newEntity declares an entity, making its IRI unique if the name is taken.
func (g *gen) newEntity(t quad.IRI, name string, alts []string) quad.IRI {
	iri := graph.EntityIRI(t, name)
	if g.used[iri] {
		name = name + " (" + g.doc + ")"
		iri = graph.EntityIRI(t, name)
		for i := 2; g.used[iri]; i++ {
			iri = graph.EntityIRI(t, name+" "+strconv.Itoa(i))
		}
	}
	g.used[iri] = true
	g.add(iri, graph.RDFType, t, nil)
	g.add(iri, graph.Name, quad.String(name), nil)
	for _, a := range alts {
		g.add(iri, graph.AlternateName, quad.String(a), nil)
	}
	if t != graph.TypeOutcome && t != graph.TypeFund && g.r.IntN(3) == 0 {
		g.add(iri, graph.AlternateName, quad.String(acronym(name)), nil)
	}
	return iri
}

// date returns a day, month, year or financial year, declaring it and the
// dates it falls within the first time.
func (g *gen) date() quad.IRI {
	if g.dates == nil {
		g.dates = map[string]bool{}
	}
	y := 2016 + g.r.IntN(9)
	m := 1 + g.r.IntN(12)
	switch g.r.IntN(4) {
	case 0:
		g.lastDate = strconv.Itoa(y)
		return g.dateNode(strconv.Itoa(y), strconv.Itoa(y), "")
	case 1:
		fy := fmt.Sprintf("FY%d-%02d", y, (y+1)%100)
		g.dateNode(strconv.Itoa(y), strconv.Itoa(y), "")
		g.lastDate = fmt.Sprintf("financial year %d-%02d", y, (y+1)%100)
		return g.dateNode(fy, g.lastDate, strconv.Itoa(y))
	case 2:
		g.dateNode(strconv.Itoa(y), strconv.Itoa(y), "")
		g.lastDate = months[m-1] + " " + strconv.Itoa(y)
		return g.dateNode(fmt.Sprintf("%d-%02d", y, m), g.lastDate, strconv.Itoa(y))
	default:
		d := 1 + g.r.IntN(28)
		g.dateNode(strconv.Itoa(y), strconv.Itoa(y), "")
		g.dateNode(fmt.Sprintf("%d-%02d", y, m), months[m-1]+" "+strconv.Itoa(y), strconv.Itoa(y))
		g.lastDate = fmt.Sprintf("%d %s %d", d, months[m-1], y)
		return g.dateNode(fmt.Sprintf("%d-%02d-%02d", y, m, d), g.lastDate, fmt.Sprintf("%d-%02d", y, m))
	}
}

func (g *gen) dateNode(key, name, within string) quad.IRI {
	iri := quad.IRI("nhs:date/" + key)
	if !g.dates[key] {
		g.dates[key] = true
		g.add(iri, graph.RDFType, graph.TypeDate, nil)
		g.add(iri, graph.Name, quad.String(name), nil)
		if within != "" {
			g.add(iri, graph.Within, quad.IRI("nhs:date/"+within), nil)
		}
	}
	return iri
}

// mention records that the sentence names e.
func (g *gen) mention(e quad.IRI) {
	if !g.mentions[e] {
		g.mentions[e] = true
		g.add(g.label, graph.Mentions, e, g.label)
	}
}

// say adds words to the sentence and mentions its entities.
func (g *gen) say(s quad.IRI, verb string, o any) {
	g.mention(s)
	obj := fmt.Sprint(o)
	if iri, ok := o.(quad.IRI); ok {
		g.mention(iri)
		obj = g.name(iri)
	}
	g.text = append(g.text, g.name(s), verb, obj)
}

// name is an entity's name as its IRI reads.
func (g *gen) name(e quad.IRI) string {
	s := string(e)
	return strings.ReplaceAll(s[strings.LastIndexByte(s, '/')+1:], "-", " ")
}

// inventName makes a plausible name for a new entity of type t.
func (g *gen) inventName(t quad.IRI) string {
	place := pickOf(g.r, placeHeads) + pickOf(g.r, placeTails)
	switch t {
	case graph.TypeOrganization:
		return place + " " + pickOf(g.r, orgKinds)
	case graph.TypePerson:
		return pickOf(g.r, firstNames) + " " + pickOf(g.r, lastNames)
	case graph.TypeProgramme:
		return pickOf(g.r, adjectives) + " " + pickOf(g.r, topics) + " " + pickOf(g.r, programmeKinds)
	case graph.TypeProduct:
		return pickOf(g.r, []string{"NHS ", "", place + " "}) + pickOf(g.r, topics) + " " + pickOf(g.r, productKinds)
	case graph.TypeDataset:
		return pickOf(g.r, topics) + " " + pickOf(g.r, datasetKinds)
	case graph.TypeCreativeWork:
		return pickOf(g.r, adjectives) + " " + pickOf(g.r, topics) + " " + pickOf(g.r, workKinds)
	case graph.TypeEvent:
		return place + " " + pickOf(g.r, topics) + " " + pickOf(g.r, []string{"summit", "festival", "conference", "review"})
	case graph.TypePlace:
		return place
	}
	return place
}

func pickOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func sha(i int) []byte {
	h := sha256.Sum256([]byte(strconv.Itoa(i)))
	return h[:]
}

// humanNumber writes 24000000 as "24 million" and 40000 as "40,000".
func humanNumber(v int64) string {
	switch {
	case v >= 1_000_000_000 && v%100_000_000 == 0:
		return strconv.FormatFloat(float64(v)/1e9, 'f', -1, 64) + " billion"
	case v >= 1_000_000 && v%100_000 == 0:
		return strconv.FormatFloat(float64(v)/1e6, 'f', -1, 64) + " million"
	}
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r := w[0]; r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			b.WriteByte(r &^ 0x20)
		}
	}
	return b.String()
}

var (
	mentioned      = []quad.IRI{graph.TypeOrganization, graph.TypeOrganization, graph.TypePerson, graph.TypeProgramme, graph.TypeProduct, graph.TypePlace, graph.TypeEvent, graph.TypeDataset, graph.TypeCreativeWork}
	docKinds       = []string{"annual report", "business plan", "progress update", "review", "strategy", "press release"}
	orgKinds       = []string{"NHS Foundation Trust", "NHS Trust", "Integrated Care System", "Clinical Commissioning Group", "Health Analytics Ltd", "Digital Partnership", "University", "Council", "Health Innovation Network", "Primary Care Network"}
	placeHeads     = []string{"North", "South", "East", "West", "Ash", "Bram", "Cal", "Dun", "Eller", "Fern", "Glen", "Hart", "Ing", "Kings", "Lang", "Marl", "Nor", "Oak", "Pen", "Rother", "Shel", "Thorn", "Upton", "Wick", "York", "Bel", "Car", "Dar", "Elm", "Frod"}
	placeTails     = []string{"ford", "ham", "ton", "bury", "field", "wich", "ley", "mouth", "worth", "by", "stead", "combe", "dale", "minster", "bridge", " Vale", " Coast", "shire", "well", "port"}
	firstNames     = []string{"Amanda", "Matthew", "Simon", "Laura", "Ming", "Priya", "James", "Sarah", "David", "Aisha", "Tom", "Helen", "Rachel", "Owen", "Fiona", "Raj", "Chloe", "Peter", "Nadia", "Ian"}
	lastNames      = []string{"Gould", "Stevens", "Pritchard", "Tang", "Wade-Gery", "Patel", "Smith", "Jones", "Okafor", "Brown", "Khan", "Taylor", "Evans", "Hughes", "Murphy", "Clarke", "Wilson", "Shah", "Lewis", "Walker"}
	adjectives     = []string{"Digital", "National", "Regional", "Integrated", "Remote", "Virtual", "Frontline", "Community", "Shared", "Secure", "Connected", "Population", "Child", "Mental", "Urgent"}
	topics         = []string{"Care Records", "Monitoring", "Wards", "Imaging", "Pathology", "Prescribing", "Cyber Security", "Health Analytics", "Maternity", "Dermatology", "Radiology", "Workforce", "Social Care", "Vaccination", "Diagnostics", "Inclusion", "Interoperability", "Booking", "Screening", "Telehealth"}
	programmeKinds = []string{"Programme", "Initiative", "Award", "Network", "Fund Scheme", "Pilot", "Accelerator", "Service"}
	productKinds   = []string{"App", "Platform", "Portal", "System", "Service", "Toolkit", "Hub"}
	datasetKinds   = []string{"Data Store", "Database", "Records", "Registry", "Dataset"}
	workKinds      = []string{"Strategy", "Plan", "Guidance", "Review", "Framework", "Playbook", "Report"}
	roles          = []string{"chief executive", "director", "chair", "chief data officer", "minister"}
	units          = []string{"people", "patients", "laptops", "iPads", "GP practices", "trusts", "care homes", "users", "downloads", "accounts", "staff", "appointments", "records", "images", "organisations", "visits"}
	hedges         = []string{"over", "almost", "more than", "just under", "nearly", "at least"}
	outcomeTails   = []string{"supported", "reached", "connected", "equipped", "registered", "served", "trained"}
	fillers        = []string{"This work continues.", "More detail is available on request.", "The programme is ongoing.", "Further updates will follow."}
	months         = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)
