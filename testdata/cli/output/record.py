#!/usr/bin/env python3
"""Record the AWS CLI's json/text/table output for DescribeClientVpnConnections.

Run from the repository root (needs the AWS CLI v1 as `aws` on PATH):

    python3 testdata/cli/output/record.py            # rewrite every golden
    python3 testdata/cli/output/record.py NAME...    # only the named cases
    python3 testdata/cli/output/record.py --compare BIN [NAME...]
                                   # run BIN describe-client-vpn-connections ... instead
                                   # and compare its stdout, stderr and exit code with the goldens

A tiny http.server on 127.0.0.1 answers every request with the fixture XML in
responses/ that the case names. Each case's stdout is stored byte for byte as
<name>.<json|txt|table>; cases.json lists every case with its exact command
line, environment, terminal size, response file, exit code and stderr. Width
cases run the CLI under a pseudo-terminal of the given size (the AWS CLI asks
the terminal for its width with TIOCGWINSZ on stdout, it does not read COLUMNS)
with OPOST off so that the bytes are not rewritten to CRLF.
"""
import fcntl
import http.server
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
RESP = os.path.join(HERE, 'responses')
ENDPOINT_ID = 'cvpn-endpoint-0123456789abcdef0'

current = {'file': 'connections.xml'}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('Content-Length', '0'))
        self.rfile.read(n)
        with open(os.path.join(RESP, current['file']), 'rb') as f:
            body = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'text/xml;charset=UTF-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


EXT = {'json': 'json', 'text': 'txt', 'table': 'table'}

QUERIES = [
    # name, expression
    ('scalar', 'Connections[0].Username'),
    ('scalar-empty', 'Connections[14].Username'),
    ('number', 'length(Connections)'),
    ('scalars-mixed', '[length(Connections), `1.5`, `1e20`, `0.00001`, `-0.0`, `true`, `false`, `null`, `"x"`]'),
    ('strings', 'Connections[].Username'),
    ('lists', 'Connections[].[ConnectionId, Username]'),
    ('lists-nested', 'Connections[].[ConnectionId, Status.Code, PostureComplianceStatuses]'),
    ('hash', 'Connections[].{Id: ConnectionId, User: Username, Code: Status.Code, Posture: PostureComplianceStatuses}'),
    ('hash-one', 'Connections[0].{Z: Username, A: ConnectionId, M: Status}'),
    ('object', 'Connections[0]'),
    ('status', 'Connections[].Status'),
    ('nothing', "Connections[?Username=='nobody'] | [0]"),
    ('nothing-list', "Connections[?Username=='nobody']"),
    ('mixed', '[Connections[0].Status, Connections[0].Username, Connections[0].PostureComplianceStatuses]'),
    ('ragged', '[Connections[0].[ConnectionId, Username], Connections[0].PostureComplianceStatuses]'),
]


def cases():
    out = []
    for fmt in ('json', 'text', 'table'):
        for resp, name, extra in (
            ('connections.xml', 'connections', []),
            ('empty.xml', 'empty', []),
            ('api-reference.xml', 'api-reference', []),
            ('edge-cases.xml', 'edge-cases', ['--no-paginate']),
        ):
            out.append(dict(name=f'{name}.{EXT[fmt]}', response=resp,
                            args=['--output', fmt] + extra))
        for qname, expr in QUERIES:
            out.append(dict(name=f'query-{qname}.{EXT[fmt]}', response='connections.xml',
                            args=['--output', fmt, '--query', expr]))
    # Widths: not a terminal (80 whatever COLUMNS says), then terminals of several sizes.
    out.append(dict(name='connections-columns200.table', response='connections.xml',
                    args=['--output', 'table'], env={'COLUMNS': '200'}))
    for w in (1, 20, 40, 120, 200, 260, 400):
        out.append(dict(name=f'connections-tty{w}.table', response='connections.xml',
                        args=['--output', 'table', '--color', 'off'], tty=w))
    for w in (40, 200):
        out.append(dict(name=f'query-hash-tty{w}.table', response='connections.xml',
                        args=['--output', 'table', '--color', 'off', '--query', dict(QUERIES)['hash']], tty=w))
    out.append(dict(name='api-reference-tty200.table', response='api-reference.xml',
                    args=['--output', 'table', '--color', 'off'], tty=200))
    out.append(dict(name='connections-color.table', response='connections.xml',
                    args=['--output', 'table', '--color', 'on']))
    out.append(dict(name='api-reference-color-tty200.table', response='api-reference.xml',
                    args=['--output', 'table', '--color', 'on'], tty=200))
    return out


def run(argv, env, tty):
    if not tty:
        p = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL)
        return p.stdout, p.stderr, p.returncode
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 50, tty, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    p = subprocess.Popen(argv, env=env, stdout=slave, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    err = p.stderr.read()
    p.wait()
    os.close(master)
    return b''.join(chunks), err, p.returncode


def main():
    argv = sys.argv[1:]
    compare = None
    if argv[:1] == ['--compare']:
        compare, argv = os.path.abspath(argv[1]), argv[2:]
    only = set(argv)
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    base_env = {
        'PATH': os.environ['PATH'],
        'HOME': os.environ.get('HOME', '/tmp'),
        'LANG': 'C.UTF-8',
        'AWS_ACCESS_KEY_ID': 'AKIDEXAMPLE',
        'AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        'AWS_CONFIG_FILE': '/dev/null',
        'AWS_SHARED_CREDENTIALS_FILE': '/dev/null',
    }
    manifest = {'aws_version': load_manifest()['aws_version'] if compare else '', 'cases': []}
    if not compare:
        version = subprocess.run(['aws', '--version'], capture_output=True, text=True)
        manifest['aws_version'] = (version.stdout + version.stderr).strip()
    failed = False
    for c in cases():
        argv = ['aws', 'ec2', 'describe-client-vpn-connections',
                '--endpoint-url', 'http://127.0.0.1:PORT', '--region', 'us-east-1',
                '--client-vpn-endpoint-id', ENDPOINT_ID] + c['args']
        env = dict(base_env, **c.get('env', {}))
        entry = dict(c, command=argv)
        if compare and (not only or c['name'] in only):
            current['file'] = c['response']
            real = [compare] + [a.replace('PORT', str(port)) for a in argv[2:]]
            out, err, rc = run(real, env, c.get('tty'))
            with open(os.path.join(HERE, c['name']), 'rb') as f:
                want = f.read()
            old = {e['name']: e for e in load_manifest()['cases']}[c['name']]
            problems = []
            if out != want:
                problems.append('stdout differs')
            if rc != old['exit_code']:
                problems.append(f"exit {rc}, want {old['exit_code']}")
            if err.decode('utf-8', 'replace') != old['stderr']:
                problems.append(f"stderr {err!r}, want {old['stderr']!r}")
            print(f"{c['name']}: {'; '.join(problems) or 'same'}")
            failed = failed or bool(problems)
            continue
        if compare:
            continue
        if not only or c['name'] in only:
            current['file'] = c['response']
            real = [a.replace('PORT', str(port)) for a in argv]
            out, err, rc = run(real, env, c.get('tty'))
            with open(os.path.join(HERE, c['name']), 'wb') as f:
                f.write(out)
            entry['exit_code'] = rc
            entry['stderr'] = err.decode('utf-8', 'replace')
            print(f"{c['name']}: exit {rc}, {len(out)} bytes", file=sys.stderr)
        else:
            old = {e['name']: e for e in load_manifest()['cases']}
            entry.update({k: old[c['name']][k] for k in ('exit_code', 'stderr')})
        manifest['cases'].append(entry)
    srv.shutdown()
    if compare:
        sys.exit(1 if failed else 0)
    with open(os.path.join(HERE, 'cases.json'), 'w', encoding='utf-8') as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write('\n')


def load_manifest():
    with open(os.path.join(HERE, 'cases.json'), encoding='utf-8') as f:
        return json.load(f)


if __name__ == '__main__':
    main()
