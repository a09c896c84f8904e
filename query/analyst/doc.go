// Package analyst answers analysts' questions (entity search and detail,
// neighbours, shortest paths, typed chains, schema counts, document text
// and export) from an in-memory index of the graph, rebuilt when the
// graph's generation moves. Its answers share the Gizmo engine's result
// cache, concurrency slots and memory watch.
//
// It must never run a script or reach into Cayley's query engines: it
// reads quads from the store and walks its own index.
package analyst
