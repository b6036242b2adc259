#!/usr/bin/env python3
"""Regenerates endpoints.json: EC2 endpoints as botocore's rule-based resolver
(EC2's endpoint-rule-set-1.json + partitions.json) computes them.

    python3 testdata/clientvpn/endpoints.py > testdata/clientvpn/endpoints.json
"""
import gzip, json, os, botocore
from botocore.endpoint_provider import EndpointProvider

data = os.path.join(os.path.dirname(botocore.__file__), "data")
with gzip.open(os.path.join(data, "ec2/2016-11-15/endpoint-rule-set-1.json.gz")) as f:
    ruleset = json.load(f)
with open(os.path.join(data, "partitions.json")) as f:
    parts = json.load(f)
provider = EndpointProvider(ruleset, parts)

regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "mx-central-1", "ca-west-1", "il-central-1",
           "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1",
           "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "xx-future-1"]
cases = []
for region in regions:
    for fips in (False, True):
        for ds in (False, True):
            try:
                url = provider.resolve_endpoint(Region=region, UseFIPS=fips, UseDualStack=ds).url
            except Exception as e:
                url = None
            cases.append({"region": region, "fips": fips, "dualStack": ds, "url": url})
for endpoint in ("https://localhost:4566", "http://127.0.0.1:8080/base/path"):
    for fips, ds in ((False, False), (True, False), (False, True)):
        try:
            url = provider.resolve_endpoint(Region="us-east-1", UseFIPS=fips, UseDualStack=ds, Endpoint=endpoint).url
        except Exception:
            url = None
        cases.append({"region": "us-east-1", "endpoint": endpoint, "fips": fips, "dualStack": ds, "url": url})
print(json.dumps({"source": "botocore %s EndpointProvider, ec2 endpoint-rule-set-1.json" % botocore.__version__,
                  "cases": cases}, indent=1))
