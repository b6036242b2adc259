#!/usr/bin/env python3
"""Generate botocore-differential.json: random requests signed by botocore.

Run from the repository root:

    python3 testdata/sigv4/gen_botocore.py > testdata/sigv4/botocore-differential.json

Every case is a random request (method, URL with port, percent-encoded unicode
and reserved characters, dot and empty path segments, a query string already
in canonical encoding, headers with odd spacing, duplicates, mixed case and
botocore's unsigned headers, a body, credentials with or without a session
token) signed with botocore.auth.SigV4Auth at a fixed time. The output records
the canonical request, the string to sign and the Authorization value botocore
computed; sigv4's TestBotocoreDifferential requires the same three values. A second
set of requests is presigned with botocore.auth.SigV4QueryAuth
(TestBotocorePresignDifferential).

Queries are generated already in canonical encoding (A-Za-z0-9-._~ literal,
everything else %XX upper-case), because botocore signs the query string as
given where the AWS rule decodes and re-encodes it; for canonical input both
rules agree. The suites in aws-c-auth-v4 and aws4_testsuite test the
re-encoding itself. Headers botocore treats specially are left out: Date (it
rewrites it and drops X-Amz-Date) and Host (sigv4 signs the request's Host).

Deterministic: a fixed seed, no clock (botocore's clock is replaced).
"""

import datetime
import json
import random
import sys
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SEED = 20261126
COUNT = 300
PRESIGN_COUNT = 100

TIMES = [
    datetime.datetime(2015, 8, 30, 12, 36, 0),
    datetime.datetime(2026, 11, 25, 12, 0, 0),
    datetime.datetime(2000, 1, 1, 0, 0, 0),
    datetime.datetime(2038, 1, 19, 3, 14, 8),
    datetime.datetime(1999, 12, 31, 23, 59, 59),
]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1", "il-central-1"]
SERVICES = ["ec2", "sts", "iam", "execute-api", "service", "monitoring"]
HOSTS = ["ec2.us-east-1.amazonaws.com", "example.amazonaws.com", "127.0.0.1", "localhost",
         "sts.eu-west-1.amazonaws.com", "[::1]", "vpc-endpoint.internal.example"]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]
# Path segments as they appear in the URL (percent-encoded where needed).
SEGMENTS = ["", ".", "..", "a", "b", "example", "b%20c", "%E1%88%B4", "caf%C3%A9",
            "%F0%9F%98%80", "$delete", "a=b", "x@y", "!", "'()*", "~tilde", "a+b",
            "%2F", "%25", "lower%e1", "semi;colon", "co:lon", "com,ma", "-._~",
            "%2E%2E", "UPPER", "%C3%BC%C3%B1%C3%AE"]
QUERY_WORDS = ["Action", "Version", "a", "b", "Z", "Filter.1.Name", "Filter.1.Value.1",
               "x-amz-meta", "empty", "k", "K", "~", "-._~", "NextToken"]
QUERY_VALUES = ["", "1", "value", "two words", "a+b", "ünïcödé", "ሴ", "😀", "a/b", "=&?",
                "eyJ2IjoiMiJ9/ab+c==", "%", "*", "~tilde", "2016-11-15", "CAPS", "caps"]
HEADER_NAMES = ["X-Custom", "x-amz-meta-foo", "Content-Type", "Content-Length", "Accept",
                "X-Dup", "My-Header1", "x-amz-content-sha256", "X-Amz-Target",
                "X-Amz-Date", "X-Amz-Security-Token", "If-None-Match", "Cache-Control",
                # botocore leaves these unsigned:
                "User-Agent", "Expect", "Connection", "X-Amzn-Trace-Id", "Authorization",
                "TE", "Keep-Alive", "Upgrade", "Proxy-Authorization"]
WORDS = ["value", "a", "b c", '"quoted   text"', "application/x-www-form-urlencoded; charset=utf-8",
         "100-continue", "é", "日本語", "x,y", "=", ":", "UPPER", "gzip, deflate"]
SPACES = [" ", "  ", "\t", " \t ", "   "]


def rand_case(r, s):
    return "".join(c.upper() if r.random() < 0.5 else c.lower() for c in s)


def rand_path(r):
    if r.random() < 0.08:
        return ""
    n = r.randint(0, 5)
    segs = [r.choice(SEGMENTS) for _ in range(n)]
    p = "/" + "/".join(segs)
    if n and r.random() < 0.3:
        p += "/"
    return p


def enc(s):
    return quote(s, safe="-_.~")


def rand_query(r):
    n = r.choice([0, 0, 1, 2, 3, 5])
    parts = []
    for _ in range(n):
        k = r.choice(QUERY_WORDS) if r.random() < 0.8 else r.choice(QUERY_VALUES)
        if not k:
            k = "k"
        roll = r.random()
        if roll < 0.1:
            parts.append(enc(k))  # no '='
        else:
            parts.append(enc(k) + "=" + enc(r.choice(QUERY_VALUES)))
    if n >= 2 and r.random() < 0.3:
        parts.append(parts[0].split("=")[0] + "=" + enc(r.choice(QUERY_VALUES)))  # repeated key
    return "&".join(parts)


def rand_value(r):
    if r.random() < 0.08:
        return ""
    words = [r.choice(WORDS) for _ in range(r.randint(1, 3))]
    v = ""
    for i, w in enumerate(words):
        if i:
            v += r.choice(SPACES)
        v += w
    if r.random() < 0.3:
        v = r.choice(SPACES) + v
    if r.random() < 0.3:
        v = v + r.choice(SPACES)
    return v


def rand_token(r, n):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(r.choice(alphabet) for _ in range(n))


class RecordingSigV4Auth(SigV4Auth):
    def canonical_request(self, request):
        self.recorded_cr = super().canonical_request(request)
        return self.recorded_cr

    def string_to_sign(self, request, canonical_request):
        self.recorded_sts = super().string_to_sign(request, canonical_request)
        return self.recorded_sts


class RecordingSigV4QueryAuth(SigV4QueryAuth):
    def canonical_request(self, request):
        self.recorded_cr = super().canonical_request(request)
        return self.recorded_cr

    def string_to_sign(self, request, canonical_request):
        self.recorded_sts = super().string_to_sign(request, canonical_request)
        return self.recorded_sts


def make_presign_case(r, i):
    """A request presigned with SigV4QueryAuth. botocore's presigner keeps one
    value per query key and moves a body into the query, so these requests
    have unique query keys and no body."""
    scheme = "https" if r.random() < 0.8 else "http"
    host = r.choice(HOSTS)
    if r.random() < 0.3:
        host += ":" + str(r.choice([8443, 443 if scheme == "https" else 80]))
    keys = r.sample(QUERY_WORDS, r.choice([0, 1, 2, 4]))
    query = "&".join(enc(k) + "=" + enc(r.choice(QUERY_VALUES)) for k in keys)
    url = scheme + "://" + host + rand_path(r) + ("?" + query if query else "")
    headers = []
    for _ in range(r.randint(0, 3)):
        name = r.choice(["X-Custom", "x-amz-meta-foo", "Accept", "X-Dup", "User-Agent", "Expect"])
        headers.append([name, rand_value(r)])
    access_key = "AKID" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    secret = rand_token(r, 40)
    token = rand_token(r, r.randint(16, 80)) + "==" if r.random() < 0.4 else None
    region, service, when = r.choice(REGIONS), r.choice(SERVICES), r.choice(TIMES)
    expires = r.choice([1, 60, 900, 3600, 86400, 604800])

    botocore.auth.get_current_datetime = lambda: when
    req = AWSRequest(method="GET", url=url)
    for name, value in headers:
        req.headers[name] = value
    auth = RecordingSigV4QueryAuth(Credentials(access_key, secret, token), service, region, expires=expires)
    auth.add_auth(req)
    cr = auth.recorded_cr
    return {
        "id": "presign-%03d" % i,
        "url": url,
        "headers": headers,
        "access_key_id": access_key,
        "secret_access_key": secret,
        "session_token": token or "",
        "region": region,
        "service": service,
        "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "expires": expires,
        "payload_hash": cr.rsplit("\n", 1)[1],
        "canonical_request": cr,
        "string_to_sign": auth.recorded_sts,
        "presigned_url": req.url,
    }


def make_case(r, i):
    scheme = "https" if r.random() < 0.8 else "http"
    host = r.choice(HOSTS)
    port_roll = r.random()
    if port_roll < 0.55:
        netloc = host
    elif port_roll < 0.75:
        netloc = host + (":443" if scheme == "https" else ":80")
    else:
        netloc = host + ":" + str(r.choice([8443, 8080, 9000, 443 if scheme == "http" else 80]))
    path = rand_path(r)
    query = rand_query(r)
    url = scheme + "://" + netloc + path + ("?" + query if query else "")

    method = r.choice(METHODS)
    body = ""
    if method in ("POST", "PUT", "PATCH") or r.random() < 0.1:
        body = r.choice(["", "Action=DescribeClientVpnConnections&Version=2016-11-15",
                         "Param1=value1", '{"json": true}', "ünïcödé body", "x" * r.randint(1, 300)])

    headers = []
    for _ in range(r.randint(0, 6)):
        name = rand_case(r, r.choice(HEADER_NAMES)) if r.random() < 0.4 else r.choice(HEADER_NAMES)
        lname = name.lower()
        if lname == "content-length":
            value = str(len(body.encode("utf-8")))
        elif lname == "x-amz-content-sha256":
            value = r.choice(["UNSIGNED-PAYLOAD", None])
            if value is None:
                value = botocore.auth.sha256(body.encode("utf-8")).hexdigest()
        elif lname in ("x-amz-date",):
            value = "19700101T000000Z"
        else:
            value = rand_value(r)
        headers.append([name, value])
    # x-amz-content-sha256 at most once (botocore reads a single value).
    seen = False
    deduped = []
    for name, value in headers:
        if name.lower() == "x-amz-content-sha256":
            if seen:
                continue
            seen = True
        deduped.append([name, value])
    headers = deduped

    access_key = "AKID" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    secret = rand_token(r, 40)
    token = None
    if r.random() < 0.35:
        token = rand_token(r, r.randint(16, 120)) + r.choice(["", "=", "=="])
    region = r.choice(REGIONS)
    service = r.choice(SERVICES)
    when = r.choice(TIMES)

    botocore.auth.get_current_datetime = lambda: when
    req = AWSRequest(method=method, url=url, data=body.encode("utf-8"))
    for name, value in headers:
        req.headers[name] = value  # HTTPHeaders appends: duplicates are kept in order
    auth = RecordingSigV4Auth(Credentials(access_key, secret, token), service, region)
    auth.add_auth(req)
    cr = auth.recorded_cr
    return {
        "id": "case-%03d" % i,
        "method": method,
        "url": url,
        "headers": headers,
        "body": body,
        "access_key_id": access_key,
        "secret_access_key": secret,
        "session_token": token or "",
        "region": region,
        "service": service,
        "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "payload_hash": cr.rsplit("\n", 1)[1],
        "canonical_request": cr,
        "string_to_sign": auth.recorded_sts,
        "authorization": req.headers["Authorization"],
    }


def main():
    r = random.Random(SEED)
    cases = [make_case(r, i) for i in range(COUNT)]
    presign_cases = [make_presign_case(r, i) for i in range(PRESIGN_COUNT)]
    doc = {
        "generator": "testdata/sigv4/gen_botocore.py with botocore %s (botocore.auth.SigV4Auth), seed %d"
        % (botocore.__version__, SEED),
        "notes": [
            "payload_hash is the last line of botocore's canonical request (an X-Amz-Content-SHA256 header overrides the body hash there)",
            "headers are [name, value] in the order they were added; botocore replaced X-Amz-Date, X-Amz-Security-Token (when session_token is set) and dropped Authorization before signing",
            "presign_cases were signed with SigV4QueryAuth (GET, no body, unique query keys); presigned_url is botocore's, whose parameter order differs from sigv4's: compare the canonical request, string to sign and X-Amz-Signature",
        ],
        "cases": cases,
        "presign_cases": presign_cases,
    }
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
