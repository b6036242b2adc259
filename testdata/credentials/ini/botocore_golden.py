#!/usr/bin/env python3
"""Record how botocore's configloader parses each *.ini file here, as golden JSON.

Run from this directory: python3 botocore_golden.py
For every NAME.ini it writes NAME.botocore.json:
  {"botocore": VERSION, "sections": {section: {key: value-or-{nested}}},
   "profiles": [names], "services": [names], "sso_sessions": [names]}
or, when botocore rejects the file, {"botocore": VERSION, "error": "ExceptionClass"}.
"sections" is raw_config_parse (credentials-file view); the name lists are load_config's
profile map (config-file view). internal/awsconfig's tests compare against these files.
"""
import glob
import json

import botocore
import botocore.configloader as cl
import botocore.exceptions

for path in sorted(glob.glob("*.ini")):
    out = {"botocore": botocore.__version__}
    try:
        raw = cl.raw_config_parse(path)
        built = cl.build_profile_map(raw)
        out["sections"] = raw
        out["profiles"] = sorted(built["profiles"])
        out["services"] = sorted(built["services"])
        out["sso_sessions"] = sorted(built["sso_sessions"])
    except botocore.exceptions.ConfigParseError as e:
        inner = e.kwargs.get("error")
        out["error"] = type(inner).__name__ if inner is not None else type(e).__name__
    with open(path[: -len(".ini")] + ".botocore.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(path, "error" in out and out["error"] or "ok")
