# EXPLAIN (ANALYZE, BUFFERS) of flagged statements (from bench/plans/nation-compare.py's JSON) on both databases,
# with the parameters of the slowest nation run substituted; writes inside BEGIN … ROLLBACK.
# Usage: python3 bench/plans/nation-explain.py FLAGGED_JSON INDEX[,INDEX…] [ALONE_DB NATION_DB]
import json, re, subprocess, sys

flagged = json.load(open(sys.argv[1]))
picks = [int(x) for x in sys.argv[2].split(',')]
dbs = sys.argv[3:5] if len(sys.argv) > 4 else ['siks_alone_diag', 'siks_nation_diag']


def params_of(s):
    out = {}
    for m in re.finditer(r"\$(\d+) = (NULL|'((?:[^']|'')*)')", s):
        out[int(m.group(1))] = 'NULL' if m.group(2) == 'NULL' else m.group(2)
    return out


for i in picks:
    f = flagged[i]
    p = params_of(f['params'])
    text = re.sub(r'\$(\d+)', lambda m: p.get(int(m.group(1)), m.group(0)), f['sql'])
    if text.lstrip().upper().startswith('COPY'):
        text = re.sub(r'^\s*COPY\s*\((.*)\)\s*TO\s+STDOUT.*$', r'\1', text, flags=re.S | re.I)
    print(f"##### [{i}] {f['op']}: alone {f['alone_ms']} ms, nation {f['nation_ms']} ms")
    print(re.sub(r'\s+', ' ', text)[:400])
    for db in dbs:
        q = f"begin; set local statement_timeout = '60s'; explain (analyze, buffers) {text}; rollback;"
        r = subprocess.run(['psql', '-d', db, '-X', '-q', '-A', '-t', '-c', q],
                           capture_output=True, text=True)
        print(f'--- {db}')
        print((r.stdout + r.stderr).rstrip())
