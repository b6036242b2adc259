module github.com/ec2lite/ec2lite

go 1.24.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/jarcoal/httpmock v1.4.2 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/term v0.40.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
