package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/nhsgraph/nhsgraph/query"
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
