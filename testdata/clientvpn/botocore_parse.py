#!/usr/bin/env python3
"""Parse every responses/*.xml with botocore's EC2 response parser.

Usage (from the repository root): python3 testdata/clientvpn/botocore_parse.py

Writes expected-parsed.local.botocore.json: for each file, botocore's parsed
DescribeClientVpnConnections output (ResponseMetadata reduced to RequestId);
likewise expected-parsed.endpoints.botocore.json (responses-endpoints/*.xml,
DescribeClientVpnEndpoints) and expected-parsed.terminate.botocore.json
(responses-terminate/*.xml, TerminateClientVpnConnections).
clientvpn's TestDecodeMatchesBotocore compares the decoder with it, which
checks presence (absent vs empty) the way the AWS CLI sees it.
"""
import glob
import json
import os

import botocore
import botocore.session
from botocore.parsers import create_parser

HERE = os.path.dirname(os.path.abspath(__file__))


# The fixture folders and their operations; the first is the original one.
SETS = [
    ("responses", "DescribeClientVpnConnections", "expected-parsed.local.botocore.json"),
    ("responses-endpoints", "DescribeClientVpnEndpoints", "expected-parsed.endpoints.botocore.json"),
    ("responses-terminate", "TerminateClientVpnConnections", "expected-parsed.terminate.botocore.json"),
]


def main():
    model = botocore.session.get_session().get_service_model("ec2")
    parser = create_parser("ec2")
    for folder, op, outname in SETS:
        shape = model.operation_model(op).output_shape
        cases = []
        for path in sorted(glob.glob(os.path.join(HERE, folder, "*.xml"))):
            body = open(path, "rb").read()
            parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
            meta = parsed.pop("ResponseMetadata", {})
            cases.append({"file": os.path.basename(path), "requestId": meta.get("RequestId"), "parsed": parsed})
        out = {"generator": "botocore %s EC2 response parser (protocol 'ec2'), %s output shape" % (botocore.__version__, op),
               "cases": cases}
        with open(os.path.join(HERE, outname), "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
