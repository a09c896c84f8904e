package analyst

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"unicode/utf8"
)

// Document is the source text of one loaded document, for reading an
// evidence sentence in place: Start and End of the sentence's evidence are
// byte offsets into Text.
type Document struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	File      string `json:"file"`
	SHA256    string `json:"sha256,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// Documents serves the text of the documents a server loaded. The graph
// holds each document's file name and checksum but not its bytes, so the
// bytes are handed over when they are loaded (Add) and found again by
// checksum, or by file name when the checksum is unknown.
type Documents struct {
	e      *Engine
	mu     sync.RWMutex
	bySHA  map[string][]byte
	byName map[string][]byte
}

// NewDocuments serves document text for the graph e answers over.
func NewDocuments(e *Engine) *Documents {
	return &Documents{e: e, bySHA: map[string][]byte{}, byName: map[string][]byte{}}
}

// Add keeps the bytes of a loaded file under its name (the name the loader
// recorded as nhs:file) and its checksum.
func (d *Documents) Add(name string, data []byte) {
	sum := sha256.Sum256(data)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.bySHA[hex.EncodeToString(sum[:])] = data
	d.byName[name] = data
}

// Document answers a document node's title, file and text. A node that is
// not a document, or whose bytes were not handed over, is ErrNotFound.
func (d *Documents) Document(ctx context.Context, id string) (*Document, error) {
	ent, err := d.e.Entity(ctx, EntityRequest{ID: id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if ent.Type != "<nhs:Document>" {
		return nil, fmt.Errorf("%w: %s is not a document (it is a %s)", ErrNotFound, ent.ID, ent.Type)
	}
	doc := &Document{ID: ent.ID, Title: ent.Name}
	for _, p := range ent.Properties {
		s, _ := p.Value.(string)
		switch p.Predicate {
		case "<nhs:file>":
			doc.File = s
		case "<nhs:sha256>":
			doc.SHA256 = s
		case "<schema:datePublished>":
			doc.Published = fmt.Sprint(p.Value)
		}
	}
	d.mu.RLock()
	data, ok := d.bySHA[doc.SHA256]
	if !ok && doc.SHA256 == "" {
		data, ok = d.byName[doc.File]
	}
	d.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("%w: this server does not hold the text of %s (%s)", ErrNotFound, ent.ID, doc.File)
	}
	if !utf8.Valid(data) {
		// the loader decoded it; the offsets still count bytes of the file
		return nil, fmt.Errorf("%w: %s is not UTF-8 text", ErrUnsupported, doc.File)
	}
	doc.Text = string(data)
	return doc, nil
}
