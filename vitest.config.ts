import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure code, no database), `db` (services and routes in-process on a real
// database: PGlite by default, PostgreSQL when DATABASE_URL is set by scripts/with-postgres.mjs) and
// `pg` (what only PostgreSQL can show, e.g. two transactions at once: run by `npm run test:pg` beside
// `db`; without PostgreSQL its tests fail with a message saying how to run them).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['test/support/unit-setup.ts'],
          // Generous: CI machines have 2 cores, and a few codec tests inflate hundreds of MiB.
          testTimeout: 30_000,
          // Vitest's default is one worker fewer than the cores: a single worker on 2 cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.db.test.ts', 'test/db/**/*.db.test.ts'],
          globalSetup: ['test/support/db-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'pg',
          sequence: { groupOrder: 2 },
          include: ['test/pg/**/*.pg.test.ts'],
          globalSetup: ['test/support/db-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
