//go:build !race

package clientvpn

// raceEnabled reports whether the race detector is on.
const raceEnabled = false
