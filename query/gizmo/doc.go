// Package gizmo runs Gizmo scripts against a store safely: each in a
// JavaScript runtime kept between scripts that cannot change it (realm.go,
// reuse.go), under hard limits (time, rows, values materialised, memory,
// stack depth, output bytes, concurrency), with the answers in one result
// cache keyed by the graph's generation. Its reach into Cayley's and goja's
// unexported internals is all in internals.go.
//
// It must never answer from anything but Cayley's own Gizmo session: the
// answers are byte for byte those of `cayley http`, and a script the guards
// let through sees exactly Cayley's functions.
package gizmo
