package clientvpn

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// partition is one AWS partition, as the EC2 endpoint rules see it.
type partition struct {
	name            string
	regionPrefix    string // its regions are PREFIX-WORD-DIGITS ("" for "aws": every other region)
	dnsSuffix       string
	dualStackSuffix string
}

// partitions follows botocore's partitions.json, whose region patterns are
// all ^PREFIX-\w+-\d+$; a region that matches no other partition's pattern
// belongs to "aws", as the endpoint rules' aws.partition function decides.
var partitions = []partition{
	{"aws", "", "amazonaws.com", "api.aws"},
	{"aws-cn", "cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"},
	{"aws-eusc", "eusc-de", "amazonaws.eu", "api.amazonwebservices.eu"},
	{"aws-iso", "us-iso", "c2s.ic.gov", "api.aws.ic.gov"},
	{"aws-iso-b", "us-isob", "sc2s.sgov.gov", "api.aws.scloud"},
	{"aws-iso-e", "eu-isoe", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"},
	{"aws-iso-f", "us-isof", "csp.hci.ic.gov", "api.aws.hci.ic.gov"},
	{"aws-us-gov", "us-gov", "amazonaws.com", "api.aws"},
}

// partitionOf returns the partition a region belongs to.
func partitionOf(region string) partition {
	for _, p := range partitions[1:] {
		if matchesRegionPattern(region, p.regionPrefix) {
			return p
		}
	}
	return partitions[0]
}

// matchesRegionPattern reports whether region matches ^PREFIX-\w+-\d+$.
func matchesRegionPattern(region, prefix string) bool {
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

// ValidRegion reports whether region can be a region name, as botocore and
// the AWS SDKs check it: a DNS label of 1 to 63 letters, digits and hyphens
// that neither starts nor ends with a hyphen.
func ValidRegion(region string) bool {
	if len(region) == 0 || len(region) > 63 || region[0] == '-' || region[len(region)-1] == '-' {
		return false
	}
	for i := 0; i < len(region); i++ {
		c := region[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ResolveEndpoint returns the EC2 endpoint URL for a region, following EC2's
// endpoint rules (the ones botocore and the AWS SDKs ship):
//
//	default                  https://ec2.{region}.{dnsSuffix}            e.g. ec2.us-east-1.amazonaws.com, ec2.cn-north-1.amazonaws.com.cn
//	useFIPS                  https://ec2-fips.{region}.{dnsSuffix}       (GovCloud: https://ec2.{region}.amazonaws.com, already FIPS)
//	useDualStack             https://ec2.{region}.{dualStackDnsSuffix}   e.g. ec2.us-east-1.api.aws
//	useFIPS and useDualStack https://ec2-fips.{region}.{dualStackDnsSuffix}
//
// A non-empty custom endpoint wins, kept as given (path and port included),
// and cannot be combined with useFIPS or useDualStack. A custom endpoint must
// be an absolute http or https URL; plain http is used only when given.
func ResolveEndpoint(region, custom string, useFIPS, useDualStack bool) (string, error) {
	if custom != "" {
		if useFIPS {
			return "", errors.New("invalid configuration: FIPS and a custom endpoint are not supported together")
		}
		if useDualStack {
			return "", errors.New("invalid configuration: dual-stack and a custom endpoint are not supported together")
		}
		u, err := url.Parse(custom)
		if err != nil {
			return "", fmt.Errorf("invalid endpoint URL: %w", err)
		}
		if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return "", fmt.Errorf("invalid endpoint URL %q: want an absolute http or https URL", custom)
		}
		if u.Path == "" {
			u.Path = "/"
		}
		return u.String(), nil
	}
	if region == "" {
		return "", errors.New("invalid configuration: missing region")
	}
	if !ValidRegion(region) {
		return "", fmt.Errorf("invalid configuration: region %q is not a valid host label", region)
	}
	p := partitionOf(region)
	host := "ec2"
	suffix := p.dnsSuffix
	switch {
	case useFIPS && useDualStack:
		host, suffix = "ec2-fips", p.dualStackSuffix
	case useFIPS && p.name == "aws-us-gov":
		// GovCloud's regular EC2 endpoints are FIPS endpoints.
	case useFIPS:
		host = "ec2-fips"
	case useDualStack:
		suffix = p.dualStackSuffix
	}
	return "https://" + host + "." + region + "." + suffix + "/", nil
}
