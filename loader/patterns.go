package loader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Pattern rules find entities that no list names, from the shape of their
// names: organisation suffixes, programme and fund words, titles of people
// and roles before names, and quoted titles of publications.

var (
	titleRe       = regexp.MustCompile(`\b((?:Baroness|Lord|Lady|Sir|Dame|Dr|Professor|Prof|Mr|Mrs|Ms|Rt Hon)\.?[\p{Zs} ]+[A-Z][\p{L}’'-]+(?:[\p{Zs} ]+[A-Z][\p{L}’'-]+){0,2})`)
	rolePersonRe  = regexp.MustCompile(`(?:\b(?:chief|[Cc]hief [Ee]xecutive|CEO|[Dd]irector|[Mm]inister|[Ss]ecretary|[Cc]hair(?:man|woman)?|[Hh]ead|[Ll]ead|[Aa]uthor|[Ff]ounder|[Pp]resident|[Oo]fficer|[Cc]ommissioner|[Cc]linician|by|[Ss]aid|[Ss]ays)(?: of [A-Z][\p{L}]+(?: [A-Z&][\p{L}]*){0,6})?,?[\p{Zs} ]+)([A-Z][a-z]+(?:-[A-Z][a-z]+)?[\p{Zs} ][A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b`)
	quotedTitleRe = regexp.MustCompile(`(?:author of|published|publish|titled|entitled|called|report|guidance|strategy|review)[\p{Zs} ]+['‘"“]([A-Z][^'’"”]{8,120})['’"”]`)
)

// patternConfidence is how sure the pattern rules are that a name they
// found is an entity of the type they gave it.
const patternConfidence = 0.7

// The words each suffix rule's names end in, in the order its regexp
// (capseq_test.go) tries them, and the key words one of which a sentence
// must hold for the rule to look at it.
var (
	orgSuffixes = []string{"NHS Foundation Trusts", "NHS Foundation Trust", "NHS Trusts", "NHS Trust",
		"Foundation Trusts", "Foundation Trust", "Trusts", "Trust", "ICS", "ICB", "CCG", "Integrated Care System",
		"Integrated Care Board", "Clinical Commissioning Group", "Authority", "Agency", "Service", "Directorate", "Lab",
		"Council", "Commission", "Committee", "Institute", "University", "College", "Society", "Centre", "Center",
		"Board", "Group", "Partnership", "Collaborative", "Alliance", "Foundation", "Department", "Office", "Unit",
		"Hospital", "Hospitals", "Ltd", "Limited", "plc", "Inc", "Network", "Academy", "Consortium", "Federation",
		"Association", "Trust"}
	orgSuffixWords = []string{"Trust", "ICS", "ICB", "CCG", "Integrated Care", "Clinical Commissioning", "Authority", "Agency",
		"Service", "Directorate", "Lab", "Council", "Commission", "Committee", "Institute", "University", "College",
		"Society", "Centre", "Center", "Board", "Group", "Partnership", "Collaborative", "Alliance", "Foundation",
		"Department", "Office", "Unit", "Hospital", "Ltd", "Limited", "plc", "Inc", "Network", "Academy",
		"Consortium", "Federation", "Association"}
	progSuffixes = []string{"Programme", "Program", "Award", "Awards", "Challenge", "Initiative", "Scheme", "Campaign",
		"Accelerator", "Pathway", "Project", "Framework"}
	progSuffixWords = []string{"Programme", "Program", "Award", "Challenge", "Initiative", "Scheme", "Campaign",
		"Accelerator", "Pathway", "Project", "Framework"}
	fundSuffixes    = []string{"Fund", "Grant", "Settlement", "Allocation"}
	productSuffixes = []string{"Platform", "Portal", "App", "Database", "Dashboard", "Registry", "Record"}
	workSuffixes    = []string{"Strategy", "Plan", "White Paper", "Green Paper", "Report", "Review", "Guidance", "Guide",
		"Standard", "Charter", "Act", "Regulations", "Roadmap", "Blueprint", "Criteria", "Manifesto", "Policy"}
	workSuffixWords = []string{"Strategy", "Plan", "Paper", "Report", "Review", "Guidance", "Guide", "Standard",
		"Charter", "Act", "Regulations", "Roadmap", "Blueprint", "Criteria", "Manifesto", "Policy"}
)

// nameRule is a pattern rule: it looks at a sentence only if the sentence
// holds one of its key words, and finds spans (with the name's own span,
// which for most rules is the same).
type nameRule struct {
	keys *keyedRe // the key words; the regexp for the rules that run one
	scan *suffixScanner
	typ  quad.IRI
}

func (r *nameRule) find(keys *keyHits) [][]int {
	if r.scan == nil {
		return r.keys.FindAllStringSubmatchIndex(keys)
	}
	if !r.keys.in(keys) {
		return nil
	}
	var out [][]int
	for _, m := range r.scan.FindAll(keys.s) {
		out = append(out, []int{m[0], m[1], m[0], m[1]})
	}
	return out
}

// The pattern rules. orgSuffixRule and suffixRules name things by the word
// their names end in (or, for the quoted-title rule, by the quotes around
// them).
var (
	orgSuffixRule = &nameRule{keyOnly(orgSuffixWords...), &suffixScanner{suffixes: orgSuffixes}, graph.TypeOrganization}
	suffixRules   = []*nameRule{
		{keyOnly(progSuffixWords...), &suffixScanner{suffixes: progSuffixes, project: true}, graph.TypeProgramme},
		{keyOnly(fundSuffixes...), &suffixScanner{suffixes: fundSuffixes}, graph.TypeFund},
		{keyOnly(productSuffixes...), &suffixScanner{suffixes: productSuffixes}, graph.TypeProduct},
		{keyOnly(workSuffixWords...), &suffixScanner{suffixes: workSuffixes}, graph.TypeCreativeWork},
		{keys: newKeyedRe(quotedTitleRe, "author of", "publish", "titled", "called", "report", "guidance", "strategy", "review").gated(quoteAfter),
			typ: graph.TypeCreativeWork},
	}
	titleRule = newKeyedRe(titleRe, "Baroness", "Lord", "Lady", "Sir", "Dame", "Dr", "Professor", "Prof", "Mr", "Mrs",
		"Ms", "Rt Hon").gated(titleBeforeName)
	rolePersonRule = newKeyedRe(rolePersonRe, "chief", "Chief Executive", "Chief executive", "chief Executive", "CEO",
		"Director", "director", "Minister", "minister", "Secretary", "secretary", "Chair", "chair", "Chairman",
		"chairman", "Chairwoman", "chairwoman", "Head", "head", "Lead", "lead", "Author", "author", "Founder", "founder",
		"President", "president", "Officer", "officer", "Commissioner", "commissioner", "Clinician", "clinician", "by",
		"Said", "said", "Says", "says").gated(roleBeforeName)
)

// The gates of the rules above: what a match needs around its key word.

// quoteAfter: "published" and the like, white space, then an opening quote.
func quoteAfter(s string, _, end int) bool {
	j := zsSpaces(s, end)
	if j == end {
		return false
	}
	for _, q := range []string{"'", "‘", "\"", "“"} {
		if strings.HasPrefix(s[j:], q) {
			return true
		}
	}
	return false
}

// titleBeforeName: a title starting a word, perhaps a full stop, white
// space, then a capital.
func titleBeforeName(s string, start, end int) bool {
	if start > 0 && isWordByte(s[start-1]) {
		return false
	}
	if end < len(s) && s[end] == '.' {
		end++
	}
	return spaceThenCapital(s, end)
}

// roleBeforeName: a role word (or "by", "said") starting a word, then
// " of ..." or a comma or white space and a capital.
func roleBeforeName(s string, start, end int) bool {
	if start > 0 && isWordByte(s[start-1]) {
		return false
	}
	if strings.HasPrefix(s[end:], " of ") {
		return true
	}
	if end < len(s) && s[end] == ',' {
		end++
	}
	return spaceThenCapital(s, end)
}

// spaceThenCapital: `[\p{Zs} ]+[A-Z]` at i.
func spaceThenCapital(s string, i int) bool {
	j := zsSpaces(s, i)
	return j > i && j < len(s) && s[j] >= 'A' && s[j] <= 'Z'
}

// patternKeys finds the key words of every pattern rule (and of "the
// report", marks.go) in one pass.
var patternKeys = newKeyTable(func() []*keyedRe {
	rules := []*keyedRe{orgSuffixRule.keys, titleRule, rolePersonRule, workAnaphorRule}
	for _, r := range suffixRules {
		rules = append(rules, r.keys)
	}
	return rules
}()...)

// notNames are capitalised words that start sentences or headings but do
// not start names.
var notNames = map[string]bool{
	"The": true, "A": true, "An": true, "In": true, "On": true, "Of": true, "For": true, "And": true,
	"This": true, "That": true, "These": true, "Those": true, "Our": true, "We": true, "It": true,
	"Its": true, "Their": true, "With": true, "From": true, "By": true, "At": true, "As": true,
	"During": true, "Since": true, "Through": true, "Under": true, "Every": true, "All": true,
	"Each": true, "Some": true, "Many": true, "Most": true, "New": false, "Key": true, "Other": true,
	"First": true, "Second": true, "Third": true, "Fourth": true, "Fifth": true, "Sixth": true,
	"Here": true, "There": true, "When": true, "Now": true, "Today": true, "Last": true, "Next": true,
	"Both": true, "Also": true, "Working": true, "Supporting": true, "Using": true,
}

// personStop are words that look like names in a "chief X Y" pattern but
// are not.
var personStop = map[string]bool{
	"The": true, "This": true, "That": true, "National": true, "Health": true, "Digital": true,
	"Social": true, "Care": true, "State": true, "Data": true, "Executive": true, "Team": true,
	"Transformation": true, "Officer": true, "England": true, "Improvement": true, "Service": true,
}

// findPatternEntities finds entities by the shape of their names in s,
// whose key words (patternKeys) are in keys; s has two capitalised words
// in a row (hasCapitalPair), without which no pattern can match. Each
// pattern runs only where its key words occur: most sentences name nothing
// new. Names the gazetteer knows are left to the gazetteer.
func findPatternEntities(s string, gaz *Gazetteer, keys *keyHits) []mark {
	var out []mark
	add := func(start, end int, typ quad.IRI, name string) {
		surface := s[start:end]
		name = trimLeadingStop(trimPossessor(name))
		if name == "" || len(strings.Fields(name)) > 10 {
			return
		}
		// shift start to where the trimmed name begins
		if k := strings.Index(surface, name); k > 0 {
			start += k
			surface = s[start:end]
		}
		if ms := gaz.match(surface); len(ms) == 1 && ms[0].start == 0 && ms[0].end == len(surface) {
			return // the gazetteer already names it
		}
		e := &Entry{Name: canonicalName(name), Type: typ, Confidence: patternConfidence}
		e.settle()
		out = append(out, mark{start: start, end: end, kind: markEntity, surface: surface, entry: e})
	}
	for _, loc := range orgSuffixRule.find(keys) {
		for _, part := range splitCoordinated(s[loc[2]:loc[3]], loc[2]) {
			add(part[0], part[1], graph.TypeOrganization, s[part[0]:part[1]])
		}
	}
	for _, r := range suffixRules {
		for _, loc := range r.find(keys) {
			add(loc[2], loc[3], r.typ, s[loc[2]:loc[3]])
		}
	}
	for _, loc := range titleRule.FindAllStringSubmatchIndex(keys) {
		name := s[loc[2]:loc[3]]
		for _, t := range []string{"Dr ", "Dr. ", "Professor ", "Prof ", "Prof. ", "Mr ", "Mrs ", "Ms ", "Rt Hon "} {
			name = strings.TrimPrefix(name, t)
		}
		add(loc[2], loc[3], graph.TypePerson, name)
	}
	for _, loc := range rolePersonRule.FindAllStringSubmatchIndex(keys) {
		name := s[loc[2]:loc[3]]
		f := strings.Fields(name)
		if len(f) != 2 || personStop[f[0]] || personStop[f[1]] || notNames[f[0]] {
			continue
		}
		add(loc[2], loc[3], graph.TypePerson, name)
	}
	return out
}

// hasCapitalPair reports whether s has two capitalised words in a row (or
// a title before a name), without which no pattern can match.
func hasCapitalPair(s string) bool {
	prevCap := false
	for w := range strings.FieldsSeq(s) {
		r, _ := utf8.DecodeRuneInString(w)
		c := unicode.IsUpper(r) || unicode.IsDigit(r)
		if c && prevCap {
			return true
		}
		prevCap = c
	}
	return false
}

// splitCoordinated splits "British Society of Thoracic Imaging and Royal
// Surrey NHS Foundation Trusts" into its two organisations: a plural suffix
// after "and" shares the suffix out. Offsets are shifted by base.
func splitCoordinated(s string, base int) [][2]int {
	plural := strings.HasSuffix(s, "Trusts")
	i := strings.LastIndex(s, " and ")
	if !plural || i < 0 {
		return [][2]int{{base, base + len(s)}}
	}
	return [][2]int{{base, base + i}, {base + i + len(" and "), base + len(s) - 1}}
}

// trimPossessor drops a leading possessor: "NHSX’s NHS AI Lab" names the
// lab, which belongs to NHSX.
func trimPossessor(name string) string {
	f := strings.SplitN(name, " ", 2)
	if len(f) == 2 && (strings.HasSuffix(f[0], "’s") || strings.HasSuffix(f[0], "'s")) {
		return f[1]
	}
	return name
}

// trimLeadingStop drops sentence-initial words that are not part of a name.
func trimLeadingStop(name string) string {
	for {
		f := strings.SplitN(name, " ", 2)
		if len(f) < 2 || !notNames[f[0]] {
			return name
		}
		name = f[1]
	}
}

// canonicalName is the name a pattern entity is known by: its surface with
// white space collapsed and a trailing possessive removed.
func canonicalName(s string) string {
	s = cleanSurface(s)
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		s = strings.ToUpper(string(r)) + s[utf8.RuneLen(r):]
	}
	return s
}
