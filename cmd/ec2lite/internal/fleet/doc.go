// Package fleet samples the connections of one Client VPN endpoint or of
// every endpoint of one or more regions ([Fleet.Sample]): `top` and
// `metrics` read the same [Sample], and the fleet sweep of
// describe-client-vpn-connections --all-endpoints / --regions ([Sweep])
// prints one. [For] builds a Fleet from the command line (with --demo: over
// in-process fake endpoints).
package fleet
