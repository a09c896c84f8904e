// Package graph owns nhsgraph's store: opening a Cayley backend (memory,
// bolt, PostgreSQL, CockroachDB), the vocabulary (IRIs of types and
// predicates, the schema), writing and reading quads (N-Quads import and
// export, atomic writes, documents by name and checksum), and the graph's
// generation, which every write moves on.
//
// It knows nothing of documents' text, scripts or HTTP: the loader, the
// query packages and web build on it, never the other way round.
package graph
