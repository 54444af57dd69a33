# Usage: python3 bench/plans/statement-times.py LOG START_MARK END_MARK [SKIP_LINES]
# Aggregates "duration: X ms  <phase>: <statement>" lines of a PostgreSQL log between two marker statements, per database.
import re, sys, collections
log, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
entries = []
cur = None
skip = int(sys.argv[4]) if len(sys.argv) > 4 else 0
for i, line in enumerate(open(log, errors="replace")):
    if i < skip: continue
    m = re.match(r'^\S+ \S+ \S+ \[(\w*)\] \S+:\s+duration: ([\d.]+) ms\s+(\w+)?[^:]*: (.*)$', line)
    if m:
        cur = [m.group(1), float(m.group(2)), m.group(3) or '', m.group(4)]
        entries.append(cur)
    elif line.startswith('\t') and cur is not None:
        cur[3] += ' ' + line.strip()
    else:
        cur = None
by = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0.0]))
active = collections.defaultdict(bool)
for db, d, phase, st in entries:
    if start in st: active[db] = True; continue
    if end in st: active[db] = False; continue
    if not active[db]: continue
    key = re.sub(r'\s+', ' ', st)[:110]
    by[db][key][0] += 1
    by[db][key][1] += d
for db, stmts in by.items():
    tot = sum(v[1] for v in stmts.values())
    print(f'== {db}: {tot:.0f} ms in {sum(v[0] for v in stmts.values())} statements')
    for k, (n, t) in sorted(stmts.items(), key=lambda kv: -kv[1][1])[:25]:
        print(f'{t:9.1f} ms {n:5d}  {k}')
