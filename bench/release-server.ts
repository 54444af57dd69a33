// A server for bench/release-download.ts: a fresh embedded database in SIKS_DATA_DIR with one
// district of N households (argv[2]), its MoU approved, a period open and a supervisor token.
// Prints one JSON line { port, token, pid } when it listens.
import { seedDistrict } from '../src/server/modules/demo/index.ts';
import { approveMouDirectly } from '../src/server/modules/demo/index.ts';
import { openPeriod } from '../src/server/modules/periods/index.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { buildApp } from '../src/server/http/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { CLI_ACTOR } from '../src/server/platform/context.ts';
import { benchSupervisor } from './support.ts';
import sharp from 'sharp';

const households = Number(process.argv[2] ?? 20000);
const opened = await openContext(loadConfig());
const { ctx } = opened;
await seedDistrict(ctx, { kab: '3174', households, seed: 1 });
const scan = await sharp({ create: { width: 100, height: 140, channels: 3, background: '#fff' } })
  .png()
  .toBuffer();
await approveMouDirectly(ctx, CLI_ACTOR, '3174', { mou: scan, permohonan: scan });
await openPeriod(ctx, CLI_ACTOR, { code: '2026-07', startsOn: '2026-07-01', endsOn: '2026-12-31' });
const { token } = await benchSupervisor(ctx);
const app = await buildApp(ctx, { webDist: '/nonexistent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token, pid: process.pid })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await opened.close();
  process.exit(0);
});
