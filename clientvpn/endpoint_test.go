package clientvpn

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestResolveEndpointBotocore checks ResolveEndpoint against the endpoints
// botocore's rule-based resolver computes (testdata/clientvpn/endpoints.json,
// written by endpoints.py beside it): every partition, FIPS and dual-stack.
func TestResolveEndpointBotocore(t *testing.T) {
	raw, err := os.ReadFile("../testdata/clientvpn/endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct {
			Region    string  `json:"region"`
			Endpoint  string  `json:"endpoint"`
			FIPS      bool    `json:"fips"`
			DualStack bool    `json:"dualStack"`
			URL       *string `json:"url"` // null: botocore refuses the configuration
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Cases) < 60 {
		t.Fatalf("only %d cases in endpoints.json", len(table.Cases))
	}
	for _, tc := range table.Cases {
		got, err := ResolveEndpoint(tc.Region, tc.Endpoint, tc.FIPS, tc.DualStack)
		name := tc.Region + " " + tc.Endpoint
		if tc.URL == nil {
			if err == nil {
				t.Errorf("%s fips=%v dualstack=%v: got %q, want an error", name, tc.FIPS, tc.DualStack, got)
			}
			continue
		}
		want := *tc.URL
		if !strings.Contains(strings.TrimPrefix(strings.TrimPrefix(want, "https://"), "http://"), "/") {
			want += "/" // we always name the path
		}
		if err != nil || got != want {
			t.Errorf("%s fips=%v dualstack=%v: got %q, %v; want %q", name, tc.FIPS, tc.DualStack, got, err, want)
		}
	}
}

func TestResolveEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name, region, custom string
		fips, dualStack      bool
		want                 string // "" = an error
		reason               string
	}{
		{"commercial", "us-east-1", "", false, false, "https://ec2.us-east-1.amazonaws.com/", "the default"},
		{"china", "cn-north-1", "", false, false, "https://ec2.cn-north-1.amazonaws.com.cn/", "China has its own DNS suffix"},
		{"govcloud", "us-gov-west-1", "", false, false, "https://ec2.us-gov-west-1.amazonaws.com/", "GovCloud uses amazonaws.com"},
		{"govcloud fips", "us-gov-east-1", "", true, false, "https://ec2.us-gov-east-1.amazonaws.com/", "GovCloud's regular endpoint is its FIPS endpoint"},
		{"fips", "us-west-2", "", true, false, "https://ec2-fips.us-west-2.amazonaws.com/", "FIPS switch"},
		{"dual-stack", "eu-west-1", "", false, true, "https://ec2.eu-west-1.api.aws/", "dual-stack switch"},
		{"fips dual-stack", "eu-west-1", "", true, true, "https://ec2-fips.eu-west-1.api.aws/", "both switches"},
		{"china dual-stack", "cn-northwest-1", "", false, true, "https://ec2.cn-northwest-1.api.amazonwebservices.com.cn/", "China's dual-stack suffix"},
		{"custom https", "us-east-1", "https://ec2.internal.example:8443/prefix/", false, false, "https://ec2.internal.example:8443/prefix/", "a custom endpoint wins, path and port kept"},
		{"custom http", "us-east-1", "http://localhost:4566", false, false, "http://localhost:4566/", "plain http when the user gave it"},
		{"custom with fips", "us-east-1", "https://localhost", true, false, "", "custom endpoint + FIPS is an error"},
		{"custom with dual-stack", "us-east-1", "https://localhost", false, true, "", "custom endpoint + dual-stack is an error"},
		{"custom not a URL", "us-east-1", "localhost:4566", false, false, "", "a custom endpoint needs a scheme"},
		{"custom ftp", "us-east-1", "ftp://localhost/", false, false, "", "only http and https"},
		{"no region", "", "", false, false, "", "a region is required without a custom endpoint"},
		{"region injection", "us-east-1.evil.example/x", "", false, false, "", "a region must be a host label"},
		{"region with dot", "evil.example", "", false, false, "", "a region must be a host label"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResolveEndpoint(tc.region, tc.custom, tc.fips, tc.dualStack)
			if tc.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error (%s)", got, tc.reason)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q (%s)", got, err, tc.want, tc.reason)
			}
		})
	}
}

// FuzzResolveEndpoint checks that any region and custom endpoint either give
// an error or an absolute http(s) URL whose host is the region's EC2 host
// (or the custom endpoint's host), never something a region smuggled in.
func FuzzResolveEndpoint(f *testing.F) {
	f.Add("us-east-1", "", false, false)
	f.Add("cn-north-1", "", true, true)
	f.Add("us-gov-west-1", "", true, false)
	f.Add("us-east-1", "http://localhost:4566/x?y#z", false, false)
	f.Add("us-east-1.evil.com/", "", false, false)
	f.Add("", "https://user:pass@host:1/", false, false)
	f.Fuzz(func(t *testing.T, region, custom string, fips, dualStack bool) {
		got, err := ResolveEndpoint(region, custom, fips, dualStack)
		if err != nil {
			return
		}
		u, perr := url.Parse(got)
		if perr != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			t.Fatalf("ResolveEndpoint(%q, %q, %v, %v) = %q: not an absolute http(s) URL", region, custom, fips, dualStack, got)
		}
		if custom == "" {
			if u.Scheme != "https" || u.Path != "/" || !strings.HasPrefix(u.Host, "ec2") || !strings.Contains(u.Host, "."+region+".") {
				t.Fatalf("ResolveEndpoint(%q, \"\", %v, %v) = %q", region, fips, dualStack, got)
			}
		}
	})
}

// TestResolveEndpointTypedErrors: a malformed custom URL and a malformed
// region are found with errors.As, carrying what was refused.
func TestResolveEndpointTypedErrors(t *testing.T) {
	for _, tc := range []struct {
		region, custom string
		wantURL        string // an *InvalidEndpointError for this URL
		wantRegion     string // an *InvalidRegionError for this region
	}{
		{region: "us-east-1", custom: "ftp://x", wantURL: "ftp://x"},
		{region: "us-east-1", custom: "not a url", wantURL: "not a url"},
		{region: "us-east-1", custom: "http://[::1", wantURL: "http://[::1"},
		{region: "us east 1", wantRegion: "us east 1"},
		{region: "-us-east-1", wantRegion: "-us-east-1"},
	} {
		_, err := ResolveEndpoint(tc.region, tc.custom, false, false)
		var ee *InvalidEndpointError
		var re *InvalidRegionError
		switch {
		case tc.wantURL != "" && (!errors.As(err, &ee) || ee.URL != tc.wantURL):
			t.Errorf("ResolveEndpoint(%q, %q) = %v, want an *InvalidEndpointError for %q", tc.region, tc.custom, err, tc.wantURL)
		case tc.wantRegion != "" && (!errors.As(err, &re) || re.Region != tc.wantRegion):
			t.Errorf("ResolveEndpoint(%q, %q) = %v, want an *InvalidRegionError for %q", tc.region, tc.custom, err, tc.wantRegion)
		}
	}
}
