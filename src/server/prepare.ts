import { openContext } from './bootstrap.ts';
import { ensureDemo } from './modules/demo/index.ts';
import { loadConfig } from './platform/config.ts';
import { type Prepared, startFailure } from './processes.ts';

// The preparation child of src/server/main.ts (processes.ts prepareInChild): applies the migrations,
// loads the regions and, when asked, makes the demo district; reports to the parent and exits, so the
// memory the seed took goes with this process.
const config = loadConfig();

async function prepare(): Promise<Prepared> {
  const opened = await openContext(config);
  try {
    if (process.env.SIKS_PREPARE_DEMO !== '1') return { demoCreated: false };
    const households = process.env.SIKS_DEMO_HOUSEHOLDS ? Number(process.env.SIKS_DEMO_HOUSEHOLDS) : undefined;
    const r = await ensureDemo(opened.ctx, { dataDir: config.dataDir, households });
    return { demoCreated: r.created, credentials: r.credentials };
  } finally {
    await opened.close();
  }
}

prepare().then(
  (prepared) => process.send?.({ prepared }, () => process.exit(0)),
  (err: Error) => {
    const failure = startFailure(err);
    process.stderr.write(`${failure.line}\n`);
    process.exit(failure.exitCode);
  },
);
