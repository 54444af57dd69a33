import { openContext } from '../server/bootstrap.ts';
import { controlSocketPath, runThroughSocket } from '../server/control-socket.ts';
import { loadConfig } from '../server/platform/config.ts';
import { readLockOwner } from '../server/platform/data-lock.ts';
import { needsDatabase, runCommand, USAGE } from './commands.ts';
import { resolveBaselineFiles } from './baseline.ts';
import { resolveBoundaryFile } from './boundaries.ts';
import { resolveBackupFile, runRestore } from './backup.ts';

// The `siks` command. Argument parsing and output only: every command calls module services.
const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
// Files named on the command line are made absolute: the command may run inside the server.
const argv = resolveBoundaryFile(
  resolveBackupFile(resolveBaselineFiles(process.argv.slice(2), process.cwd()), process.cwd()),
  process.cwd(),
);

async function main(): Promise<number> {
  if (!needsDatabase(argv)) {
    io.out(USAGE);
    return 0;
  }
  const config = loadConfig();
  // Restore replaces the database, so it never runs inside a server (the data lock refuses a running one).
  if (argv[0] === 'restore') return runRestore(argv.slice(1), config, io);
  if (!config.databaseUrl) {
    const owner = readLockOwner(config.dataDir);
    if (owner) {
      // A running server holds the embedded database: run the command inside it.
      const socket = owner.socket ?? controlSocketPath(config.dataDir);
      try {
        return await runThroughSocket(socket, argv, io);
      } catch {
        io.err(
          `The database in ${config.dataDir} is in use by process ${owner.pid}, which does not answer commands yet. Stop the server first (Ctrl+C), or wait until it has started.`,
        );
        return 5;
      }
    }
  }
  const opened = await openContext(config);
  try {
    return await runCommand(argv, opened.ctx, io);
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    io.err(err.message);
    process.exit(1);
  },
);
