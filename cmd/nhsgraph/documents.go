package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
	"github.com/nhsgraph/nhsgraph/web"
)

// documentTexts keeps the bytes of the documents serve loads, so the
// explorer can show an evidence sentence in its document.
func documentTexts(e *query.Engine, noSeeds bool, paths []string) *query.Documents {
	docs := query.NewDocuments(e)
	if !noSeeds {
		for _, f := range seedFiles() {
			docs.Add(f.Name, f.Data)
		}
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".nq") || strings.HasSuffix(p, ".nq.gz") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			docs.Add(filepath.Base(p), b)
		}
	}
	return docs
}

// textKeeper keeps the text of documents added through the write API.
type textKeeper struct {
	web.Writer
	docs *query.Documents
}

func (k *textKeeper) AddDocument(ctx context.Context, name string, data []byte) (loader.Report, error) {
	rep, err := k.Writer.AddDocument(ctx, name, data)
	if err == nil {
		k.docs.Add(name, data)
	}
	return rep, err
}
