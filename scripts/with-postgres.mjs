#!/usr/bin/env node
// Runs a command against a throw-away PostgreSQL 15 cluster: initdb in a temporary directory,
// listening on 127.0.0.1 (a free port) and a private socket, DATABASE_URL set for the command,
// and the cluster stopped and deleted afterwards, whatever happens.
// Usage: node scripts/with-postgres.mjs <command> [args…]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBin() {
  const candidates = [
    process.env.PG_BIN,
    '/usr/lib/postgresql/15/bin',
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  for (const dir of candidates) if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  console.error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL 15: apt-get install -y postgresql-15 (or set PG_BIN to its bin directory).',
  );
  process.exit(2);
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
  process.exit(2);
}

const bin = findBin();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siks-pg-'));
const data = path.join(dir, 'data');
const port = await freePort();
// initdb refuses to run as root: run the server as the `postgres` user then.
const asRoot = process.getuid?.() === 0;
const run = (cmd, cmdArgs) => {
  if (asRoot)
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...cmdArgs], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  else execFileSync(path.join(bin, cmd), cmdArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
};
if (asRoot) execFileSync('chown', ['postgres:', dir]);

let started = false;
function stop() {
  if (started) {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already stopped */
    }
    started = false;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', stop);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=256MB`;
run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', 'start']);
started = true;

const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`PostgreSQL ${execFileSync(path.join(bin, 'postgres'), ['--version']).toString().trim()} on 127.0.0.1:${port} (throw-away)`);
const child = spawn(args[0], args.slice(1), {
  stdio: 'inherit',
  // With DATABASE_URL every process needs the same SIKS_AUDIT_KEY: a throw-away one for this cluster.
  env: { ...process.env, DATABASE_URL: url, SIKS_AUDIT_KEY: process.env.SIKS_AUDIT_KEY || randomBytes(32).toString('hex') },
  shell: process.platform === 'win32',
});
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
