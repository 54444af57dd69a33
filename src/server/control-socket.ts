import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AppContext } from './platform/context.ts';

// PGlite allows one process per data directory. While the server runs, the CLI sends its
// arguments over this Unix socket (mode 0600, so only the same OS user) and the server runs
// the same command in-process on its own database connection.

export type CliRunner = (argv: string[], ctx: AppContext, io: { out(t: string): void; err(t: string): void }) => Promise<number>;

/** A socket path for a data directory that fits the 107-byte limit of Unix socket paths. */
export function controlSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, 'siks.sock');
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(os.tmpdir(), `siks-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

/** Starts the control socket; returns a function that closes it. */
export async function startControlSocket(socketPath: string, ctx: AppContext, run: CliRunner): Promise<() => Promise<void>> {
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((conn) => {
    let input = '';
    conn.setEncoding('utf8');
    conn.on('data', (d) => {
      input += d;
      if (!input.includes('\n')) return;
      const send = (o: object) => conn.write(`${JSON.stringify(o)}\n`);
      let argv: string[];
      try {
        argv = JSON.parse(input.slice(0, input.indexOf('\n'))).argv;
        if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error('bad request');
      } catch {
        conn.end(`${JSON.stringify({ exitCode: 2, err: 'bad request' })}\n`);
        return;
      }
      run(argv, ctx, { out: (t) => send({ out: t }), err: (t) => send({ err: t }) })
        .then((exitCode) => conn.end(`${JSON.stringify({ exitCode })}\n`))
        .catch((e: Error) => conn.end(`${JSON.stringify({ exitCode: 1, err: e.message })}\n`));
    });
    conn.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socketPath, { force: true });
    });
}

/** Sends a command to the running server; resolves with its exit code, printing its output. */
export function runThroughSocket(socketPath: string, argv: string[], io: { out(t: string): void; err(t: string): void }): Promise<number> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(socketPath);
    let buf = '';
    let exitCode: number | undefined;
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(`${JSON.stringify({ argv })}\n`));
    conn.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, i)) as { out?: string; err?: string; exitCode?: number };
        buf = buf.slice(i + 1);
        if (msg.out !== undefined) io.out(msg.out);
        if (msg.err !== undefined) io.err(msg.err);
        if (msg.exitCode !== undefined) exitCode = msg.exitCode;
      }
    });
    conn.on('error', reject);
    conn.on('close', () => (exitCode === undefined ? reject(new Error('the server closed the connection')) : resolve(exitCode)));
  });
}
