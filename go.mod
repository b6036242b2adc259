module github.com/ec2lite/ec2lite

go 1.24.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/jarcoal/httpmock v1.4.2
	golang.org/x/term v0.40.0
	golang.org/x/text v0.34.0
)

require golang.org/x/sys v0.41.0 // indirect
