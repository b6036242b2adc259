// Package top is `ec2lite top`: a live view of connections with their
// rates, computed from successive fleet samples. The state and its
// rendering are in top.go (a pure function of the state and the screen
// size), the terminal in term.go.
package top
