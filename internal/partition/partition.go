// Package partition is ec2lite's one table of AWS partitions: which
// partition a region belongs to, and that partition's DNS suffixes, as
// botocore's partitions.json and the endpoint rules' aws.partition function
// define them. The EC2 endpoint rules (package clientvpn) and the STS
// endpoints of the credential providers both read it.
package partition

import "strings"

// Partition is one AWS partition.
type Partition struct {
	// ID is the partition's name: "aws", "aws-cn", "aws-us-gov", …
	ID string

	// DNSSuffix and DualStackDNSSuffix end the partition's endpoint host
	// names ("amazonaws.com", "api.aws").
	DNSSuffix, DualStackDNSSuffix string

	// ImplicitGlobalRegion is the region the partition's global endpoints
	// sign for.
	ImplicitGlobalRegion string

	// prefixes are the alternatives of the partition's region pattern
	// ^(PREFIX)-\w+-\d+$.
	prefixes []string
}

// partitions follows botocore's partitions.json, in its order.
var partitions = []Partition{
	{"aws", "amazonaws.com", "api.aws", "us-east-1", []string{"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"}},
	{"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-northwest-1", []string{"cn"}},
	{"aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", "eusc-de-east-1", []string{"eusc-de"}},
	{"aws-iso", "c2s.ic.gov", "api.aws.ic.gov", "us-iso-east-1", []string{"us-iso"}},
	{"aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", "us-isob-east-1", []string{"us-isob"}},
	{"aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", "eu-isoe-west-1", []string{"eu-isoe"}},
	{"aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", "us-isof-south-1", []string{"us-isof"}},
	{"aws-us-gov", "amazonaws.com", "api.aws", "us-gov-west-1", []string{"us-gov"}},
}

// All returns the partitions, in botocore's order.
func All() []Partition { return append([]Partition(nil), partitions...) }

// Of returns the partition region belongs to, as aws.partition decides: the
// partition whose global pseudo-region it is ("aws-global", "aws-cn-global",
// …), else the first whose region pattern it matches, else "aws".
func Of(region string) Partition {
	for _, p := range partitions {
		if region == p.ID+"-global" {
			return p
		}
	}
	for _, p := range partitions {
		for _, prefix := range p.prefixes {
			if matches(region, prefix) {
				return p
			}
		}
	}
	return partitions[0]
}

// matches reports whether region matches ^PREFIX-\w+-\d+$.
func matches(region, prefix string) bool {
	rest, ok := strings.CutPrefix(region, prefix+"-")
	if !ok {
		return false
	}
	word, digits, ok := strings.Cut(rest, "-")
	if !ok || word == "" || digits == "" {
		return false
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	for i := 0; i < len(digits); i++ {
		if c := digits[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}
