// Command nhsgraph builds a knowledge graph of NHSX documents in a Cayley
// store and serves Gizmo queries over HTTP.
//
//	nhsgraph serve   [flags]          open the store, load the seeds, serve HTTP
//	nhsgraph load    [flags] FILES... load files into a persistent store and exit
//	nhsgraph extract [flags] [FILES]  write the loader's N-Quads to stdout
//	nhsgraph query   [flags] QUERY    run one Gizmo query and print the JSON
//	nhsgraph gen     [flags]          write a synthetic graph, for benchmarks
//	nhsgraph loadgen [flags]          drive a server on loopback with a mixed load
//
// It is the only place the parts meet: flags become a config, the store,
// the loader, the Gizmo engine, the analyst and the write service are built
// and handed to web, and SIGINT or SIGTERM shuts the server down.
package main
