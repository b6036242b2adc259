#!/usr/bin/env python3
"""Random trees formatted by the AWS CLI's own formatter code, for a differential test.

    python3 pydiff.py SEED COUNT > cases.jsonl

Each line: {"input": JSON text of a random value (key order kept), "width": terminal width,
"json"/"text"/"table": what awscli's JSONFormatter, text.format_text and TableFormatter
(--color off) write for it, "text_err"/"table_err": the exception's text when they raise
(text keeps what was written before the exception; table writes nothing)}.
cmd/ec2lite/format_pydiff_test.go runs it and compares writeJSON/writeText/writeTable.
"""
import argparse
import io
import json
import random
import sys

from awscli import text
from awscli.formatter import TableFormatter

STR = ['', 'a', 'alice', 'zoë', '李雷', '🚀x', 'tab\there', 'long value ' * 5, 'Ωmega',
       'x' * 30, '-', 'q"\\\n\r\x01\x7f<&>', '\u0378', 'ｶﾀ ＡＢ', 'e\u0301']
KEYS = ['A', 'b', 'Code', 'Name', 'Zeta', 'Items', 'Status', 'é', '', 'k"\\']


def scalar():
    r = random.random()
    if r < 0.55:
        return random.choice(STR)
    if r < 0.65:
        return random.choice([0, 1, -7, 123456, 2**63 - 1])
    if r < 0.72:
        return random.choice([0.0, -0.0, 1.5, 1e20, 1e-05, 0.1, 1e16, 123.456e-7])
    if r < 0.8:
        return random.choice([True, False])
    return None


def value(d):
    r = random.random()
    if d > 3 or r < 0.4:
        return scalar()
    if r < 0.7:
        return obj(d)
    return lst(d)


def obj(d):
    return {random.choice(KEYS): value(d + 1) for _ in range(random.randint(0, 5))}


def lst(d):
    kind = random.random()
    n = random.randint(0, 5)
    if kind < 0.4:
        return [obj(d + 1) for _ in range(n)]
    if kind < 0.6:
        return [scalar() for _ in range(n)]
    if kind < 0.75:
        return [[scalar() for _ in range(random.randint(0, 3))] for _ in range(n)]
    return [value(d + 1) for _ in range(n)]


def main():
    random.seed(int(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        v = value(0) if random.random() < 0.3 else obj(0)
        w = random.choice([1, 20, 40, 80, 120, 200, 300])
        rec = {'input': json.dumps(v, ensure_ascii=False), 'width': w}
        rec['json'] = '' if v == {} else json.dumps(v, indent=4, ensure_ascii=False) + '\n'
        s = io.StringIO()
        try:
            text.format_text(v, s)
            rec['text_err'] = ''
        except Exception as e:
            rec['text_err'] = str(e)
        rec['text'] = s.getvalue()
        f = TableFormatter(argparse.Namespace(color='off', query=None))
        f.table._terminal_width = w
        s = io.StringIO()
        try:
            if f._build_table('Title', v):
                f.table.render(s)
            rec['table_err'] = ''
        except Exception as e:
            rec['table_err'] = str(e)
            s = io.StringIO()
        rec['table'] = s.getvalue()
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
