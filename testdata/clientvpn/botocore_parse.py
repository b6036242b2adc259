#!/usr/bin/env python3
"""Parse every responses/*.xml with botocore's EC2 response parser.

Usage (from the repository root): python3 testdata/clientvpn/botocore_parse.py

Writes expected-parsed.local.botocore.json: for each file, botocore's parsed
DescribeClientVpnConnections output (ResponseMetadata reduced to RequestId).
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


def main():
    model = botocore.session.get_session().get_service_model("ec2")
    shape = model.operation_model("DescribeClientVpnConnections").output_shape
    parser = create_parser("ec2")
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "responses", "*.xml"))):
        body = open(path, "rb").read()
        parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
        meta = parsed.pop("ResponseMetadata", {})
        cases.append({"file": os.path.basename(path), "requestId": meta.get("RequestId"), "parsed": parsed})
    out = {"generator": "botocore %s EC2 response parser (protocol 'ec2'), DescribeClientVpnConnections output shape" % botocore.__version__,
           "cases": cases}
    with open(os.path.join(HERE, "expected-parsed.local.botocore.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
