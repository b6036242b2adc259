"""Evaluates JMESPath queries with jmespath.py for the differential test.

Reads JSON lines {"expr": "...", "data": "<a JSON document as text>"} on
stdin and writes one JSON line per input on stdout:

    {"result": "<json.dumps(result, separators=(',', ':'), default=str)>"}
    {"error": "<str(exception)>", "kind": "parse" | "runtime"}

"parse" means jmespath.compile raised; "runtime" that search did. The
address in the str() of an expression reference is replaced by a fixed one.
"""
import json
import re
import sys

import jmespath

ADDR = re.compile(r' at 0x[0-9a-f]+>')


def norm(s):
    return ADDR.sub(' at 0x7f0000000000>', s)


def main():
    out = sys.stdout
    for line in sys.stdin:
        req = json.loads(line)
        try:
            compiled = jmespath.compile(req['expr'])
        except Exception as e:
            resp = {'error': norm(str(e)), 'kind': 'parse'}
        else:
            try:
                result = compiled.search(json.loads(req['data']))
                resp = {'result': norm(json.dumps(result, separators=(',', ':'), default=str))}
            except Exception as e:
                resp = {'error': norm(str(e)), 'kind': 'runtime'}
        out.write(json.dumps(resp) + '\n')
    out.flush()


if __name__ == '__main__':
    main()
