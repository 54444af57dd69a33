# Compares statement durations per operation (MARK <op> start/end) between two databases in a PostgreSQL
# log written with log_min_duration_statement = 0 and prefix '%m [%d] '.
# Usage: python3 bench/plans/nation-compare.py LOG SKIP_LINES ALONE_DB NATION_DB [OUT_JSON]
# Prints per operation: the sum of statement times on each side, then every statement that is
# >= 1.5x slower and >= 5 ms in the nation (summed over its executions in the operation).
# OUT_JSON keeps, per flagged statement, its full text and the parameters of its slowest nation run (for EXPLAIN).
import collections, json, re, sys

log, skip, alone, nation = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
out = sys.argv[5] if len(sys.argv) > 5 else None
head = re.compile(r'^\S+ \S+ \S+ \[(\w*)\] (\w+):\s+(.*)$')
dur = re.compile(r'^duration: ([\d.]+) ms\s+(execute [^:]*|statement): (.*)$', re.S)
entries = []  # [db, ms, text, params]
cur = None
with open(log, errors='replace') as f:
    for i, line in enumerate(f):
        if i < skip:
            continue
        m = head.match(line)
        if m:
            db, level, rest = m.groups()
            if level == 'LOG':
                d = dur.match(rest)
                if d:
                    cur = [db, float(d.group(1)), d.group(3), '']
                    entries.append(cur)
                    continue
                cur = None
            elif level == 'DETAIL' and cur is not None and rest.startswith('parameters:'):
                cur[3] = rest[len('parameters: '):].strip()
                cur = None
            else:
                cur = None
        elif line.startswith('\t') and cur is not None:
            cur[2] += '\n' + line.rstrip('\n')

ops = collections.OrderedDict()  # op -> db -> key -> [n, ms, max, text, params]
active = {}
for db, ms, text, params in entries:
    if db not in (alone, nation):
        continue
    mk = re.search(r"MARK (\S+) (start|end)", text)
    if mk and text.lstrip().lower().startswith('select'):
        active[db] = mk.group(1) if mk.group(2) == 'start' else None
        continue
    op = active.get(db)
    if not op:
        continue
    key = re.sub(r'\s+', ' ', text).strip()
    slot = ops.setdefault(op, {alone: {}, nation: {}})[db].setdefault(key, [0, 0.0, 0.0, text, params])
    slot[0] += 1
    slot[1] += ms
    if ms >= slot[2]:
        slot[2] = ms
        if db == nation:
            slot[4] = params

flagged = []
print(f"{'operation':24s} {'alone ms':>10s} {'nation ms':>10s} {'ratio':>6s}  stmts a/n")
for op, sides in ops.items():
    a = sum(v[1] for v in sides[alone].values())
    n = sum(v[1] for v in sides[nation].values())
    na = sum(v[0] for v in sides[alone].values())
    nn = sum(v[0] for v in sides[nation].values())
    print(f"{op:24s} {a:10.1f} {n:10.1f} {n / a if a else 0:6.2f}  {na}/{nn}")
    for key, (cnt, ms, mx, text, params) in sides[nation].items():
        other = sides[alone].get(key)
        ams = other[1] if other else 0.0
        if ms >= 5 and (ams == 0 or ms >= 1.5 * ams):
            flagged.append({'op': op, 'nation_ms': round(ms, 1), 'alone_ms': round(ams, 1), 'n_nation': cnt,
                            'n_alone': other[0] if other else 0, 'max_nation_ms': round(mx, 1), 'sql': text, 'params': params})
print('\nflagged (nation >= 5 ms and >= 1.5x alone):')
for f_ in flagged:
    print(f"[{f_['op']}] alone {f_['alone_ms']} ms ({f_['n_alone']}x)  nation {f_['nation_ms']} ms ({f_['n_nation']}x, max {f_['max_nation_ms']})")
    print('    ' + re.sub(r'\s+', ' ', f_['sql'])[:300])
if out:
    json.dump(flagged, open(out, 'w'), indent=1)
