// Package web serves nhsgraph over HTTP: Cayley-compatible Gizmo endpoints,
// the analyst endpoints, writes, health and metrics, and the explorer page.
// Handlers only translate: decode a request, make one call on the Gizmo
// engine, the analyst or the write service (interfaces declared here, wired
// by cmd/nhsgraph), encode the answer. Every error becomes a status in one
// table (errors.go).
//
// It never touches Cayley's iterators, goja, the loader or a store of its
// own.
package web
