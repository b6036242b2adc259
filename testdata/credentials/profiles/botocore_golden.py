#!/usr/bin/env python3
"""Record which credential source botocore picks for every profile in ./config + ./credentials.

Run from this directory: python3 botocore_golden.py  (writes profiles.botocore.json)
For each profile it records botocore's credentials "method" (shared-credentials-file,
config-file, custom-process, assume-role, assume-role-with-web-identity, sso, env), null when
botocore finds none, or the exception class when it refuses the configuration. Nothing is
fetched over the network: botocore defers the STS call and the process run until the keys are
read, and instance metadata is disabled. credentials/profile_test.go compares ec2lite's choice.
"""
import json
import os
import re

import botocore
import botocore.session

for k in list(os.environ):
    if k.startswith("AWS_"):
        del os.environ[k]
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_CONFIG_FILE"] = "config"
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = "credentials"

names = []
for path, pattern in (("config", r"^\[(?:profile )?([^\]]+)\]"), ("credentials", r"^\[([^\]]+)\]")):
    for line in open(path):
        m = re.match(pattern, line)
        if m and m.group(1) not in names:
            names.append(m.group(1))
names.append("ghost")  # a profile that does not exist

out = {"botocore": botocore.__version__, "profiles": {}}
for name in names:
    try:
        creds = botocore.session.Session(profile=name).get_credentials()
        out["profiles"][name] = {"method": creds.method if creds else None}
    except Exception as e:  # noqa: BLE001 - the class is the record
        out["profiles"][name] = {"error": type(e).__name__}
with open("profiles.botocore.json", "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(json.dumps(out, indent=1, sort_keys=True))
