#!/usr/bin/env node
// `npm start`: builds the web app and the offline app (each when its build is missing or stale),
// then runs the server.
// Staleness is judged by a hash of the sources (mtimes are meaningless after a git clone).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viteCli = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
// Each app: its build output, its own sources (src/shared is common) and its Vite config.
const APPS = [
  { name: 'web app', dist: path.join(root, 'dist/web'), src: 'src/web', config: 'vite.config.ts' },
  { name: 'offline app', dist: path.join(root, 'dist/offline'), src: 'src/offline', config: 'vite.offline.config.ts' },
];

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (!/\.test\.tsx?$/.test(e.name)) yield p;
  }
}

function sourceHash(app) {
  const h = createHash('sha256');
  const inputs = [
    ...files(path.join(root, app.src)),
    ...files(path.join(root, 'src/shared')),
    path.join(root, app.config),
    path.join(root, 'package-lock.json'),
  ];
  for (const f of inputs.sort()) h.update(path.relative(root, f)).update('\0').update(fs.readFileSync(f));
  return h.digest('hex');
}

for (const app of APPS) {
  const stampFile = path.join(app.dist, '.source-hash');
  const wanted = sourceHash(app);
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (have !== wanted || !fs.existsSync(path.join(app.dist, 'index.html'))) {
    process.stdout.write(`SIKS-NG: building the ${app.name} (first start or sources changed)…\n`);
    // In a child process: a build takes hundreds of MiB that the server would otherwise keep.
    const r = spawnSync(process.execPath, [viteCli, 'build', '--config', path.join(root, app.config), '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      process.stderr.write(`SIKS-NG: building the ${app.name} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}).\n`);
      process.exit(1);
    }
    fs.writeFileSync(stampFile, wanted);
  }
}

register();
await import('../src/server/main.ts');
