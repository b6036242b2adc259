//go:build !race

package ec2xml

const underRace = false
