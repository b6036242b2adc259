package clientvpn

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
)

// partition is one AWS partition, as the EC2 endpoint rules see it.
type partition struct {
	name            string
	regionRegex     *regexp.Regexp
	dnsSuffix       string
	dualStackSuffix string
}

// partitions follows botocore's partitions.json; a region that matches no
// partition's pattern belongs to "aws", as the endpoint rules' aws.partition
// function decides.
var partitions = []partition{
	{"aws", regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`), "amazonaws.com", "api.aws"},
	{"aws-cn", regexp.MustCompile(`^cn\-\w+\-\d+$`), "amazonaws.com.cn", "api.amazonwebservices.com.cn"},
	{"aws-eusc", regexp.MustCompile(`^eusc\-(de)\-\w+\-\d+$`), "amazonaws.eu", "api.amazonwebservices.eu"},
	{"aws-iso", regexp.MustCompile(`^us\-iso\-\w+\-\d+$`), "c2s.ic.gov", "api.aws.ic.gov"},
	{"aws-iso-b", regexp.MustCompile(`^us\-isob\-\w+\-\d+$`), "sc2s.sgov.gov", "api.aws.scloud"},
	{"aws-iso-e", regexp.MustCompile(`^eu\-isoe\-\w+\-\d+$`), "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"},
	{"aws-iso-f", regexp.MustCompile(`^us\-isof\-\w+\-\d+$`), "csp.hci.ic.gov", "api.aws.hci.ic.gov"},
	{"aws-us-gov", regexp.MustCompile(`^us\-gov\-\w+\-\d+$`), "amazonaws.com", "api.aws"},
}

// partitionOf returns the partition a region belongs to. Patterns are
// tried most specific first, so that us-gov-west-1 is GovCloud and not "aws".
func partitionOf(region string) partition {
	for _, p := range partitions[1:] {
		if p.regionRegex.MatchString(region) {
			return p
		}
	}
	return partitions[0]
}

// validRegion accepts what can be a DNS label: letters, digits and hyphens.
var validRegion = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)

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
	if !validRegion.MatchString(region) {
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
