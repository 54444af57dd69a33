import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from '../cli/commands.ts';
import { openContext } from './bootstrap.ts';
import { controlSocketPath, startControlSocket } from './control-socket.ts';
import { buildApp } from './http/app.ts';
import { serveMetricsLocally } from './http/metrics.ts';
import { loadConfig } from './platform/config.ts';
import { DEMO_CREDENTIALS_FILE, type DemoCredential, ensureDemo } from './modules/demo/index.ts';
import { startImportWorker } from './modules/packages/index.ts';
import { PrepareError, prepareInChild, startFailure, superviseWorkers, WorkersRefused } from './processes.ts';

// The online application: open the database, make the demo district on first start, serve — in this
// process, or in SIKS_WORKERS cluster workers sharing the port (PostgreSQL only).
const config = loadConfig();
const worker = cluster.isWorker;
// The control socket is for the CLI beside a PGlite server, which is always a single process.
const socket = config.databaseUrl || worker ? undefined : controlSocketPath(config.dataDir);
const log = (t: string) => process.stdout.write(`${t}\n`);
const demoWanted = process.env.SIKS_DEMO ? process.env.SIKS_DEMO === '1' : !config.databaseUrl;
const demoHouseholds = process.env.SIKS_DEMO_HOUSEHOLDS ? Number(process.env.SIKS_DEMO_HOUSEHOLDS) : undefined;
const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`;

async function main() {
  if (worker) return serve();
  if (config.workers > 1 && !config.databaseUrl) throw new WorkersRefused(config.workers);
  log(config.databaseUrl ? 'SIKS-NG: connecting to PostgreSQL…' : `SIKS-NG: opening the embedded database in ${config.dataDir} …`);
  // The first start's seed runs in a child process so that its memory is returned when it is done;
  // with several workers the child also applies the migrations once, before any worker starts.
  let credentials: DemoCredential[] | undefined;
  const firstStart = demoWanted && !fs.existsSync(path.join(config.dataDir, DEMO_CREDENTIALS_FILE));
  if (config.workers > 1 || firstStart) {
    const started = Date.now();
    if (demoWanted) log('SIKS-NG: checking the demo district…');
    const prepared = await prepareInChild({ demo: demoWanted, households: demoHouseholds });
    if (prepared.demoCreated) {
      credentials = prepared.credentials;
      log(`SIKS-NG: demo district created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  if (config.workers === 1) return serve(credentials);
  const pids = await superviseWorkers(config.workers, log);
  banner(credentials);
  log(`SIKS-NG: ${pids.length} workers (processes ${pids.join(', ')}) share the port`);
}

async function serve(credentials?: DemoCredential[]) {
  const opened = await openContext(config, { socket });
  const { ctx } = opened;
  if (demoWanted && !worker && !credentials) {
    // Quick on a later start (users exist); seeds in-process only if the demo was lost since.
    const r = await ensureDemo(ctx, { dataDir: config.dataDir, households: demoHouseholds });
    if (r.created) credentials = r.credentials;
  }
  const closeSocket = socket ? await startControlSocket(socket, ctx, runCommand) : async () => {};
  const stopWorker = startImportWorker(ctx, (m) => process.stderr.write(`${m}\n`));
  const app = await buildApp(ctx, { logger: config.logLevel ? { level: config.logLevel } : false });
  await app.listen({ port: config.port, host: config.host });
  const metricsServer = config.metricsPort === undefined ? undefined : await serveMetricsLocally(app, config.metricsPort);
  if (!worker) banner(credentials);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await metricsServer?.close();
    await stopWorker();
    await closeSocket();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function banner(credentials: DemoCredential[] | undefined) {
  log('');
  log(`SIKS-NG is running: open ${url}`);
  log(`API documentation: ${url}api/docs`);
  if (credentials) {
    log('');
    log(`Demo logins (shown once; also in ${config.dataDir}/${DEMO_CREDENTIALS_FILE}, readable only by you):`);
    for (const c of credentials) log(`  ${c.role.padEnd(11)} User ID: ${c.username.padEnd(16)} Password: ${c.password}`);
  } else if (demoWanted && fs.existsSync(path.join(config.dataDir, DEMO_CREDENTIALS_FILE))) {
    log(`Demo logins: see ${config.dataDir}/${DEMO_CREDENTIALS_FILE}`);
  }
  log('Stop with Ctrl+C.');
}

main().catch((err: Error) => {
  // The preparation child has already said why.
  if (err instanceof PrepareError) process.exit(err.exitCode);
  const failure = startFailure(err);
  process.stderr.write(`${failure.line}\n`);
  process.exit(failure.exitCode);
});
