//go:build race

package web

// raceEnabled: the race detector slows memory-heavy scripts by an order of
// magnitude, so wall-clock bounds are only asserted without it.
const raceEnabled = true
