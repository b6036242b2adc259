package promtext_test

import (
	"os"

	"github.com/ec2lite/ec2lite/internal/promtext"
)

func ExampleWrite() {
	families := []promtext.Family{
		{
			Name: "vpn_active_connections", Help: "Active connections per user.", Type: promtext.Gauge,
			Samples: []promtext.Sample{
				{Labels: []promtext.Label{{Name: "username", Value: `o"neil`}}, Value: 1},
				{Labels: []promtext.Label{{Name: "username", Value: "alice"}}, Value: 2},
			},
		},
		{Name: "up", Help: "Whether the last sample succeeded.", Type: promtext.Gauge, Samples: []promtext.Sample{{Value: 1}}},
	}
	if err := promtext.Write(os.Stdout, families); err != nil {
		panic(err)
	}
	// Output:
	// # HELP up Whether the last sample succeeded.
	// # TYPE up gauge
	// up 1
	// # HELP vpn_active_connections Active connections per user.
	// # TYPE vpn_active_connections gauge
	// vpn_active_connections{username="alice"} 2
	// vpn_active_connections{username="o\"neil"} 1
}
