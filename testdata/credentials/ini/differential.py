#!/usr/bin/env python3
"""Differential test data for internal/awsconfig's INI parser: random config files + botocore's parse.

    python3 differential.py DIR [COUNT] [SEED]
    INI_BOTOCORE_DIR=DIR go test -run BotocoreDir ./internal/awsconfig

Writes COUNT (default 600) random files DIR/rNNN.ini built from tricky lines (indentation,
continuations, nested values, [DEFAULT], ':' separators, inline '#', CR, non-ASCII, odd headers)
and, through botocore_golden.py's logic, DIR/rNNN.botocore.json.
"""
import os
import random
import runpy
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 600
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
heads = ["[default]", "[profile a]", "[profile  b ]", "[a]", "[DEFAULT]", "[ x ]", "[a]]", "[profile 'q r']",
         "[services s]", "  [profile c]", "[sso-session z]"]
body = ["k = v", "K=V", "k2: v2", "region = us-east-1 # c", "  k3 = v3", "\tk4 = v4", "s3 =", "  x = 1", "    y = 2",
        "   w=3", "# comment", "; comment", "   # indented", "", "   ", "key=a=b", "key:a=b", "a b c = d",
        "url = http://h:1/", "k5 = v\r", "\u00e9 = \u00fc", "x=\t", "  cont line", "m = first", "ec2 =",
        "  endpoint_url = http://e", "\u00a0nb = 1"]
os.makedirs(out, exist_ok=True)
for i in range(count):
    lines, used = [], set()
    for _ in range(random.randint(1, 4)):
        h = random.choice(heads)
        if h in used:
            continue
        used.add(h)
        lines.append(h)
        keys = set()
        for _ in range(random.randint(0, 6)):
            b = random.choice(body)
            k = b.split("=")[0].split(":")[0].strip().lower()
            if "=" in b or ":" in b:
                if k in keys:
                    continue
                keys.add(k)
            lines.append(b)
    with open(os.path.join(out, f"r{i:03d}.ini"), "w", newline="") as f:
        f.write("\n".join(lines) + random.choice(["", "\n"]))
here = os.path.dirname(os.path.abspath(__file__))
os.chdir(out)
runpy.run_path(os.path.join(here, "botocore_golden.py"))
