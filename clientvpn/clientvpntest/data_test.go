package clientvpntest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSampleJSON keeps testdata/sample.json equal to SampleData (rewrite with
// -update) and checks that the file round-trips.
func TestSampleJSON(t *testing.T) {
	path := filepath.Join("testdata", "sample.json")
	b, err := SampleData().MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(b)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
	d, err := LoadData(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(SampleData(), d); diff != "" {
		t.Errorf("LoadData(%s) (-want +got):\n%s", path, diff)
	}
}

func TestLoadedDataServesLikeSample(t *testing.T) {
	d, err := LoadData(filepath.Join("testdata", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewServer(WithTime(fixedNow)), NewServer(WithTime(fixedNow), WithData(d))
	defer a.Close()
	defer b.Close()
	body := form("ClientVpnEndpointId", SampleEndpointID)
	_, x := newTestClient(t, a).post(body, nil)
	_, y := newTestClient(t, b).post(body, nil)
	if diff := cmp.Diff(string(x), string(y)); diff != "" {
		t.Errorf("(-sample +loaded):\n%s", diff)
	}
}

func TestParseData(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    Data
		wantErr string // substring
	}{
		{
			name: "minimal",
			json: `{"endpoints":[{"id":"cvpn-endpoint-1","connections":[{"id":"c1","established":"1h"}]}]}`,
			want: Data{Endpoints: []Endpoint{{ID: "cvpn-endpoint-1", Connections: []Connection{{ID: "c1", Established: time.Hour}}}}},
		},
		{
			name: "terminated with posture set empty",
			json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"2h","ended":"30m","status":"terminated",
				"statusMessage":"Client disconnected","ingressBytes":18446744073709551615,"posture":[]}]}]}`,
			want: Data{Endpoints: []Endpoint{{ID: "e", Connections: []Connection{{ID: "c", Established: 2 * time.Hour,
				Ended: 30 * time.Minute, Status: StatusTerminated, StatusMessage: "Client disconnected",
				IngressBytes: 18446744073709551615, Posture: []string{}}}}}},
		},
		{name: "unknown field", json: `{"endpoints":[{"id":"e","conections":[]}]}`, wantErr: `unknown field "conections"`},
		{name: "missing established", json: `{"endpoints":[{"id":"e","connections":[{"id":"c"}]}]}`, wantErr: "established: missing"},
		{name: "bad duration", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"yesterday"}]}]}`, wantErr: "established: time: invalid duration"},
		{name: "negative age", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"-1h"}]}]}`, wantErr: "is negative"},
		{name: "unknown status", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"1h","status":"up"}]}]}`, wantErr: `unknown status "up"`},
		{name: "ended before established", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"1h","ended":"2h","status":"terminated"}]}]}`, wantErr: "before it was established"},
		{name: "duplicate endpoint", json: `{"endpoints":[{"id":"e"},{"id":"e"}]}`, wantErr: `duplicate id "e"`},
		{name: "duplicate connection", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"1h"},{"id":"c","established":"1h"}]}]}`, wantErr: `duplicate id "c"`},
		{name: "empty endpoint id", json: `{"endpoints":[{"id":""}]}`, wantErr: "empty id"},
		{name: "negative counter", json: `{"endpoints":[{"id":"e","connections":[{"id":"c","established":"1h","egressBytes":-1}]}]}`, wantErr: "cannot unmarshal number -1"},
		{name: "trailing data", json: `{"endpoints":[]} {}`, wantErr: "trailing data"},
		{name: "not JSON", json: `endpoints:`, wantErr: "invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseData([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "clientvpntest: ") {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSetData(t *testing.T) {
	srv := NewServer(WithTime(fixedNow))
	defer srv.Close()
	c := newTestClient(t, srv)
	d := srv.Data()
	d.Endpoints[0].Connections = d.Endpoints[0].Connections[:1]
	if err := srv.SetData(d); err != nil {
		t.Fatal(err)
	}
	d.Endpoints[0].Connections[0].ID = "changed-after-SetData"
	_, body := c.post(form("ClientVpnEndpointId", SampleEndpointID), nil)
	if diff := cmp.Diff([]string{"cvpn-connection-97488e74f860e146f"}, ids(decodeDescribe(t, body).Connections)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := srv.SetData(Data{Endpoints: []Endpoint{{}}}); err == nil {
		t.Errorf("SetData accepted an endpoint without id")
	}
	if _, err := Listen("127.0.0.1:0", WithData(Data{Endpoints: []Endpoint{{}}})); err == nil {
		t.Errorf("Listen accepted invalid data")
	}
}
