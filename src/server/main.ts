import fs from 'node:fs';
import { runCommand } from '../cli/commands.ts';
import { openContext } from './bootstrap.ts';
import { controlSocketPath, startControlSocket } from './control-socket.ts';
import { buildApp } from './http/app.ts';
import { loadConfig } from './platform/config.ts';
import { DataDirBusyError } from './platform/data-lock.ts';
import { AuditKeyError } from './platform/audit-anchor.ts';
import { ensureDemo } from './modules/demo/index.ts';
import { startImportWorker } from './modules/packages/index.ts';

// The online application: open the database, make the demo district on first start, serve.
const config = loadConfig();
const socket = config.databaseUrl ? undefined : controlSocketPath(config.dataDir);
const log = (t: string) => process.stdout.write(`${t}\n`);

async function main() {
  log(config.databaseUrl ? 'SIKS-NG: connecting to PostgreSQL…' : `SIKS-NG: opening the embedded database in ${config.dataDir} …`);
  const opened = await openContext(config, { socket });
  const { ctx } = opened;
  const demoWanted = process.env.SIKS_DEMO ? process.env.SIKS_DEMO === '1' : !config.databaseUrl;
  let credentials: { username: string; role: string; password: string }[] | undefined;
  if (demoWanted) {
    const started = Date.now();
    log('SIKS-NG: checking the demo district…');
    const households = process.env.SIKS_DEMO_HOUSEHOLDS ? Number(process.env.SIKS_DEMO_HOUSEHOLDS) : undefined;
    const r = await ensureDemo(ctx, { dataDir: config.dataDir, households });
    if (r.created) {
      credentials = r.credentials;
      log(`SIKS-NG: demo district created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const closeSocket = socket ? await startControlSocket(socket, ctx, runCommand) : async () => {};
  const stopWorker = startImportWorker(ctx, (m) => process.stderr.write(`${m}\n`));
  const app = await buildApp(ctx, { logger: process.env.SIKS_LOG === '1' });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`;
  log('');
  log(`SIKS-NG is running: open ${url}`);
  log(`API documentation: ${url}api/docs`);
  if (credentials) {
    log('');
    log(`Demo logins (shown once; also in ${config.dataDir}/demo-credentials.txt, readable only by you):`);
    for (const c of credentials) log(`  ${c.role.padEnd(11)} User ID: ${c.username.padEnd(16)} Password: ${c.password}`);
  } else if (demoWanted && fs.existsSync(`${config.dataDir}/demo-credentials.txt`)) {
    log(`Demo logins: see ${config.dataDir}/demo-credentials.txt`);
  }
  log('Stop with Ctrl+C.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await stopWorker();
    await closeSocket();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  if (err instanceof DataDirBusyError) {
    process.stderr.write(
      `SIKS-NG: another server (process ${err.owner.pid}) already uses ${err.dataDir}. Stop it first, or start this one with another SIKS_DATA_DIR.\n`,
    );
    process.exit(5);
  }
  if (err instanceof AuditKeyError) {
    process.stderr.write(`SIKS-NG could not start: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`SIKS-NG could not start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
