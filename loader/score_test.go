package loader

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"

	"github.com/nhsgraph/nhsgraph/graph"
)

// A Go port of the shared scorer's held-out measures
// (../shared/tools/score_graph.py with --heldout), so that a test can
// guard extraction quality on the dev set without Python or ../shared:
// the same name folding, the same two-hop walk that does not pass through
// hubs or dates, the same 60% coverage of an object's content words.

// goldFact is one hand-made fact of a dev-set document.
type goldFact struct {
	Subject        string   `json:"subject"`
	SubjectType    string   `json:"subject_type"`
	Relation       string   `json:"relation"`
	Object         string   `json:"object"`
	AmountGBP      float64  `json:"amount_gbp"`
	Date           string   `json:"date"`
	Evidence       string   `json:"evidence"`
	SubjectAliases []string `json:"subject_aliases"`
	Quantity       *struct {
		Value *float64 `json:"value"`
	} `json:"quantity"`
}

// pathQuestion is a multi-hop question: every hop must connect.
type pathQuestion struct {
	Question string      `json:"question"`
	Hops     [][3]string `json:"hops"`
}

// scoreGraph indexes quads the way the scorer reads them.
type scoreGraph struct {
	names    map[quad.Value]map[string]bool // node -> folded names
	rawNames map[quad.Value][]string
	byName   map[string]map[quad.Value]bool
	types    map[quad.Value]map[string]bool
	adj      map[quad.Value]map[quad.Value]bool
	lits     map[quad.Value][]scoreLit
}

type scoreLit struct {
	pred string
	val  string
}

var metaPreds = map[string]bool{"name": true, "label": true, "alternateName": true, "altLabel": true, "prefLabel": true,
	"type": true, "text": true, "wasDerivedFrom": true, "start": true, "end": true, "description": true, "sha256": true,
	"file": true, "mentionedIn": true, "mentions": true, "within": true, "startOffset": true, "endOffset": true, "sentence": true}

var namePreds = map[string]bool{"name": true, "label": true, "alternateName": true, "altLabel": true, "prefLabel": true}

// localName is a predicate or class without its namespace.
func localName(v quad.Value) string {
	s := ""
	switch v := v.(type) {
	case quad.IRI:
		s = string(graph.Expand(v))
	default:
		s = quad.StringOf(v)
	}
	for _, sep := range []string{"#", "/", ":"} {
		if i := strings.LastIndex(s, sep); i >= 0 {
			s = s[i+1:]
		}
	}
	return s
}

func newScoreGraph(quads []quad.Quad) *scoreGraph {
	g := &scoreGraph{names: map[quad.Value]map[string]bool{}, rawNames: map[quad.Value][]string{},
		byName: map[string]map[quad.Value]bool{}, types: map[quad.Value]map[string]bool{},
		adj: map[quad.Value]map[quad.Value]bool{}, lits: map[quad.Value][]scoreLit{}}
	add := func(m map[quad.Value]map[quad.Value]bool, a, b quad.Value) {
		if m[a] == nil {
			m[a] = map[quad.Value]bool{}
		}
		m[a][b] = true
	}
	for _, q := range quads {
		p := localName(q.Predicate)
		switch o := q.Object.(type) {
		case quad.String:
			if namePreds[p] {
				n := scoreNorm(string(o))
				if g.names[q.Subject] == nil {
					g.names[q.Subject] = map[string]bool{}
				}
				g.names[q.Subject][n] = true
				g.rawNames[q.Subject] = append(g.rawNames[q.Subject], string(o))
				if g.byName[n] == nil {
					g.byName[n] = map[quad.Value]bool{}
				}
				g.byName[n][q.Subject] = true
			}
		case quad.IRI:
			if p == "type" {
				if g.types[q.Subject] == nil {
					g.types[q.Subject] = map[string]bool{}
				}
				g.types[q.Subject][localName(o)] = true
			}
		}
	}
	for _, q := range quads {
		p := localName(q.Predicate)
		if o, ok := q.Object.(quad.IRI); ok {
			if metaPreds[p] {
				continue
			}
			add(g.adj, q.Subject, o)
			add(g.adj, o, q.Subject)
			continue
		}
		g.lits[q.Subject] = append(g.lits[q.Subject], scoreLit{p, fmt.Sprint(quad.NativeOf(q.Object))})
	}
	return g
}

var (
	possRe    = regexp.MustCompile(`'s\b`)
	nonWordRe = regexp.MustCompile(`[^a-z0-9% ]+`)
	spacesRe  = regexp.MustCompile(`\s+`)
)

// scoreNorm folds a name as the scorer's nq.norm does.
func scoreNorm(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.ReplaceAll(s, "&", " and ")
	s = possRe.ReplaceAllString(s, "")
	s = nonWordRe.ReplaceAllString(s, " ")
	s = strings.TrimSpace(spacesRe.ReplaceAllString(s, " "))
	return strings.TrimPrefix(s, "the ")
}

var scoreStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of for and or in on at to by with from as is are was were be been being its it this that
these those their our we they which who whom into over under than more less about per each all any`) {
		scoreStop[w] = true
	}
}

// coverage is the share of target's content words that label holds.
func coverage(label, target string) float64 {
	want := map[string]bool{}
	for _, t := range strings.Fields(scoreNorm(target)) {
		if !scoreStop[t] {
			want[strings.ReplaceAll(t, ",", "")] = true
		}
	}
	if len(want) == 0 {
		return 0
	}
	have := map[string]bool{}
	for _, t := range strings.Fields(scoreNorm(label)) {
		if !scoreStop[t] {
			have[strings.ReplaceAll(t, ",", "")] = true
		}
	}
	n := 0
	for t := range want {
		if have[t] {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

func (g *scoreGraph) find(name string, aliases []string, fuzzy bool) map[quad.Value]bool {
	out := map[quad.Value]bool{}
	for _, n := range append([]string{name}, aliases...) {
		for v := range g.byName[scoreNorm(n)] {
			out[v] = true
		}
	}
	if len(out) == 0 && fuzzy {
		k := scoreNorm(name)
		if len(k) >= 5 {
			for nm, nodes := range g.byName {
				if len(nm) >= 5 && (strings.Contains(nm, k) || strings.Contains(k, nm)) &&
					float64(min(len(k), len(nm)))/float64(max(len(k), len(nm))) >= 0.5 {
					for v := range nodes {
						out[v] = true
					}
				}
			}
		}
	}
	return out
}

const scoreHub = 30

// within is the set of nodes at most hops edges from starts, not walking
// through hubs or dates.
func (g *scoreGraph) within(starts map[quad.Value]bool, hops int) map[quad.Value]bool {
	seen := map[quad.Value]bool{}
	frontier := map[quad.Value]bool{}
	for v := range starts {
		seen[v], frontier[v] = true, true
	}
	for i := 0; i < hops; i++ {
		next := map[quad.Value]bool{}
		for n := range frontier {
			if i > 0 && (len(g.adj[n]) > scoreHub || g.types[n]["Date"]) {
				continue
			}
			for m := range g.adj[n] {
				if !seen[m] {
					next[m] = true
				}
			}
		}
		for m := range next {
			seen[m] = true
		}
		frontier = next
	}
	return seen
}

func (g *scoreGraph) labels(n quad.Value) []string {
	var out []string
	for nm := range g.names[n] {
		out = append(out, nm)
	}
	for _, l := range g.lits[n] {
		if l.pred == "description" {
			out = append(out, scoreNorm(l.val))
		}
	}
	return out
}

func (g *scoreGraph) numbers(n quad.Value) []float64 {
	var out []float64
	for _, l := range g.lits[n] {
		if namePreds[l.pred] || l.pred == "text" {
			continue
		}
		f := strings.Fields(strings.ReplaceAll(l.val, ",", ""))
		if len(f) == 0 {
			continue
		}
		if v, err := strconv.ParseFloat(f[0], 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// factHit is the scorer's fact_hit for a held-out fact.
func (g *scoreGraph) factHit(f goldFact, subjects map[string][]string) bool {
	s := g.find(f.Subject, subjects[f.Subject], true)
	if len(s) == 0 {
		return false
	}
	near := g.within(s, 2)
	if _, isEnt := subjects[f.Object]; isEnt {
		o := g.find(f.Object, subjects[f.Object], true)
		for v := range o {
			if !s[v] && near[v] {
				return true
			}
		}
		return false
	}
	close := func(v, want float64, tol float64) bool { return math.Abs(v-want) <= tol }
	if f.AmountGBP != 0 {
		for n := range near {
			for _, v := range g.numbers(n) {
				if close(v, f.AmountGBP, 0.005*f.AmountGBP) {
					return true
				}
			}
		}
		return false
	}
	if f.Quantity != nil && f.Quantity.Value != nil {
		want := *f.Quantity.Value
		for n := range near {
			for _, v := range g.numbers(n) {
				if close(v, want, 0.005*math.Max(math.Abs(want), 1)) {
					return true
				}
			}
		}
		return false
	}
	if f.Date != "" && (strings.HasSuffix(f.Relation, "_on") || strings.HasSuffix(f.Relation, "_in") || strings.HasSuffix(f.Relation, "date")) {
		year := f.Date[:min(4, len(f.Date))]
		for n := range near {
			for _, nm := range g.rawNames[n] {
				if strings.Contains(nm, year) {
					return true
				}
			}
			if strings.Contains(quad.StringOf(n), year) {
				return true // the scorer looks at the node's IRI too
			}
		}
		return false
	}
	if f.Object != "" {
		for n := range near {
			if s[n] {
				continue
			}
			for _, l := range g.labels(n) {
				if coverage(l, f.Object) >= 0.6 {
					return true
				}
			}
		}
	}
	return false
}

// connected is the scorer's steps_connected for a path question.
func (g *scoreGraph) connected(q pathQuestion, subjects map[string][]string) bool {
	for _, h := range q.Hops {
		a, b := h[0], h[2]
		A := g.find(a, subjects[a], true)
		if len(A) == 0 {
			return false
		}
		near := g.within(A, 2)
		found := false
		for v := range g.find(b, subjects[b], true) {
			found = found || !A[v] && near[v]
		}
		if _, ent := subjects[b]; !found && !ent {
			for n := range near {
				if A[n] {
					continue
				}
				for _, l := range g.labels(n) {
					found = found || coverage(l, b) >= 0.6
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// devScore is what the scorer reports for a set of held-out documents.
type devScore struct {
	Facts, SubjectsFound, FactsFound, Paths, PathsFound int
}

func (s devScore) subjects() float64 { return float64(s.SubjectsFound) / float64(max(s.Facts, 1)) }
func (s devScore) facts() float64    { return float64(s.FactsFound) / float64(max(s.Facts, 1)) }

// scoreDevSet extracts every document of dir and scores the graph against
// the gold files beside them.
func scoreDevSet(dir string) (devScore, error) {
	texts, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var files []File
	for _, p := range texts {
		b, err := os.ReadFile(p)
		if err != nil {
			return devScore{}, err
		}
		files = append(files, File{Name: filepath.Base(p), Data: b})
	}
	g := newScoreGraph(New().ExtractAll(files).Quads)
	var sc devScore
	golds, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	for _, p := range golds {
		var facts []goldFact
		b, err := os.ReadFile(p)
		if err != nil {
			return sc, err
		}
		if err := json.Unmarshal(b, &facts); err != nil {
			return sc, err
		}
		subjects := map[string][]string{}
		for _, f := range facts {
			subjects[f.Subject] = append(subjects[f.Subject], f.SubjectAliases...)
		}
		for _, f := range facts {
			sc.Facts++
			if len(g.find(f.Subject, subjects[f.Subject], true)) > 0 {
				sc.SubjectsFound++
			}
			if g.factHit(f, subjects) {
				sc.FactsFound++
			}
		}
		var qs []pathQuestion
		if b, err := os.ReadFile(strings.Replace(p, ".gold.json", ".paths.json", 1)); err == nil {
			if err := json.Unmarshal(b, &qs); err != nil {
				return sc, err
			}
		}
		for _, q := range qs {
			sc.Paths++
			if g.connected(q, subjects) {
				sc.PathsFound++
			}
		}
	}
	return sc, nil
}
