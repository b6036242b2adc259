#!/usr/bin/env python3
"""Record the AWS CLI's behaviour for `aws ec2 describe-client-vpn-connections`.

Runs a small local HTTP server that answers with the XML fixtures in ../fixtures
(the URL path picks the scenario, see SCENARIOS), runs the AWS CLI v1 (`aws` on
PATH) and v2 (`/usr/bin/aws` or $AWS_V2) for every case in CASES, and writes one
JSON file per case into ../recorded/ holding, for each CLI version, the exit code,
stdout, stderr and the form bodies the server received.

Usage (from the repository root):

    python3 testdata/cli/record/record.py            # all cases
    python3 testdata/cli/record/record.py CASE ...   # only these

Nothing here talks to AWS: credentials are the documented example keys, the
endpoint is the local server, IMDS is disabled. Machine-specific strings (the
server's port, the temporary directory) are replaced by PORT and TMP.
"""

import base64
import http.server
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
OUT = os.path.join(HERE, "..", "recorded")

OP = "describe-client-vpn-connections"
EP = "cvpn-endpoint-0123456789abcdef0"

TOKENS = {
    # request NextToken -> page fixture
    None: "page1.xml",
    "AAEAAWJmZTg0+cGFnZTI/eA==": "page2.xml",
    "AAEAAWJmZTg0+cGFnZTM/eA==": "page3.xml",
}

# path -> (status, content type, fixture) for the fixed answers.
FIXED = {
    "/empty": (200, "text/xml;charset=UTF-8", "empty.xml"),
    "/repeat": (200, "text/xml;charset=UTF-8", "repeat.xml"),
    "/notfound": (400, "text/xml;charset=UTF-8", "notfound.xml"),
    "/authfailure": (401, "text/xml;charset=UTF-8", "authfailure.xml"),
    "/unauthorized": (403, "text/xml;charset=UTF-8", "unauthorized.xml"),
    "/throttle": (503, "text/xml;charset=UTF-8", "throttle.xml"),
    "/badgateway": (502, "text/html", "badgateway.html"),
    "/notxml": (200, "text/plain", "notxml.txt"),
    "/truncated": (200, "text/xml;charset=UTF-8", "truncated.xml"),
    "/emptybody": (200, "text/xml;charset=UTF-8", "emptybody.txt"),
    "/internalerror": (500, "text/xml;charset=UTF-8", "internalerror.xml"),
}

REQUESTS = []
HTTPS_PORT = [0]


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


def answer(path, form):
    """Returns (status, content type, body) for a request: the one routing
    table, mirrored by the Go tests' server (cmd/ec2lite/server_test.go)."""
    if path in FIXED:
        status, ctype, name = FIXED[path]
        return status, ctype, fixture(name)
    # "/" and "/pages": three pages chained by NextToken; DryRun=true -> 412.
    if form.get("DryRun") == ["true"]:
        return 412, "text/xml;charset=UTF-8", fixture("dryrun.xml")
    tok = form.get("NextToken", [None])[0]
    if tok not in TOKENS:
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
            "<Code>InvalidParameterValue</Code><Message>Invalid NextToken</Message>"
            "</Error></Errors><RequestID>aaaaaaaa-0000-4000-8000-000000000000</RequestID></Response>\n"
        ).encode()
        return 400, "text/xml;charset=UTF-8", body
    return 200, "text/xml;charset=UTF-8", fixture(TOKENS[tok])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n).decode()
        REQUESTS.append({"path": self.path, "body": raw})
        status, ctype, body = answer(self.path, urllib.parse.parse_qs(raw))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


# Each case: name, args (the ec2lite form: the operation and its flags; for aws,
# "ec2" is inserted before the operation), and optional keys:
#   path     URL path on the local server (default "/"); None = no --endpoint-url added
#   env      extra environment (value None removes the variable)
#   config   content of the config file; credentials: of the credentials file
#   files    {relative name: content} created in the temporary directory
def tok(d):
    """Encodes a resume token as botocore's TokenEncoder does."""
    return base64.b64encode(json.dumps(d).encode()).decode()


E = ["--client-vpn-endpoint-id", EP]
CASES = [
    # --- success and pagination
    dict(name="paginate-auto", args=[OP] + E),
    dict(name="paginate-empty", args=[OP] + E, path="/empty"),
    dict(name="no-paginate", args=[OP] + E + ["--no-paginate"]),
    dict(name="max-results", args=[OP] + E + ["--max-results", "5"]),
    dict(name="next-token", args=[OP] + E + ["--next-token", "AAEAAWJmZTg0+cGFnZTI/eA=="]),
    dict(name="page-size", args=[OP] + E + ["--page-size", "5"]),
    dict(name="max-items-1", args=[OP] + E + ["--max-items", "1"]),
    dict(name="max-items-2", args=[OP] + E + ["--max-items", "2"]),
    dict(name="max-items-3", args=[OP] + E + ["--max-items", "3"]),
    dict(name="max-items-5", args=[OP] + E + ["--max-items", "5"]),
    dict(name="max-items-9", args=[OP] + E + ["--max-items", "9"]),
    dict(name="max-items-0", args=[OP] + E + ["--max-items", "0"]),
    dict(name="starting-token-truncated", args=[OP] + E + ["--starting-token",
         tok({"NextToken": "AAEAAWJmZTg0+cGFnZTI/eA==", "boto_truncate_amount": 1})]),
    dict(name="starting-token-null", args=[OP] + E + ["--starting-token",
         tok({"NextToken": None, "boto_truncate_amount": 1}), "--max-items", "2"]),
    dict(name="starting-token-page", args=[OP] + E + ["--starting-token",
         tok({"NextToken": "AAEAAWJmZTg0+cGFnZTM/eA=="})]),
    dict(name="starting-token-not-json", args=[OP] + E + ["--starting-token", "eyJOZXh0"]),
    dict(name="starting-token-raw", args=[OP] + E + ["--starting-token", "AAEAAWJmZTg0+cGFnZTI/eA=="]),
    dict(name="starting-token-bad", args=[OP] + E + ["--starting-token", "a___b___c"]),
    dict(name="repeated-token", args=[OP] + E, path="/repeat"),
    dict(name="filters-shorthand", args=[OP] + E + ["--filters", "Name=username,Values=alice,bob", "--no-paginate"]),
    dict(name="filters-several", args=[OP] + E + ["--filters", "Name=username,Values=alice", "Name=connection-id,Values=cvpn-connection-04e7e1b2f0daf9460", "--no-paginate"]),
    dict(name="filters-json", args=[OP] + E + ["--filters", '[{"Name":"username","Values":["alice","bob"]}]', "--no-paginate"]),
    dict(name="filters-brackets", args=[OP] + E + ["--filters", "Name=username,Values=[alice,bob]", "--no-paginate"]),
    dict(name="filters-quoted", args=[OP] + E + ["--filters", "Name=username,Values='a,b',\"c d\"", "--no-paginate"]),
    dict(name="cli-input-json", args=[OP, "--cli-input-json",
         '{"ClientVpnEndpointId": "cvpn-endpoint-0123456789abcdef0", "MaxResults": 5}']),
    dict(name="cli-input-json-file", args=[OP, "--cli-input-json", "file://input.json"],
         files={"input.json": '{"ClientVpnEndpointId": "cvpn-endpoint-0123456789abcdef0", "Filters": [{"Name": "username", "Values": ["alice"]}]}'}),
    dict(name="cli-input-json-override", args=[OP, "--cli-input-json",
         '{"ClientVpnEndpointId": "cvpn-endpoint-ffffffffffffffff0"}'] + E + ["--no-paginate"]),
    dict(name="no-dry-run", args=[OP] + E + ["--no-dry-run", "--no-paginate"]),
    dict(name="output-text", args=["--output", "text", OP] + E),
    dict(name="output-table", args=[OP] + E + ["--output", "table"]),
    dict(name="query", args=[OP] + E + ["--query", "Connections[].[ConnectionId,Username]", "--output", "text"]),
    dict(name="query-max-items", args=[OP] + E + ["--query", "Connections[].ConnectionId", "--max-items", "1"]),
    dict(name="env-output-text", args=[OP] + E, env={"AWS_DEFAULT_OUTPUT": "text"}),
    dict(name="profile-output", args=[OP] + E + ["--profile", "p1"],
         config="[profile p1]\noutput = text\nregion = eu-west-1\n",
         credentials="[p1]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"),
    dict(name="profile-env-credentials-ignored", args=[OP] + E + ["--profile", "p1"],
         config="[profile p1]\nregion = eu-west-1\n"),
    dict(name="env-endpoint-url", args=[OP] + E + ["--no-paginate"], path=None,
         env={"AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:{PORT}/"}),
    dict(name="no-verify-ssl", args=[OP] + E + ["--no-verify-ssl", "--no-paginate"]),
    dict(name="text-max-items", args=[OP] + E + ["--output", "text", "--max-items", "3"]),
    dict(name="text-query-max-items", args=[OP] + E + ["--output", "text", "--query", "Connections[].ConnectionId", "--max-items", "1"]),
    dict(name="table-max-items", args=[OP] + E + ["--output", "table", "--max-items", "1"]),
    dict(name="max-items-page-size", args=[OP] + E + ["--max-items", "3", "--page-size", "5"]),
    dict(name="query-length", args=[OP] + E + ["--query", "length(Connections)"]),
    dict(name="query-next-token", args=[OP] + E + ["--query", "NextToken", "--max-items", "1"]),
    dict(name="query-hash", args=[OP] + E + ["--query", "Connections[].{User: Username, Id: ConnectionId, State: Status.Code}", "--no-paginate"]),
    dict(name="output-equals", args=["--output=text", OP] + E + ["--no-paginate"]),
    dict(name="region-flag", args=[OP] + E + ["--region", "eu-west-1", "--no-paginate"]),
    dict(name="filters-json-objects", args=[OP] + E + ["--filters", '{"Name": "username", "Values": ["alice"]}',
         '{"Name": "connection-id", "Values": ["x"]}', "--no-paginate"]),
    dict(name="no-verify-ssl-https", args=[OP] + E + ["--no-verify-ssl", "--no-paginate"], path="HTTPS"),
    dict(name="https-untrusted", args=[OP] + E + ["--no-paginate"], path="HTTPS", env={"AWS_MAX_ATTEMPTS": "1"}),
    # --- usage errors
    dict(name="filters-json-then-shorthand", args=[OP] + E + ["--filters", '{"Name": "username"}', "Name=x"]),
    dict(name="filters-values-type", args=[OP] + E + ["--filters", '[{"Name": "username", "Values": "alice"}]']),
    dict(name="filters-duplicate-key", args=[OP] + E + ["--filters", "Name=a,Name=b"]),
    dict(name="filters-no-values", args=[OP] + E + ["--filters"]),
    dict(name="cli-input-json-empty", args=[OP, "--cli-input-json", "{}"]),
    dict(name="cli-input-json-types", args=[OP, "--cli-input-json",
         '{"ClientVpnEndpointId": 5, "MaxResults": "10", "DryRun": "yes", "Filters": {"Name": "x"}}']),
    dict(name="cli-input-json-dry-run", args=[OP, "--cli-input-json", '{"ClientVpnEndpointId": "cvpn-endpoint-0123456789abcdef0", "DryRun": true}']),
    dict(name="starting-token-number", args=[OP] + E + ["--starting-token", "MTIz"]),
    dict(name="starting-token-old-index", args=[OP] + E + ["--starting-token", "AAEAAWJmZTg0+cGFnZTI/eA==___1"]),
    dict(name="page-size-low", args=[OP] + E + ["--page-size", "2"]),
    dict(name="cli-connect-timeout-abc", args=[OP] + E + ["--cli-connect-timeout", "abc"]),
    dict(name="no-command-args", args=[OP, "extra"] + E),
    dict(name="unknown-flag", args=[OP] + E + ["--bogus"]),
    dict(name="unknown-flag-value", args=[OP] + E + ["--bogus", "x"]),
    dict(name="missing-required", args=[OP]),
    dict(name="missing-value", args=[OP, "--client-vpn-endpoint-id"]),
    dict(name="filters-bad-key", args=[OP] + E + ["--filters", "Nmae=username,Values=alice"]),
    dict(name="filters-no-equals", args=[OP] + E + ["--filters", "username"]),
    dict(name="filters-unclosed", args=[OP] + E + ["--filters", "Name=username,Values=[alice"]),
    dict(name="filters-bad-json", args=[OP] + E + ["--filters", '[{"Name": "username"']),
    dict(name="filters-empty-value", args=[OP] + E + ["--filters", "Name=,Values=alice", "--no-paginate"]),
    dict(name="max-results-abc", args=[OP] + E + ["--max-results", "abc"]),
    dict(name="max-results-low", args=[OP] + E + ["--max-results", "2"]),
    dict(name="max-results-high", args=[OP] + E + ["--max-results", "5000"]),
    dict(name="max-items-abc", args=[OP] + E + ["--max-items", "abc"]),
    dict(name="page-size-abc", args=[OP] + E + ["--page-size", "abc"]),
    dict(name="no-paginate-max-items", args=[OP] + E + ["--no-paginate", "--max-items", "1"]),
    dict(name="cli-input-json-bad", args=[OP, "--cli-input-json", "{bad"]),
    dict(name="cli-input-json-missing-file", args=[OP, "--cli-input-json", "file://nope.json"]),
    dict(name="cli-input-json-unknown-key", args=[OP, "--cli-input-json", '{"Foo": 1}'] + E),
    dict(name="cli-input-json-array", args=[OP, "--cli-input-json", "[1]"] + E),
    dict(name="output-bogus", args=[OP] + E + ["--output", "bogus"]),
    dict(name="output-close-match", args=[OP] + E + ["--output", "jsn"]),
    dict(name="ambiguous-option", args=[OP] + E + ["--max", "3"]),
    dict(name="abbreviated-options", args=[OP, "--client-vpn-e", "cvpn-endpoint-0123456789abcdef0", "--outp", "text", "--no-pag"]),
    dict(name="generate-cli-skeleton", args=[OP, "--generate-cli-skeleton"], path=None),
    dict(name="generate-cli-skeleton-output", args=[OP, "--generate-cli-skeleton", "output"], path=None),
    dict(name="query-bad", args=[OP] + E + ["--query", "Connections[", "--no-paginate"]),
    dict(name="dry-run-twice", args=[OP] + E + ["--dry-run", "--no-dry-run"]),
    dict(name="cli-read-timeout-abc", args=[OP] + E + ["--cli-read-timeout", "abc"]),
    # --- configuration errors
    dict(name="no-credentials", args=[OP] + E,
         env={"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}),
    dict(name="unknown-profile", args=[OP] + E + ["--profile", "nope"]),
    dict(name="unknown-profile-env", args=[OP] + E, env={"AWS_PROFILE": "nope"}),
    dict(name="bad-config-file", args=[OP] + E, config="[default\nregion = us-east-1\n"),
    dict(name="no-region", args=[OP] + E, env={"AWS_DEFAULT_REGION": None}),
    # --- service errors
    dict(name="error-notfound", args=[OP] + E, path="/notfound"),
    dict(name="error-authfailure", args=[OP] + E, path="/authfailure"),
    dict(name="error-unauthorized", args=[OP] + E, path="/unauthorized"),
    dict(name="error-throttle", args=[OP] + E, path="/throttle", env={"AWS_MAX_ATTEMPTS": "2"}),
    dict(name="error-badgateway", args=[OP] + E, path="/badgateway", env={"AWS_MAX_ATTEMPTS": "1"}),
    dict(name="dry-run", args=[OP] + E + ["--dry-run"]),
    dict(name="non-xml-2xx", args=[OP] + E, path="/notxml"),
    dict(name="truncated-2xx", args=[OP] + E, path="/truncated"),
    dict(name="empty-2xx", args=[OP] + E + ["--no-paginate"], path="/emptybody"),
    dict(name="error-internal", args=[OP] + E, path="/internalerror", env={"AWS_MAX_ATTEMPTS": "2"}),
    dict(name="connection-refused", args=[OP] + E, path="REFUSED", env={"AWS_MAX_ATTEMPTS": "1"}),
]


def run_case(case, exe, port, closed_port):
    tmp = tempfile.mkdtemp(prefix="ec2lite-rec-")
    try:
        config = os.path.join(tmp, "config")
        creds = os.path.join(tmp, "credentials")
        with open(config, "w") as f:
            f.write(case.get("config", ""))
        with open(creds, "w") as f:
            f.write(case.get("credentials", ""))
        for name, content in case.get("files", {}).items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(content)
        env = {
            "PATH": os.environ["PATH"],
            "HOME": tmp,
            "LANG": "C.UTF-8",
            "AWS_CONFIG_FILE": config,
            "AWS_SHARED_CREDENTIALS_FILE": creds,
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
        }
        if "PYENV_ROOT" in os.environ:
            env["PYENV_ROOT"] = os.environ["PYENV_ROOT"]
        else:
            env["PYENV_ROOT"] = os.path.expanduser("~/.pyenv")
        for k, v in case.get("env", {}).items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v.replace("{PORT}", str(port))
        args = list(case["args"])
        i = args.index(OP)
        args[i:i + 1] = ["ec2", OP]
        path = case.get("path", "/")
        if path == "HTTPS":
            args += ["--endpoint-url", "https://127.0.0.1:%d/" % HTTPS_PORT[0]]
        elif path == "REFUSED":
            args += ["--endpoint-url", "http://127.0.0.1:%d" % closed_port]
        elif path is not None:
            args += ["--endpoint-url", "http://127.0.0.1:%d%s" % (port, path)]
        del REQUESTS[:]
        p = subprocess.run([exe] + args, env=env, cwd=tmp, capture_output=True, timeout=120)

        def norm(b):
            s = b.decode("utf-8", "replace")
            s = s.replace("127.0.0.1:%d" % port, "127.0.0.1:PORT")
            s = s.replace("127.0.0.1:%d" % closed_port, "127.0.0.1:CLOSED")
            s = s.replace("127.0.0.1:%d" % HTTPS_PORT[0], "127.0.0.1:TLSPORT")
            s = s.replace(tmp, "TMP")
            # No paths of the recording machine: Python library and
            # executable locations in warnings and tracebacks.
            s = re.sub(r'/[^\s"\']*/(site|dist)-packages/', "PYLIB/", s)
            s = re.sub(r'/[^\s"\']*/bin/(aws|python3?)\b', r"BIN/\1", s)
            return s

        return {
            "exit": p.returncode,
            "stdout": norm(p.stdout),
            "stderr": norm(p.stderr),
            "requests": [r["body"] for r in REQUESTS],
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def version(exe):
    p = subprocess.run([exe, "--version"], capture_output=True)
    return (p.stdout or p.stderr).decode().split()[0]


def main():
    only = set(sys.argv[1:])
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = srv.server_address[1]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    closed = free_port()
    # An HTTPS server with a throwaway self-signed certificate (for
    # --no-verify-ssl and certificate errors).
    certdir = tempfile.mkdtemp(prefix="ec2lite-cert-")
    cert, key = os.path.join(certdir, "cert.pem"), os.path.join(certdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    HTTPS_PORT[0] = tls.server_address[1]
    threading.Thread(target=tls.serve_forever, daemon=True).start()
    v1 = shutil.which("aws")
    v2 = os.environ.get("AWS_V2", "/usr/bin/aws")
    clis = [("v1", v1), ("v2", v2 if os.path.exists(v2) else None)]
    os.makedirs(OUT, exist_ok=True)
    for case in CASES:
        if only and case["name"] not in only:
            continue
        rec = {"name": case["name"], "args": case["args"], "path": case.get("path", "/")}
        for k in ("env", "config", "credentials", "files"):
            if k in case:
                rec[k] = case[k]
        for tag, exe in clis:
            if exe is None:
                continue
            r = run_case(case, exe, port, closed)
            r["cli"] = version(exe)
            rec[tag] = r
            print("%-32s %s exit=%d requests=%d" % (case["name"], tag, r["exit"], len(r["requests"])))
        with open(os.path.join(OUT, case["name"] + ".json"), "w") as f:
            json.dump(rec, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")
    srv.shutdown()


if __name__ == "__main__":
    main()
