//go:build race

package gizmo

// raceEnabled: the race detector slows allocation-heavy scripts so much
// that the clock, not the memory watch, stops them.
const raceEnabled = true
