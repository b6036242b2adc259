// Package metrics is `ec2lite metrics`: a Prometheus exporter ([Exporter])
// of the connections of a fleet, in the text exposition format 0.0.4.
package metrics
