#!/usr/bin/env python3
"""Regenerates sts_endpoints.json: the STS endpoint of each region as botocore's
rule-based resolver (STS's endpoint-rule-set-1.json + partitions.json) computes it,
with sts_regional_endpoints = regional (botocore's default), and the partition
botocore assigns each region.

    python3 testdata/credentials/sts_endpoints.py > testdata/credentials/sts_endpoints.json
"""
import gzip, json, os, botocore
from botocore.endpoint_provider import EndpointProvider

data = os.path.join(os.path.dirname(botocore.__file__), "data")
with gzip.open(os.path.join(data, "sts/2011-06-15/endpoint-rule-set-1.json.gz")) as f:
    ruleset = json.load(f)
with open(os.path.join(data, "partitions.json")) as f:
    parts = json.load(f)
provider = EndpointProvider(ruleset, parts)

regions = []
for p in parts["partitions"]:
    regions += sorted(p["regions"])
# Regions botocore does not list yet, matched by each partition's pattern (or none).
regions += ["us-east-9", "ap-newland-7", "cn-south-5", "us-gov-north-8", "us-iso-north-9", "us-isob-south-2",
            "eu-isoe-north-3", "us-isof-west-7", "eusc-de-west-9", "xx-future-1"]
cases = []
for region in regions:
    try:
        ep = provider.resolve_endpoint(Region=region, UseFIPS=False, UseDualStack=False, UseGlobalEndpoint=False)
        url = ep.url
        signing = ep.properties.get("authSchemes", [{}])[0].get("signingRegion", region)
    except Exception:
        url, signing = None, None
    part = "aws"
    for p in parts["partitions"]:
        if region in p["regions"]:
            part = p["id"]
            break
    else:
        import re
        for p in parts["partitions"]:
            if re.match(p["regionRegex"], region):
                part = p["id"]
                break
    cases.append({"region": region, "partition": part, "url": url, "signingRegion": signing})
print(json.dumps({"source": "botocore %s EndpointProvider, sts endpoint-rule-set-1.json, partitions.json" % botocore.__version__,
                  "partitions": [{"id": p["id"], "regionRegex": p["regionRegex"], "dnsSuffix": p["outputs"]["dnsSuffix"],
                                  "dualStackDnsSuffix": p["outputs"]["dualStackDnsSuffix"],
                                  "implicitGlobalRegion": p["outputs"]["implicitGlobalRegion"]} for p in parts["partitions"]],
                  "cases": cases}, indent=1))
