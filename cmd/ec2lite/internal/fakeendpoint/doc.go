// Package fakeendpoint is `ec2lite fake-endpoint`: the fake EC2 endpoint of
// package clientvpntest as a process.
package fakeendpoint
