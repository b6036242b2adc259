package clientvpn

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/ec2lite/ec2lite/internal/partition"
)

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
			return "", &InvalidEndpointError{URL: custom, Err: err}
		}
		if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return "", &InvalidEndpointError{URL: custom}
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
		return "", &InvalidRegionError{Region: region}
	}
	p := partition.Of(region)
	host := "ec2"
	suffix := p.DNSSuffix
	switch {
	case useFIPS && useDualStack:
		host, suffix = "ec2-fips", p.DualStackDNSSuffix
	case useFIPS && p.ID == "aws-us-gov":
		// GovCloud's regular EC2 endpoints are FIPS endpoints.
	case useFIPS:
		host = "ec2-fips"
	case useDualStack:
		suffix = p.DualStackDNSSuffix
	}
	return "https://" + host + "." + region + "." + suffix + "/", nil
}

// An InvalidEndpointError reports a custom endpoint URL that is not an
// absolute http or https URL.
type InvalidEndpointError struct {
	URL string
	Err error // url.Parse's error, when it failed
}

func (e *InvalidEndpointError) Error() string {
	if e.Err != nil {
		return "invalid endpoint URL: " + e.Err.Error()
	}
	return fmt.Sprintf("invalid endpoint URL %q: want an absolute http or https URL", e.URL)
}

func (e *InvalidEndpointError) Unwrap() error { return e.Err }

// An InvalidRegionError reports a region name that is not a valid host
// label (see [ValidRegion]).
type InvalidRegionError struct {
	Region string
}

func (e *InvalidRegionError) Error() string {
	return fmt.Sprintf("invalid configuration: region %q is not a valid host label", e.Region)
}
