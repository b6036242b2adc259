#!/usr/bin/env python3
"""Record the request bodies the real AWS CLI sends for DescribeClientVpnConnections,
TerminateClientVpnConnections and DescribeClientVpnEndpoints (cases.json,
cases-terminate.json, cases-endpoints.json).

Usage (from the repository root):

    python3 testdata/query/record.py            # records every case of cases.json
    python3 testdata/query/record.py --aws /usr/bin/aws   # another CLI binary

For each case in cases.json it starts nothing new: one local HTTP server on 127.0.0.1
(an ephemeral port) answers every POST with a valid, empty DescribeClientVpnConnections
response and keeps the raw request body. The script then runs

    aws ec2 describe-client-vpn-connections --endpoint-url http://127.0.0.1:PORT \
        --region us-east-1 <case args>

with AWS_ACCESS_KEY_ID=AKIDEXAMPLE, AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
no config or credentials files (AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE point to /dev/null),
and writes the body byte for byte to <case>.body next to this script. COMMANDS.md lists the exact
command lines and the CLI version used.
"""
import argparse
import http.server
import json
import os
import shlex
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))

EMPTY = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
         b'<DescribeClientVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n'
         b'    <requestId>00000000-0000-0000-0000-000000000000</requestId>\n'
         b'    <connections/>\n'
         b'</DescribeClientVpnConnectionsResponse>\n')

bodies = []

# The cases files and the AWS CLI command (under `aws ec2`) of their cases.
CASEFILES = [
    ("cases.json", "describe-client-vpn-connections"),
    ("cases-terminate.json", "terminate-client-vpn-connections"),
    ("cases-endpoints.json", "describe-client-vpn-endpoints"),
]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        bodies.append(self.rfile.read(n))
        self.send_response(200)
        self.send_header("Content-Type", "text/xml;charset=UTF-8")
        self.send_header("Content-Length", str(len(EMPTY)))
        self.end_headers()
        self.wfile.write(EMPTY)

    def log_message(self, *args):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aws", default="aws")
    opts = ap.parse_args()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % srv.server_address[1]

    env = dict(os.environ)
    for k in list(env):
        if k.startswith("AWS_"):
            del env[k]
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
               AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               AWS_PAGER="")

    version = subprocess.run([opts.aws, "--version"], env=env, capture_output=True, text=True)
    lines = ["# Recorded AWS CLI request bodies", "",
             "Recorded by `python3 testdata/query/record.py` with `%s`." % (version.stdout + version.stderr).strip(),
             "Environment: AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY "
             "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null; PORT is an ephemeral local port.",
             "Each `<name>.body` is the request body exactly as received (no trailing newline added).", ""]
    # Each cases file and the CLI command its cases run. The server's answer
    # is an empty DescribeClientVpnConnections response for all of them:
    # botocore does not check the root element's name, and the answer has no
    # nextToken, so every case makes exactly one request.
    for casefile, command in CASEFILES:
        cases = json.load(open(os.path.join(HERE, casefile), encoding="utf-8"))
        for c in cases:
            del bodies[:]
            argv = [opts.aws, "ec2", command, "--endpoint-url", url,
                    "--region", "us-east-1"] + c["args"]
            r = subprocess.run(argv, env=env, capture_output=True)
            if r.returncode != 0 or len(bodies) != 1:
                sys.exit("case %s: exit %d, %d requests: %s" % (c["name"], r.returncode, len(bodies), r.stderr.decode()))
            with open(os.path.join(HERE, c["name"] + ".body"), "wb") as f:
                f.write(bodies[0])
            shown = ["aws"] + argv[1:]
            shown[shown.index("--endpoint-url") + 1] = "http://127.0.0.1:PORT"
            lines += ["## " + c["name"], "", c["reason"] + ".", "", "```", " ".join(shlex.quote(a) for a in shown), "```", ""]
            print(c["name"], bodies[0].decode(), sep="\t")
    with open(os.path.join(HERE, "COMMANDS.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    srv.shutdown()


if __name__ == "__main__":
    main()
