//go:build race

package clientvpn

// raceEnabled reports whether the race detector is on: it slows the long
// memory tests down tenfold and changes what they measure.
const raceEnabled = true
