//go:build race

package ec2xml

// underRace: the race detector multiplies memory; the hostile tests that
// stream or build 64-100 MiB bodies are skipped under it.
const underRace = true
