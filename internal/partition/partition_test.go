package partition

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// botocoreData is what testdata/credentials/sts_endpoints.py recorded from
// botocore: its partitions and the partition of each region.
type botocoreData struct {
	Source     string
	Partitions []struct {
		ID                   string `json:"id"`
		RegionRegex          string `json:"regionRegex"`
		DNSSuffix            string `json:"dnsSuffix"`
		DualStackDNSSuffix   string `json:"dualStackDnsSuffix"`
		ImplicitGlobalRegion string `json:"implicitGlobalRegion"`
	}
	Cases []struct {
		Region, Partition string
	}
}

func loadBotocore(t *testing.T) botocoreData {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/credentials/sts_endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var d botocoreData
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Partitions) < 8 || len(d.Cases) < 50 {
		t.Fatalf("only %d partitions and %d cases recorded", len(d.Partitions), len(d.Cases))
	}
	return d
}

// TestTableMatchesBotocore: the table is botocore's partitions.json: the
// same partitions in the same order, with the same suffixes, and region
// patterns that agree with botocore's regular expressions.
func TestTableMatchesBotocore(t *testing.T) {
	d := loadBotocore(t)
	type row struct{ ID, DNSSuffix, DualStackDNSSuffix, ImplicitGlobalRegion string }
	var want, got []row
	for _, p := range d.Partitions {
		want = append(want, row{p.ID, p.DNSSuffix, p.DualStackDNSSuffix, p.ImplicitGlobalRegion})
	}
	for _, p := range All() {
		got = append(got, row{p.ID, p.DNSSuffix, p.DualStackDNSSuffix, p.ImplicitGlobalRegion})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partitions (-botocore +table):\n%s", diff)
	}
	// Each pattern against botocore's regular expression, on every recorded
	// region and on near misses.
	probes := []string{"us-east-1x", "us--1", "us-east-", "-east-1", "us-ea st-1", "us-iso-east", "eusc-fr-east-1", "eusc-de-east-1"}
	for _, c := range d.Cases {
		probes = append(probes, c.Region)
	}
	for i, p := range d.Partitions {
		re := regexp.MustCompile(p.RegionRegex)
		for _, region := range probes {
			ours := false
			for _, prefix := range partitions[i].prefixes {
				ours = ours || matches(region, prefix)
			}
			if ours != re.MatchString(region) {
				t.Errorf("%s: pattern match of %q = %v, botocore's %s says %v", p.ID, region, ours, p.RegionRegex, !ours)
			}
		}
	}
}

// TestOf: every region's partition as botocore assigns it.
func TestOf(t *testing.T) {
	for _, c := range loadBotocore(t).Cases {
		if got := Of(c.Region).ID; got != c.Partition {
			t.Errorf("Of(%q) = %s, botocore says %s", c.Region, got, c.Partition)
		}
	}
}
