import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fromBase64, isSiksFormatError, type JsonObject } from '../../../shared/siks/index.ts';
import { isSixteenDigits } from '../../../shared/nik.ts';
import { operatorNameIssues } from '../../../shared/rules/index.ts';
import { type AuditEntryInput, recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, errorCatalogue, notFound, type ErrorCode } from '../../platform/errors.ts';
import { actingDistrict, assertCan } from '../../platform/policy.ts';
import { districtOf, type Actor } from '../../platform/scope.ts';
import { deriveFileKey, readFile, type PackageReader } from '../../platform/siks-node.ts';
import { makeWorkDir } from '../../platform/work-dir.ts';
import { findOpenPeriod } from '../periods/index.ts';
import { storeImportMedia } from '../media/index.ts';
import { listRegionsUnder } from '../regions/index.ts';
import { findReleaseKey } from '../releases/index.ts';
import { householdsInHandover } from '../relocations/index.ts';
import * as q from './packages.queries.ts';
import { checkProgrammeBatch } from './programme-import.ts';
import { checkProposal, type CheckContext, type Row } from './packages.validate.ts';

// Import Data (F6), siks-format.md section 4. An upload is stored in the database and becomes a
// background job; the job refuses the whole file at the first failing check (section 4.1),
// checks the proposals in batches of a few set-based queries each, stages them, and publishes
// them in one short final transaction, so a crash leaves none of them visible and a restart
// redoes the job exactly once.

/** Largest .siks upload accepted (a package inflates to at most 200 MiB). */
export const MAX_UPLOAD_BYTES = 210 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const BATCH = 1000;
/** Modules whose packages are imported: BDT (registry proposals), BSP and PBI (programme lists). */
const PACKAGE_MODULES = ['BDT', 'BSP', 'PBI'] as const;

const ownDistrict = (actor: Actor): string => actingDistrict(actor, 'import:run');

/**
 * Stores an uploaded .siks file (streamed, in 1 MiB pieces, at most MAX_UPLOAD_BYTES) as a queued
 * import of the supervisor's district; returns its id. Nothing is checked yet: the job does that.
 */
export async function importPackage(ctx: AppContext, actor: Actor, file: { fileName: string; stream: Readable }): Promise<{ id: string }> {
  const kab = ownDistrict(actor);
  const id = randomUUID();
  const { db } = ctx.database;
  await q.insertImport(db, {
    id,
    kab,
    fileName: file.fileName.slice(0, 255) || 'paket.siks',
    uploadedBy: actor.userId,
  });
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    await q.insertUploadChunk(db, kab, id, seq++, Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    if ((file.stream as { truncated?: boolean }).truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    await flush();
    await q.completeUpload(db, kab, id, size, hash.digest('hex'));
  } catch (err) {
    await q.deleteImport(db, kab, id).catch(() => {});
    throw err;
  }
  kickWorker();
  return { id };
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly text: { id: string; en: string },
  ) {
    super(text.en);
  }
}
const refusal = (code: ErrorCode) => new Refusal(code, errorCatalogue[code]);

// The job's files (the package copied out of the database, then its decrypted ZIP) live in the
// process's private work directory, removed at the next start if the process is killed.
async function uploadToTempFile(ctx: AppContext, job: q.ImportRef): Promise<{ dir: string; file: string; dispose: () => void }> {
  const { dir, dispose } = makeWorkDir(ctx.config, 'import');
  const file = path.join(dir, 'package.siks');
  try {
    const out = fs.openSync(file, 'wx', 0o600);
    try {
      for await (const chunk of q.uploadChunks(ctx.database.db, job)) fs.writeSync(out, chunk);
    } finally {
      fs.closeSync(out);
    }
  } catch (err) {
    dispose();
    throw err;
  }
  return { dir, file, dispose };
}

/** Opens the package with every check of section 4.1, in its order; throws Refusal. */
async function openPackage(
  ctx: AppContext,
  job: q.ClaimedJob,
  file: string,
  tmpDir: string,
): Promise<{ reader: PackageReader; releaseId: string }> {
  let release: Awaited<ReturnType<typeof findReleaseKey>>;
  try {
    const reader = (await readFile<'package'>(
      file,
      async (header) => {
        // The district the header names (checked against the job's once the header is authentic, below).
        release = await findReleaseKey(ctx, header.kabKota, header.key.release);
        if (!release) throw refusal('PACKAGE_UNKNOWN_RELEASE');
        return deriveFileKey(fromBase64(release.package_key)!, header);
      },
      {
        kind: 'package',
        tmpDir,
        afterAuth: async (header) => {
          if (header.kabKota !== release!.kab_kota || header.period !== release!.period) throw refusal('PACKAGE_RELEASE_MISMATCH');
          if (header.kabKota !== job.kab_kota) throw refusal('PACKAGE_OTHER_DISTRICT');
          // Names are refused, never cut to fit the import's columns.
          const tooLong = operatorNameIssues(header.operator);
          if (tooLong.length > 0)
            throw new Refusal('PACKAGE_OPERATOR_TOO_LONG', {
              id: `${tooLong.map((m) => m.id).join('; ')}. Perbaiki di Pengaturan aplikasi offline, lalu ekspor paket lagi.`,
              en: `${tooLong.map((m) => m.en).join('; ')}. Correct it in the offline app's Settings, then export the package again.`,
            });
          const open = await findOpenPeriod(ctx);
          if (open?.code !== header.period)
            throw new Refusal('PACKAGE_PERIOD_CLOSED', {
              id: `Periode paket ini (${header.period}) tidak sedang dibuka untuk verval.`,
              en: `The period of this package (${header.period}) is not open for verval.`,
            });
          if (!(PACKAGE_MODULES as readonly string[]).includes(header.module)) throw refusal('PACKAGE_MODULE_UNSUPPORTED');
        },
      },
    )) as PackageReader;
    return { reader, releaseId: release!.id };
  } catch (err) {
    if (err instanceof Refusal) throw err;
    if (isSiksFormatError(err)) throw new Refusal(err.code, err.messages);
    throw err;
  }
}

export interface JobOptions {
  /** Fault injection for tests: throw after this many staged batches, as if the process died there. */
  crashAfterBatches?: number;
  /** Fault injection for tests: these imports fail (an ordinary error) after this many staged batches, at every run. */
  failAfterBatches?: { batches: number; imports: readonly string[] };
  /** Proposals per batch. */
  batchSize?: number;
  /** Wait before a failed job is tried again, times its attempts so far (tests: 0). */
  retryAfterSeconds?: number;
  /** Told of every failed run of a job (the server writes it to its log). */
  onFailure?: (job: q.ClaimedJob, err: Error) => void;
}

/** The simulated death of the process (crashAfterBatches): not a failure of the job, nothing is recorded. */
class InjectedCrash extends Error {}

/** Runs one claimed job to its end (DONE, REFUSED or ALREADY_IMPORTED); throws on an unexpected failure. */
export async function runImportJob(ctx: AppContext, job: q.ClaimedJob, opts: JobOptions = {}): Promise<void> {
  const { db } = ctx.database;
  await q.clearStaging(db, job); // an earlier run of this job may have died half-way
  // Beats between batches too (copying the upload, decrypting, publishing), so that the stale age
  // can be short; a failed beat is noticed at the next batch, which beats in its transaction.
  const beat = setInterval(() => void q.heartbeat(db, job).catch(() => {}), q.HEARTBEAT_SECONDS * 1000);
  let temp: Awaited<ReturnType<typeof uploadToTempFile>> | undefined;
  let reader: PackageReader | undefined;
  try {
    temp = await uploadToTempFile(ctx, job);
    let releaseId: string;
    try {
      ({ reader, releaseId } = await openPackage(ctx, job, temp.file, temp.dir));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      await finishRefused(ctx, job, err);
      return;
    }
    const header = reader.header;
    await q.setPackageInfo(db, job, {
      packageId: header.id,
      releaseId,
      module: header.module,
      period: header.period,
      operator: header.operator,
    });
    const first = await q.findDoneImportOfPackage(db, job.kab_kota, header.id);
    if (first) {
      await ctx.database.transaction(async (tx) => {
        await q.heartbeat(tx, job);
        await q.markAlreadyImported(tx, job, first);
        await q.deleteUpload(tx, job);
        await logImport(tx, job, {
          action: 'IMPORT_ALREADY_IMPORTED',
          text: {
            id: `Import Data ${job.file_name}: paket ini sudah pernah diimpor, tidak ada perubahan`,
            en: `Import Data ${job.file_name}: this package was imported before, nothing changed`,
          },
          details: { firstImportId: first, packageId: header.id },
        });
      });
      return;
    }
    await stageProposals(ctx, job, reader, opts);
    await publish(ctx, job, reader);
  } finally {
    clearInterval(beat);
    await reader?.dispose();
    temp?.dispose();
  }
}

async function usernameOf(db: Db, userId: number | null): Promise<string> {
  if (userId === null) return 'system';
  return (await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst())?.username ?? 'system';
}

// A step of an import job, logged under its uploader and its district.
async function logImport(tx: Db, job: q.ClaimedJob, entry: Pick<AuditEntryInput, 'action' | 'text' | 'details'>): Promise<void> {
  const actor = { id: job.uploaded_by, username: await usernameOf(tx, job.uploaded_by) };
  await recordAudit(tx, { actor, ...entry, subject: `import:${job.id}`, regionCode: job.kab_kota });
}

async function finishRefused(ctx: AppContext, job: q.ClaimedJob, r: Refusal): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await q.heartbeat(tx, job);
    await q.markRefused(tx, job, r.code, r.text);
    await q.deleteUpload(tx, job);
    await q.clearStaging(tx, job);
    await logImport(tx, job, {
      action: 'IMPORT_REFUSED',
      text: {
        id: `Import Data ${job.file_name} ditolak: ${r.text.id}`,
        en: `Import Data ${job.file_name} refused: ${r.text.en}`,
      },
      details: { code: r.code },
    });
  });
}

type Batch = { line: number; p: JsonObject }[];

// The batches go through a pipeline: while one batch is checked (JavaScript), the lookups of the
// next one and the staging of the previous one run in the database. The checks stay in line order
// (duplicates within the package are found in order), and a batch is staged only once the one
// before it is.
async function stageProposals(ctx: AppContext, job: q.ClaimedJob, reader: PackageReader, opts: JobOptions): Promise<void> {
  const { db } = ctx.database;
  const header = reader.header;
  const total = Math.max(1, header.counts.proposals);
  const batchSize = opts.batchSize ?? BATCH;
  const scope = header.scope;
  const desa = await listRegionsUnder(db, job.kab_kota, 'desa');
  const allowedDesa = new Set(desa.map((d) => d.code).filter((c) => scope.some((s) => c.startsWith(s))));
  const seen = new Set<string>();
  const module = header.module;
  const check = (batch: Batch): (() => Promise<unknown[][]>) =>
    module === 'BSP' || module === 'PBI'
      ? () => checkProgrammeBatch(db, job, { ...header, module }, batch, { kab: job.kab_kota, scope }, seen)
      : checkBatch(db, job, batch, { kab: job.kab_kota, scope, allowedDesa }, seen);
  let batches = 0;
  const write = async (rows: unknown[][], lastLine: number) => {
    await ctx.database.transaction(async (tx) => {
      await q.heartbeat(tx, job, Math.min(0.99, lastLine / total)); // first: a job taken over stages nothing more
      await ctx.database.copyRows(tx, 'import_staging', q.STAGING_COLUMNS, rows);
    });
    batches++;
    if (opts.crashAfterBatches !== undefined && batches >= opts.crashAfterBatches)
      throw new InjectedCrash('injected fault: the import job died');
    const fault = opts.failAfterBatches;
    if (fault && batches >= fault.batches && fault.imports.includes(job.id)) throw new Error('injected fault: the import job failed');
  };
  let writing: Promise<void> | undefined;
  let ready: { rows: () => Promise<unknown[][]>; lastLine: number } | undefined;
  // Starts the lookups of `batch` (none at the end), then checks the batch before it and stages it.
  const advance = async (batch: Batch | undefined) => {
    const next = batch && { rows: check(batch), lastLine: batch[batch.length - 1]!.line };
    if (ready) {
      const rows = await ready.rows();
      await writing;
      writing = write(rows, ready.lastLine);
      writing.catch(() => {}); // awaited at the next batch or at the end
    }
    ready = next;
  };
  try {
    let batch: Batch = [];
    let line = 0;
    for await (const p of reader.proposals()) {
      batch.push({ line: ++line, p });
      if (batch.length >= batchSize) {
        await advance(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await advance(batch);
    await advance(undefined);
    await writing;
  } finally {
    // Whatever failed, no staging transaction of this job is left running behind it.
    await writing?.catch(() => {});
  }
}

/**
 * Starts the set-based lookups of a batch of proposal lines at once (a handful of queries) and
 * returns the check that turns them into staging rows once they have arrived.
 */
function checkBatch(
  db: Db,
  job: q.ClaimedJob,
  batch: Batch,
  base: Pick<CheckContext, 'kab' | 'scope' | 'allowedDesa'>,
  seen: Set<string>,
): () => Promise<unknown[][]> {
  const lookups = lookupBatch(db, batch, base);
  lookups.catch(() => {}); // awaited by the check
  return async () => {
    const { known, ctx } = await lookups;
    const stagedAt = new Date().toISOString();
    return batch.map(({ line, p }) => {
      const id = String(p.proposalId);
      if (known.has(id) || seen.has(id)) return q.duplicateRow(job, line, id);
      seen.add(id);
      return stagedProposal(job, line, id, checkProposal(p, ctx), stagedAt);
    });
  };
}

/** What the proposals of a batch refer to: known proposal ids, households with members, NIK holders, history, handovers. */
async function lookupBatch(db: Db, batch: Batch, base: Pick<CheckContext, 'kab' | 'scope' | 'allowedDesa'>) {
  const refs = new Set<string>();
  for (const { p } of batch) {
    for (const v of [p.idbdt, (p.verval as Row | null | undefined)?.duplicateOf, (p.verval as Row | null | undefined)?.mergeInto])
      if (typeof v === 'string' && /^[0-9]{16}$/.test(v)) refs.add(v);
  }
  const baseVersions = batch.map((b) => b.p.baseVersion).filter((v): v is number => Number.isInteger(v));
  const [known, households, changes, inHandover] = await Promise.all([
    q.findKnownProposalIds(
      db,
      base.kab,
      batch.map((b) => String(b.p.proposalId)),
    ),
    q.findHouseholdsWithMembers(db, base.kab, [...refs]),
    baseVersions.length ? q.findChangesSince(db, base.kab, [...refs], Math.min(...baseVersions)) : [],
    householdsInHandover(db, base.kab, [...refs]),
  ]);
  const current = new Map<string, q.CheckedHousehold>();
  for (const h of households) current.set(h.row.idbdt, h);

  // R5 asks, for a NIK of a proposed member, whether any AKTIF household holds it, and for a NIK of
  // a registered member, whether a household other than its own does: only such holders are read.
  const asked = new Map<string, { nik: string; own: string | null }>();
  for (const { p } of batch) {
    for (const m of Array.isArray(p.members) ? p.members : []) {
      const nik = (m as { fields?: Row })?.fields?.nik;
      if (isSixteenDigits(nik)) asked.set(`${nik}:`, { nik, own: null });
    }
  }
  for (const { row, members } of current.values())
    for (const m of members) asked.set(`${m.nik}:${row.idbdt}`, { nik: m.nik, own: row.idbdt });
  const nikHolders = new Map<string, Set<string>>();
  for (const r of await q.findNikHolders(db, [...asked.values()]))
    (nikHolders.get(r.nik) ?? nikHolders.set(r.nik, new Set()).get(r.nik)!).add(r.idbdt);

  const history = new Map<string, { version: number; field: string; idartbdt: string | null }[]>();
  for (const c of changes) (history.get(c.idbdt) ?? history.set(c.idbdt, []).get(c.idbdt)!).push(c);
  const ctx: CheckContext = { ...base, households: current, nikHolders, history, inHandover };
  return { known, ctx };
}

/** The staging row of a checked BDT proposal. */
function stagedProposal(job: q.ClaimedJob, line: number, id: string, c: ReturnType<typeof checkProposal>, stagedAt: string) {
  return q.stagingRow(
    job,
    line,
    {
      id,
      kode_wilayah: /^[0-9]{10}$/.test(c.kodeWilayah) ? c.kodeWilayah : job.kab_kota,
      type: c.type,
      idbdt: c.type === 'PERBAIKAN' ? (c.idbdt ?? '0'.repeat(16)) : null,
      base_version: c.baseVersion,
      verval_result: c.verval?.result ?? null,
      duplicate_of: c.verval?.duplicateOf ?? null,
      merge_into: c.verval?.mergeInto ?? null,
      visited_at: c.verval?.visitedAt ?? null,
      musdes_at: c.verval?.musdesAt ?? null,
      body: c.body,
      status: c.status,
      errors: c.errors,
      warnings: c.warnings,
      conflict: c.status === 'MENUNGGU' && c.conflict,
      conflict_changes: c.conflictChanges,
      proposal_created_at: c.createdAt,
    },
    stagedAt,
  );
}

async function publish(ctx: AppContext, job: q.ClaimedJob, reader: PackageReader): Promise<void> {
  const header = reader.header;
  await ctx.database.transaction(async (tx) => {
    await q.heartbeat(tx, job); // still this run's job (row locked until commit), or LostClaim
    const first = await q.findDoneImportOfPackage(tx, job.kab_kota, header.id);
    if (first) {
      // Another worker finished the same package meanwhile: this one changes nothing.
      await q.clearStaging(tx, job);
      await q.markAlreadyImported(tx, job, first);
      await q.deleteUpload(tx, job);
      return;
    }
    const counts = await q.publishStaged(tx, job);
    // The photos of the published proposals, in this transaction: a refused or failed import keeps none.
    await storeImportMedia(tx, job.kab_kota, job.id, reader);
    await q.markDone(tx, job, counts);
    await q.deleteUpload(tx, job);
    await logImport(tx, job, {
      action: 'IMPORT_PACKAGE',
      text: {
        id: `Import Data ${job.file_name}: ${counts.new} usulan masuk, ${counts.failed} gagal validasi, ${counts.duplicate} duplikat, ${counts.conflict} konflik`,
        en: `Import Data ${job.file_name}: ${counts.new} proposals in, ${counts.failed} failed validation, ${counts.duplicate} duplicates, ${counts.conflict} conflicts`,
      },
      details: { packageId: header.id, operator: header.operator.username, counts },
    });
  });
}

// What a user and the log may see of an unexpected error: one line, printable, bounded.
const errorLine = (err: Error) =>
  String(err.message ?? err)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .slice(0, 300)
    .replace(/[\ud800-\udbff]$/, '');

/**
 * A run of the job failed for a reason other than a refusal of the file: it is tried again after
 * a wait, and after MAX_ATTEMPTS runs it ends FAILED with a message and a log entry.
 */
async function recordFailure(ctx: AppContext, job: q.ClaimedJob, err: Error | undefined): Promise<void> {
  const last = job.attempts >= q.MAX_ATTEMPTS || err === undefined;
  await ctx.database.transaction(async (tx) => {
    await q.heartbeat(tx, job); // LostClaim: another worker has the job now, leave it alone
    await q.clearStaging(tx, job);
    if (!last) {
      await q.requeueAfterFailure(tx, job);
      return;
    }
    const reason = errorCatalogue.IMPORT_FAILED;
    await q.markFailed(tx, job, 'IMPORT_FAILED', reason);
    await q.deleteUpload(tx, job);
    const cause = err
      ? { id: errorLine(err), en: errorLine(err) }
      : { id: 'proses yang menjalankannya berhenti pada setiap percobaan', en: 'the process running it stopped at every attempt' };
    const attempts = Math.min(job.attempts, q.MAX_ATTEMPTS);
    await logImport(tx, job, {
      action: 'IMPORT_FAILED',
      text: {
        id: `Import Data ${job.file_name} gagal setelah ${attempts} kali percobaan: ${cause.id}`,
        en: `Import Data ${job.file_name} failed after ${attempts} attempts: ${cause.en}`,
      },
      details: { code: 'IMPORT_FAILED', attempts, error: cause.en },
    });
  });
}

/** Claims and runs queued jobs until none is left; returns how many ran (failed runs included). */
export async function runPendingImports(ctx: AppContext, opts: JobOptions & { onlyId?: string } = {}): Promise<number> {
  let n = 0;
  for (;;) {
    const job = await q.claimJob(ctx.database.db, opts.onlyId, opts.retryAfterSeconds);
    if (!job) return n;
    n++;
    // Its earlier runs all died with their process (no error was ever recorded): give up on it.
    if (job.attempts > q.MAX_ATTEMPTS) {
      await recordFailure(ctx, job, undefined);
      continue;
    }
    try {
      await runImportJob(ctx, job, opts);
    } catch (e) {
      if (e instanceof InjectedCrash) throw e;
      if (e instanceof q.LostClaim) continue;
      const err = e instanceof Error ? e : new Error(String(e));
      opts.onFailure?.(job, err);
      await recordFailure(ctx, job, err).catch((again: Error) => {
        if (!(again instanceof q.LostClaim)) throw again;
      });
    }
  }
}

let kick: (() => void) | undefined;
function kickWorker() {
  kick?.();
}

/** How often abandoned uploads are looked for. */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * What a start finds of the previous process: on the embedded database (one process per data
 * directory) every RUNNING job was that process's and is queued again at once; everywhere,
 * uploads abandoned for an hour are deleted. Returns what was done.
 */
export async function recoverImports(ctx: AppContext): Promise<{ requeued: number; purged: number }> {
  const { db } = ctx.database;
  const requeued = ctx.config.databaseUrl ? 0 : await q.requeueRunningJobs(db);
  const purged = await q.purgeAbandonedUploads(db, q.ABANDONED_UPLOAD_SECONDS);
  return { requeued, purged };
}

/**
 * Starts the background worker of this process: takes up what the previous process left
 * (recoverImports), runs jobs as they arrive (and every few seconds, to take over jobs whose
 * worker died), and deletes abandoned uploads now and then. Returns a function that stops it.
 */
export function startImportWorker(ctx: AppContext, log: (msg: string) => void = () => {}): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const onFailure = (job: { id: string; attempts: number }, err: Error) =>
    log(`import worker: import ${job.id} failed (attempt ${job.attempts}): ${errorLine(err)}`);
  let recovered: Promise<unknown> | undefined = recoverImports(ctx)
    .then((r) => {
      if (r.requeued || r.purged) log(`import worker: ${r.requeued} interrupted jobs queued again, ${r.purged} abandoned uploads deleted`);
    })
    .catch((err: Error) => log(`import worker: ${err.message}`));
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    const before = recovered ?? Promise.resolve();
    recovered = undefined;
    running = before
      .then(() => runPendingImports(ctx, { onFailure }))
      .then(() => undefined)
      .catch((err: Error) => log(`import worker: ${err.message}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  kick = tick;
  const timer = setInterval(tick, 5000);
  const purge = setInterval(() => {
    void q.purgeAbandonedUploads(ctx.database.db, q.ABANDONED_UPLOAD_SECONDS).catch((err: Error) => log(`import worker: ${err.message}`));
  }, PURGE_EVERY_MS);
  purge.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    clearInterval(purge);
    kick = undefined;
    await recovered;
    await running;
  };
}

function presentImport(i: NonNullable<Awaited<ReturnType<typeof q.findImport>>>, lang: 'id' | 'en') {
  return {
    id: i.id,
    fileName: i.file_name,
    fileSize: i.file_size,
    uploadedAt: i.uploaded_at,
    status: i.status,
    progress: i.status === 'QUEUED' ? 0 : i.progress,
    counts: i.status === 'DONE' ? i.counts : null,
    reason: i.status === 'REFUSED' || i.status === 'FAILED' ? (lang === 'en' ? i.reason_en : i.reason_id) : null,
    reasonCode: i.reason_code,
    firstImportId: i.first_import_id,
    packageId: i.package_id,
    module: PACKAGE_MODULES.find((m) => m === i.module) ?? null,
    operator: i.operator_username,
    finishedAt: i.finished_at,
  };
}

/** One import of the supervisor's district with its result and failed proposals (getImport). */
export async function getImport(ctx: AppContext, actor: Actor, id: string) {
  assertCan(actor, 'import:run');
  const kab = districtOf(actor);
  const i = kab ? await q.findImport(ctx.database.db, kab, id) : undefined;
  if (!i) throw notFound();
  const failed = i.status === 'DONE' ? await q.listFailedProposals(ctx.database.db, i.kab_kota, id, 500) : [];
  return {
    ...presentImport(i, actor.language),
    failed: failed.map((f) => ({ proposalId: f.id, line: f.line_no, errors: f.errors })),
  };
}

/** The imports of the supervisor's district, newest first. */
export async function listImports(ctx: AppContext, actor: Actor, page: number, pageSize: number) {
  const kab = ownDistrict(actor);
  const r = await q.listImports(ctx.database.db, kab, page, pageSize);
  return { items: r.items.map((i) => presentImport(i, actor.language)), total: r.total, page, pageSize };
}
