#!/usr/bin/env python3
"""Record the AWS CLI's shorthand parser, botocore's starting-token decoder and
Python's json.loads errors on a set of inputs, for ec2lite's parser tests.

    python3 testdata/cli/record/parsers.py

writes testdata/cli/parsers/{shorthand,tokens,json}.json. Uses the installed
AWS CLI v1 (awscli.shorthand) and botocore (botocore.paginate); the shorthand
cases are also run through AWS CLI v2's awscli.shorthand (with /usr/bin/python3
or $AWS_V2_PYTHON) and stored under "v2": v1 has a bug that prints
"{self._error_location()}" instead of the caret line.
"""
import base64
import difflib
import json
import os
import subprocess
import sys
from collections import OrderedDict

from awscli.shorthand import ShorthandParser, ShorthandParseError

if sys.argv[1:] != ["--shorthand"]:
    from botocore.paginate import PageIterator, TokenEncoder

# The Python that runs AWS CLI v2 (Debian's awscli package).
V2_PYTHON = os.environ.get("AWS_V2_PYTHON", "/usr/bin/python3")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "parsers")

SHORTHAND = [
    "Name=username,Values=alice,bob",
    "Name=username,Values=alice",
    "Name=username,Values=[alice,bob]",
    "Name=username,Values=[]",
    "Name=username,Values='a,b',\"c d\"",
    "Name=x,Values=a\\,b,c",
    "Name = username , Values = alice , bob",
    "Name=,Values=alice",
    "Values=alice,bob,Name=username",
    "Name=username,Values=alice,bob,",
    "Name=username,Values",
    "Name=username,",
    "username",
    "",
    "Name=a,Name=b",
    "Name=username,Values=[alice",
    "Name=username,Values=[alice,[bob,carol]]",
    "Name={a=b,c=[d,e]}",
    "Name={a=b",
    "Name='unterminated",
    "Name=\"esc\\\"aped\",Values='it\\'s'",
    "Name=a b c,Values=x y",
    "Name=x=y,Values=a=b",
    "Name=x,Values=a]b,c}d",
    "Name=x,Values=a b,c d",
    "Nmae=username,Values=alice",
    "Name=José,Values=山田,ö",
    "Name=x\nValues=y",
    "Name=x,\n  Values=y",
    "a.b-c_d#e/f:g=1",
    "Name=[",
    "Name=x,Values=,",
    "Name=x,Values=a,,b",
    "Name=x,Values='a'b",
    "Name=x,Values=\"a\",'b',c",
    "Name=x,Values=-1,-2",
    "Name=x,Values=[a, b , c ]",
    "Name=x,Values=[\"a\",'b']",
    "Name=x ,Values=a\t,b",
    "Name=x,Values=a\\",
]

TOKENS = [
    "eyJOZXh0VG9rZW4iOiAiQUFFQUFXSm1aVGcwK2NHRm5aVEkvZUE9PSIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9",
    "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
    "eyJOZXh0VG9rZW4iOiAiQUFFQUFXSm1aVGcwK2NHRm5aVE0vZUE9PSJ9",
    "AAEAAWJmZTg0+cGFnZTI/eA==",
    "AAEAAWJmZTg0+cGFnZTI/eA==___1",
    "AAEAAWJmZTg0+cGFnZTI/eA==___x",
    "a___b___c",
    "None",
    "None___3",
    "eyJOZXh0",
    "eyJOZXh0VG9rZW4iOiAiYWJjIn0",
    "eyJOZXh0VG9rZW4iOiAiYWJjIn0=",
    "e yJOZXh0VG9rZW4iOiAiYWJjIn0=",
    "eyJOZXh0VG9rZW4iOiAiYWJjIn0=garbage",
    "W10=",
    "e30=",
    "",
    "plain-token",
    "same-token",
    "abcd",
    "abcde",
    base64.b64encode(json.dumps({"NextToken": "t", "boto_truncate_amount": -1}).encode()).decode(),
    base64.b64encode(json.dumps({"NextToken": "\u00e9\u5c71"}).encode()).decode(),
    base64.b64encode(json.dumps({"NextToken": "x", "Other": "y"}).encode()).decode(),
]

ENCODE = [
    {"NextToken": None, "boto_truncate_amount": 1},
    {"NextToken": "AAEAAWJmZTg0+cGFnZTI/eA=="},
    {"NextToken": "AAEAAWJmZTg0+cGFnZTI/eA==", "boto_truncate_amount": 3},
    {"NextToken": "quote\" back\\ nl\n tab\t bell\x07 del\x7f é 山 😀 /"},
]

JSON = [
    "{bad",
    "[{\"Name\": \"username\"",
    "",
    "   ",
    "[1,]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "[1 2]",
    "\"abc",
    "\"a\\qb\"",
    "\"a\\u12\"",
    "\"tab\there\"",
    "[1]x",
    "{\"a\": [1, 2.5, -3e2, true, false, null, NaN, Infinity, -Infinity]}",
    "\n\n  {\n \"a\": ,}",
    "{\"é\": \"山\", \"a\": 1, \"a\": 2}",
    "01",
    "-",
    "[\"\\ud83d\\ude00\"]",
    "{\"a\":{\"b\":[{}]}}",
    "[[[[",
    "tru",
]


def shorthand():
    out = []
    for s in SHORTHAND:
        try:
            v = ShorthandParser().parse(s)
            out.append({"input": s, "value": v})
        except ShorthandParseError as e:
            out.append({"input": s, "error": str(e)})
    return out


class _Stub:
    pass


def decode_token(tok):
    it = PageIterator(None, ["NextToken"], ["NextToken"], None, ["Connections"], [], None, None, tok, None, {})
    try:
        t, index = it._parse_starting_token()
        return {"input": tok, "token": t, "index": index}
    except Exception as e:  # what the AWS CLI prints
        return {"input": tok, "error": str(e), "type": type(e).__name__}


# difflib.get_close_matches, as the AWS CLI's argparser suggests choices.
CLOSE = [
    ("jsn", ["json", "text", "table"]),
    ("tabel", ["json", "text", "table"]),
    ("txt", ["json", "text", "table"]),
    ("yaml", ["json", "text", "table"]),
    ("describe-client-vpn-connection", ["describe-client-vpn-connections", "fake-endpoint", "completion", "version", "help"]),
    ("describe-client-vpn-endpoints", ["describe-client-vpn-connections", "fake-endpoint", "completion", "version", "help"]),
    ("complete", ["describe-client-vpn-connections", "fake-endpoint", "completion", "version", "help"]),
    ("versoin", ["describe-client-vpn-connections", "fake-endpoint", "completion", "version", "help"]),
    ("abcd", ["abce", "abdc", "bacd", "abcd ", "xbcd"]),
    ("", ["json"]),
]


def main():
    if sys.argv[1:] == ["--shorthand"]:
        # Run by AWS CLI v2's Python: print its shorthand results.
        json.dump(shorthand(), sys.stdout, ensure_ascii=False)
        return
    os.makedirs(OUT, exist_ok=True)
    v1 = shorthand()
    v2 = None
    if os.path.exists(V2_PYTHON):
        p = subprocess.run([V2_PYTHON, os.path.abspath(__file__), "--shorthand"], capture_output=True, check=True)
        v2 = json.loads(p.stdout)
    for i, r in enumerate(v1):
        if v2 is not None:
            r["v2"] = {k: v for k, v in v2[i].items() if k != "input"}
    with open(os.path.join(OUT, "shorthand.json"), "w") as f:
        json.dump(v1, f, indent=2, ensure_ascii=False)
        f.write("\n")
    toks = {"decode": [decode_token(t) for t in TOKENS],
            "encode": [{"token": d, "encoded": TokenEncoder().encode(d)} for d in ENCODE]}
    with open(os.path.join(OUT, "tokens.json"), "w") as f:
        json.dump(toks, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(OUT, "close.json"), "w") as f:
        json.dump([{"word": w, "choices": c, "matches": difflib.get_close_matches(w, c, cutoff=0.8)} for w, c in CLOSE],
                  f, indent=2)
        f.write("\n")
    out = []
    for s in JSON:
        try:
            v = json.loads(s, object_pairs_hook=OrderedDict)
            out.append({"input": s, "ok": True})
        except ValueError as e:
            out.append({"input": s, "error": str(e)})
    with open(os.path.join(OUT, "json.json"), "w") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
