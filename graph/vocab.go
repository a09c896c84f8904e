package graph

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Namespace IRIs behind the short prefixes that the store holds. IRIs are
// stored short ("<schema:name>") as the graph contract asks, and expanded only
// on RDF export.
const (
	NSRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSSchema = "https://schema.org/"
	NSProv   = "http://www.w3.org/ns/prov#"
	NSXSD    = "http://www.w3.org/2001/XMLSchema#"
	// NSNHS is nhsgraph's own vocabulary. It is stable: changing it breaks
	// every exported graph.
	NSNHS = "https://w3id.org/nhsgraph/"
)

// Prefixes maps each short prefix to its namespace, in a fixed order.
var Prefixes = []struct{ Prefix, Namespace string }{
	{"rdf:", NSRDF},
	{"schema:", NSSchema},
	{"prov:", NSProv},
	{"xsd:", NSXSD},
	{"nhs:", NSNHS},
}

// Expand turns a short IRI such as "nhs:org/nhsx" into a full one; an IRI
// with no known prefix is returned as it is.
func Expand(iri quad.IRI) quad.IRI {
	s := string(iri)
	for _, p := range Prefixes {
		if strings.HasPrefix(s, p.Prefix) {
			return quad.IRI(p.Namespace + s[len(p.Prefix):])
		}
	}
	return iri
}

// Shorten is the inverse of Expand.
func Shorten(iri quad.IRI) quad.IRI {
	s := string(iri)
	for _, p := range Prefixes {
		if strings.HasPrefix(s, p.Namespace) {
			return quad.IRI(p.Prefix + s[len(p.Namespace):])
		}
	}
	return iri
}

// Entity and bookkeeping types.
const (
	TypeOrganization = quad.IRI("schema:Organization")
	TypePerson       = quad.IRI("schema:Person")
	TypeProgramme    = quad.IRI("nhs:Programme")
	TypeFund         = quad.IRI("nhs:Fund")
	TypeOutcome      = quad.IRI("nhs:Outcome")
	TypeDate         = quad.IRI("nhs:Date")
	TypePlace        = quad.IRI("schema:Place")
	TypeProduct      = quad.IRI("schema:Product")
	TypeDataset      = quad.IRI("schema:Dataset")
	TypeEvent        = quad.IRI("schema:Event")
	TypeCreativeWork = quad.IRI("schema:CreativeWork")
	TypeDocument     = quad.IRI("nhs:Document")
	TypeSentence     = quad.IRI("nhs:Sentence")

	// Nodes that are not entities of the graph contract: a thing the text
	// describes in words rather than names (a method, an aim, a group of
	// people), and the post a person holds at an organisation.
	TypeConcept = quad.IRI("nhs:Concept")
	TypeRole    = quad.IRI("nhs:Role")
)

// Predicates.
const (
	RDFType       = quad.IRI("rdf:type")
	Name          = quad.IRI("schema:name")
	AlternateName = quad.IRI("schema:alternateName")
	Text          = quad.IRI("schema:text")
	Description   = quad.IRI("schema:description")
	Amount        = quad.IRI("schema:amount")
	Currency      = quad.IRI("schema:currency")
	DatePublished = quad.IRI("schema:datePublished")
	DerivedFrom   = quad.IRI("prov:wasDerivedFrom")

	Start    = quad.IRI("nhs:start")
	End      = quad.IRI("nhs:end")
	File     = quad.IRI("nhs:file")
	SHA256   = quad.IRI("nhs:sha256")
	Within   = quad.IRI("nhs:within")
	Value    = quad.IRI("nhs:value")
	Unit     = quad.IRI("nhs:unit")
	Hedge    = quad.IRI("nhs:hedge")
	Bound    = quad.IRI("nhs:bound")
	FundKind = quad.IRI("nhs:fundKind")
	Mentions = quad.IRI("nhs:mentions")

	Funds            = quad.IRI("nhs:funds")
	ProvidedBy       = quad.IRI("nhs:providedBy")
	Achieved         = quad.IRI("nhs:achieved")
	LedBy            = quad.IRI("nhs:ledBy")
	EstablishedBy    = quad.IRI("nhs:establishedBy")
	PartOf           = quad.IRI("nhs:partOf")
	MergedInto       = quad.IRI("nhs:mergedInto")
	PartneredWith    = quad.IRI("nhs:partneredWith")
	DevelopedBy      = quad.IRI("nhs:developedBy")
	Delivered        = quad.IRI("nhs:delivered")
	Published        = quad.IRI("nhs:published")
	HoldsRole        = quad.IRI("nhs:holdsRole")
	RoleAt           = quad.IRI("nhs:roleAt")
	Date             = quad.IRI("nhs:date")
	EstablishedOn    = quad.IRI("nhs:establishedOn")
	AnnouncedOn      = quad.IRI("nhs:announcedOn")
	ConflictsWith    = quad.IRI("nhs:conflictsWith")
	Commissioned     = quad.IRI("nhs:commissioned")
	Announced        = quad.IRI("nhs:announced")
	Supports         = quad.IRI("nhs:supports")
	Launched         = quad.IRI("nhs:launched")
	DateEnd          = quad.IRI("nhs:dateEnd")
	AuthoredBy       = quad.IRI("nhs:authoredBy")
	SecuredIn        = quad.IRI("nhs:securedIn")
	Duration         = quad.IRI("nhs:duration")
	DeliveredThrough = quad.IRI("nhs:deliveredThrough")
	About            = quad.IRI("nhs:about")
	HasPriority      = quad.IRI("nhs:hasPriority")
	ProvidesAccessTo = quad.IRI("nhs:providesAccessTo")

	// Relations the loader reads beyond the contract's.
	Provides       = quad.IRI("nhs:provides")
	Uses           = quad.IRI("nhs:uses")
	Includes       = quad.IRI("nhs:includes")
	Approached     = quad.IRI("nhs:approached")
	Evaluated      = quad.IRI("nhs:evaluated")
	FocusesOn      = quad.IRI("nhs:focusesOn")
	Studies        = quad.IRI("nhs:studies")
	Collects       = quad.IRI("nhs:collects")
	Produced       = quad.IRI("nhs:produced")
	ResponsibleFor = quad.IRI("nhs:responsibleFor")
	Accessed       = quad.IRI("nhs:accessed")
	Awarded        = quad.IRI("nhs:awarded")
	LinkedWith     = quad.IRI("nhs:linkedWith")
	Received       = quad.IRI("nhs:received")
	IsA            = quad.IRI("nhs:isA")
	Aims           = quad.IRI("nhs:aims")
	Plans          = quad.IRI("nhs:plans")
	Targets        = quad.IRI("nhs:targets")
	HasPartner     = quad.IRI("nhs:hasPartner")
	WorksFor       = quad.IRI("nhs:worksFor")
	Purpose        = quad.IRI("nhs:purpose")
	UpdatedOn      = quad.IRI("nhs:updatedOn")
)

// RelPrefix names the relations no predicate above stands for: a verb and
// the words that complete it, "explored ... for" as <nhs:rel/explore-for>.
// No relation the text states is lost for want of a predicate.
const RelPrefix = "nhs:rel/"

// RelIRI is the predicate of a relation phrase: RelIRI("explore for") is
// <nhs:rel/explore-for>.
func RelIRI(phrase string) quad.IRI { return quad.IRI(RelPrefix + Slug(phrase)) }

// IsRel reports whether p is a relation named by its own words.
func IsRel(p quad.IRI) bool { return strings.HasPrefix(string(p), RelPrefix) }

// DocIRI is the node of a document, named by its file's stem.
func DocIRI(id string) quad.IRI { return quad.IRI("nhs:doc/" + id) }

// SentenceIRI is the node (and quad label) of sentence n of document id.
func SentenceIRI(id string, n int) quad.IRI {
	return quad.IRI("nhs:doc/" + id + "/s/" + strconv.Itoa(n))
}

// Slug turns a canonical name into the readable, stable tail of an IRI:
// lower case ASCII letters and digits joined by single hyphens.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '\u2019':
			// "Buyer's" is one word.
		case r == '&':
			dash = true
			if b.Len() > 0 {
				b.WriteString("-and")
			}
		default:
			dash = true
		}
	}
	return b.String()
}

// kindOf maps entity types to the first segment of their IRIs.
var kindOf = map[quad.IRI]string{
	TypeOrganization: "org",
	TypePerson:       "person",
	TypeConcept:      "concept",
	TypeRole:         "role",
	TypeProgramme:    "programme",
	TypeFund:         "fund",
	TypeOutcome:      "outcome",
	TypeDate:         "date",
	TypePlace:        "place",
	TypeProduct:      "product",
	TypeDataset:      "dataset",
	TypeEvent:        "event",
	TypeCreativeWork: "work",
}

// EntityIRI is the stable IRI of an entity of type typ with canonical name
// name: <nhs:org/nhs-digital>.
func EntityIRI(typ quad.IRI, name string) quad.IRI {
	k, ok := kindOf[typ]
	if !ok {
		k = "thing"
	}
	return quad.IRI("nhs:" + k + "/" + Slug(name))
}

// EntityTypes lists the types an entity node may have, in display order.
var EntityTypes = []quad.IRI{
	TypeOrganization, TypePerson, TypeProgramme, TypeFund, TypeOutcome, TypeDate,
	TypePlace, TypeProduct, TypeDataset, TypeEvent, TypeCreativeWork,
}
