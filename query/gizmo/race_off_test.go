//go:build !race

package gizmo

const raceEnabled = false
