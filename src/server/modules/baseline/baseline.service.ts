// Baseline load (C2). Pusdatin uploads a district's baseline registry for a period; the rows are
// COPYed into staging as they are read (batches of BATCH rows, each its own short transaction, so
// the load row's counts and heartbeat move and a page reload shows the progress), checked against
// the dictionary (each row's own fields as it is read, set-based SQL for keys, regions, derived fields
// and the rules across members, the shared record validator on the households that may fail), and
// published into households/members in one transaction with its log entry when the user confirms.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { deferIndexesIfEmpty } from '../../platform/bulk-load.ts';
import { markDistrictFiguresStale } from '../figures/index.ts';
import type { BASELINE_STATUSES } from '../../../shared/api/baseline.ts';
import { UNPRINTABLE_TEXT, isPrintableText } from '../../../shared/api/common.ts';
import { type Entity, type FieldDef, fieldDef, requiredFields } from '../../../shared/dictionary/index.ts';
import { checkRecordFields, deriveHouseholdFields, validateHouseholdRecord } from '../../../shared/rules/index.ts';
import { districtDate } from '../../../shared/time-zones.ts';
import { copyValue } from '../../platform/copy-text.ts';
import { type AuditActor, recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import type { Actor } from '../../platform/scope.ts';
import { CSV_TYPE, type StreamedDownload, writeCsv } from '../finalisations/index.ts';
import { findRegion } from '../regions/index.ts';
import { deriveAndSieve } from './baseline.checks.ts';
import * as q from './baseline.queries.ts';
import { csvSheet, fileKind, type Sheet, xlsxSheets, zipSheets } from './baseline.read.ts';

/** Largest upload: CSV streams up to this many bytes in all. */
export const MAX_BASELINE_BYTES = 4 * 1024 * 1024 * 1024;
/** Largest ZIP: a ZIP is read whole into memory before its entries are inflated one by one. */
export const MAX_BASELINE_ZIP_BYTES = 1024 * 1024 * 1024;
const BATCH = 5_000;
const CHECK_BATCH = 2_000;
/** A CHECKING load whose heartbeat is older than this died with its process. */
const STALE_SECONDS = 900;

/** One uploaded file as it arrives (a multipart part, or a file opened by the CLI). */
export interface BaselineFile {
  name: string;
  stream: Readable;
}

/** Fault injection for tests. */
export interface BaselineOptions {
  /** Throws inside the publishing transaction after the households are inserted, before the members. */
  failAfterHouseholds?: boolean;
}

type Presented = ReturnType<typeof present>;

function present(l: q.LoadRow, existingHouseholds: number, lang: 'id' | 'en') {
  const stale = l.status === 'CHECKING' && Date.now() - new Date(l.heartbeat_at).getTime() > STALE_SECONDS * 1000;
  const stopped = lang === 'en' ? 'The load stopped (the server was restarted).' : 'Pemuatan terhenti (server dimulai ulang).';
  return {
    id: l.id,
    kab: l.kab_kota,
    period: l.period.trim(),
    status: stale ? ('FAILED' as const) : (l.status as (typeof BASELINE_STATUSES)[number]),
    phase: l.phase as 'READING' | 'CHECKING' | 'DONE',
    progress: l.progress,
    fileNames: l.file_names,
    households: l.households,
    members: l.members,
    errorCount: l.error_count,
    createdAt: l.created_at,
    publishedAt: l.published_at,
    replacedHouseholds: l.replaced_households,
    existingHouseholds,
    failure: stale ? stopped : l.failure,
  };
}

/** A user of the API, or the machine's administrator at the command line (CLI_ACTOR, no verb check). */
export type BaselineActor = Actor | AuditActor;
const auditActorOf = (by: BaselineActor): AuditActor => ('userId' in by ? { id: by.userId, username: by.username } : by);
const langOf = (by: BaselineActor): 'id' | 'en' => ('userId' in by ? by.language : 'en');
const userIdOf = (by: BaselineActor): number | null => ('userId' in by ? by.userId : null);
function requireVerb(by: BaselineActor): void {
  if ('userId' in by) assertCan(by, 'baseline:load');
}

async function presentLoad(db: Db, l: q.LoadRow, lang: 'id' | 'en'): Promise<Presented> {
  return present(l, await q.countDistrictHouseholds(db, l.kab_kota), lang);
}

async function findOwnLoad(db: Db, id: string): Promise<q.LoadRow> {
  const l = await q.findLoad(db, id);
  if (!l) throw notFound();
  return l;
}

// ---------------------------------------------------------------- reading into staging

export { cellValue } from './baseline.queries.ts';

type ErrorRow = [string, string, q.Sheet, number, string, string, string, string];

class Stager {
  readonly seen = new Set<q.Sheet>();
  households = 0;
  members = 0;
  readonly names: string[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly kab: string,
    private readonly id: string,
  ) {}

  private error(sheet: q.Sheet, row: number, column: string, code: string, text: { id: string; en: string }): ErrorRow {
    return [this.kab, this.id, sheet, row, column.slice(0, 64), code, text.id, text.en];
  }

  /** Stages one sheet: its kind from its header, then every row in batches. */
  async add(sheet: Sheet): Promise<void> {
    const header = sheet.header;
    const kind: q.Sheet | undefined = header.includes('idartbdt') ? 'members' : header.includes('idbdt') ? 'households' : undefined;
    if (!kind) throw new AppError('BASELINE_FILE_UNKNOWN', { file: sheet.source });
    if (this.seen.has(kind))
      throw new AppError(
        'BASELINE_COLUMNS',
        { file: sheet.source },
        {
          id: `Data ${kind === 'households' ? 'rumah tangga' : 'anggota rumah tangga'} diunggah lebih dari sekali.`,
          en: `The ${kind} were uploaded more than once.`,
        },
      );
    this.seen.add(kind);
    this.names.push(sheet.source);
    const entity: Entity = kind === 'households' ? 'household' : 'member';
    const errors: ErrorRow[] = [];
    const duplicates = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
    const needed = [...requiredFields(entity).map((f) => f.name), 'idbdt', ...(kind === 'members' ? ['idartbdt'] : [])];
    const missing = [...new Set(needed.filter((n) => !header.includes(n)))];
    if (duplicates.length || missing.length)
      throw new AppError(
        'BASELINE_COLUMNS',
        { file: sheet.source, missing, duplicates },
        {
          id: `Kolom ${sheet.source} tidak sesuai kamus data BDT: ${[...missing.map((m) => `kolom ${m} tidak ada`), ...duplicates.map((d) => `kolom ${d} ganda`)].join('; ')}.`,
          en: `The columns of ${sheet.source} do not match the BDT dictionary: ${[...missing.map((m) => `column ${m} is missing`), ...duplicates.map((d) => `column ${d} is repeated`)].join('; ')}.`,
        },
      );
    // Column index → field; derived fields are computed, never read; unknown columns are reported once.
    const columns: { index: number; def: FieldDef }[] = [];
    let keyIndex = -1;
    header.forEach((name, index) => {
      if (kind === 'members' && name === 'idbdt') {
        keyIndex = index;
        return;
      }
      const def = fieldDef(entity, name);
      if (def && !def.derived) columns.push({ index, def });
      else if (!def && name !== '')
        errors.push(
          this.error(kind, 1, name, 'UNKNOWN_FIELD', {
            id: `Kolom "${name.slice(0, 60)}" tidak dikenal dalam kamus data BDT`,
            en: `Unknown column "${name.slice(0, 60)}" (not in the BDT data dictionary)`,
          }),
        );
    });

    // Each row becomes one line of COPY text: the key columns, the flags, then the header's fields in
    // their text columns f_<name> (migration 0036), each as cellValue reads it (so the validator and
    // the publish's casts see the same value); fields missing from the header stay null.
    const copyColumns = [...STAGING_COLUMNS[kind], ...columns.map((c) => `f_${c.def.name}`)];
    const prefix = `${this.kab}\t${this.id}\t`;
    // The batch's text in pieces, joined once when it is written: appending to one string per row
    // made a rope node per field for the garbage collector (27 s of 99 s at 100,000 households).
    let parts: unknown[] = [];
    let staged = 0;
    let rowNo = 1;
    // One batch is written while the next is read (the database and the parser work side by side);
    // never more than one, so memory stays at two batches.
    const writer = new BatchWriter();
    const flush = async () => {
      const batch = parts;
      const reported = errors.splice(0);
      const counts = { households: this.households, members: this.members };
      parts = [];
      staged = 0;
      await writer.next(() =>
        this.ctx.database.transaction(async (tx) => {
          if (batch.length) await this.ctx.database.copyText(tx, `baseline_${kind}`, copyColumns, [batch.join('')]);
          if (reported.length) await this.ctx.database.copyRows(tx, 'baseline_errors', ERROR_COLUMNS, reported);
          await q.heartbeat(tx, this.kab, this.id, counts);
        }),
      );
    };
    for await (const cells of sheet.rows) {
      rowNo++;
      if (cells.every((c) => c.trim() === '')) continue;
      if (cells.length !== header.length)
        errors.push(
          this.error(kind, rowNo, '', 'COLUMNS', {
            id: `Baris ini berisi ${cells.length} kolom, judul berisi ${header.length}`,
            en: `This row has ${cells.length} columns, the header ${header.length}`,
          }),
        );
      const data: Record<string, unknown> = {};
      const bad: string[] = [];
      const at = parts.length;
      parts.push('', ''); // the keys and the flags, known once the fields are read
      for (const { index, def } of columns) {
        const raw = cells[index] ?? '';
        if (!isPrintableText(raw) || raw.includes('\ufffd')) {
          bad.push(def.name);
          data[def.name] = null;
          parts.push('\t\\N');
          errors.push(
            this.error(kind, rowNo, def.name, UNPRINTABLE_TEXT.code, {
              id: `${def.label}: ${UNPRINTABLE_TEXT.text.id}`,
              en: `${def.label}: ${UNPRINTABLE_TEXT.text.en}`,
            }),
          );
          continue;
        }
        const value = q.cellValue(def, raw);
        data[def.name] = value;
        // Codes, integers and booleans as join() writes them (String(value): canonical, so the sieve
        // compares codes as text); decimals as read with a point, since String() writes a tiny one as
        // 1e-7, a form cellValue would not read back as a number.
        const text =
          value === null
            ? '\\N'
            : typeof value === 'string'
              ? copyValue(value)
              : def.type === 'decimal'
                ? raw.trim().replace(',', '.')
                : value;
        parts.push('\t', text);
      }
      // The checks of this row's own fields, here while it is in hand: a row that may fail is marked
      // for the validator (baseline.checks.ts), which alone words the report.
      const flags = bad.length
        ? `f\t{${bad.join(',')}}`
        : checkRecordFields(entity, data, '').some((i) => i.level === 'error')
          ? 't\t\\N'
          : 'f\t\\N';
      let keys: string;
      if (kind === 'households') {
        this.households++;
        keys = `${copyValue(keyOf(data.idbdt, 16))}\t${copyValue(keyOf(data.kode_wilayah, 10))}`;
      } else {
        this.members++;
        const raw = keyIndex >= 0 ? (cells[keyIndex] ?? '').trim() : '';
        keys = `${copyValue(raw === '' || !isPrintableText(raw) ? null : raw.slice(0, 40))}\t${copyValue(keyOf(data.idartbdt, 18))}`;
      }
      parts[at] = `${prefix}${rowNo}\t${keys}\t`;
      parts[at + 1] = flags;
      parts.push('\n');
      if (++staged >= BATCH) await flush();
    }
    await flush();
    await writer.done();
  }
}

/** Runs writes one at a time, each while the caller prepares the next; a failed write fails the next call. */
class BatchWriter {
  private inflight: Promise<void> = Promise.resolve();
  private failed: unknown;

  /** Waits for the previous write, then starts `write` without waiting for it. */
  async next(write: () => Promise<unknown>): Promise<void> {
    await this.done();
    this.inflight = write().then(
      () => undefined,
      (err: unknown) => {
        this.failed = err;
      },
    );
  }

  /** Waits for the last write; throws its error. */
  async done(): Promise<void> {
    await this.inflight;
    if (this.failed !== undefined) throw this.failed;
  }
}

const keyOf = (v: unknown, length: number) => (typeof v === 'string' && v.length <= length + 4 ? v : null);

const STAGING_COLUMNS = {
  households: ['kab_kota', 'load_id', 'row_no', 'idbdt', 'kode_wilayah', 'field_errors', 'unreadable'],
  members: ['kab_kota', 'load_id', 'row_no', 'idbdt', 'idartbdt', 'field_errors', 'unreadable'],
} as const;
const ERROR_COLUMNS = ['kab_kota', 'load_id', 'sheet', 'row_no', 'column_name', 'code', 'message_id', 'message_en'] as const;

async function stageFile(stager: Stager, file: BaselineFile): Promise<void> {
  const kind = fileKind(file.name);
  if (kind === 'csv') {
    const sheet = await csvSheet(file.name, file.stream as AsyncIterable<Uint8Array>);
    if (sheet) await stager.add(sheet);
  } else if (kind === 'xlsx') {
    for await (const sheet of xlsxSheets(file.name, file.stream)) await stager.add(sheet);
  } else if (kind === 'zip') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of file.stream as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_BASELINE_ZIP_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      chunks.push(c);
    }
    for await (const sheet of zipSheets(file.name, Buffer.concat(chunks, size))) await stager.add(sheet);
  } else {
    file.stream.resume();
    throw new AppError('BASELINE_FILE_UNKNOWN', { file: file.name });
  }
}

// ---------------------------------------------------------------- checking

const MEMBER_PATH = /^members\[([0-9]+)\](?:\.fields\.([a-z_0-9]+))?$/;

/** The errors the shared record checks find in staged households with their members (rows of baseline_errors). */
export function recordErrors(kab: string, id: string, page: Awaited<ReturnType<typeof q.stagedPage>>, checkDate: string): ErrorRow[] {
  const byHousehold = new Map<string, { row_no: number; data: Record<string, unknown> }[]>();
  for (const m of page.members) {
    const list = byHousehold.get(m.idbdt!) ?? [];
    list.push({ row_no: m.row_no, data: m.data as Record<string, unknown> });
    byHousehold.set(m.idbdt!, list);
  }
  const errors: ErrorRow[] = [];
  const push = (sheet: q.Sheet, row: number, column: string, code: string, text: { id: string; en: string }, bad: unknown) => {
    if (Array.isArray(bad) && bad.includes(column)) return; // already reported as unreadable text
    errors.push([kab, id, sheet, row, column, code, text.id, text.en]);
  };
  for (const h of page.households) {
    const household = h.data as Record<string, unknown>;
    const members = h.idbdt === null ? [] : (byHousehold.get(h.idbdt) ?? []);
    const memberData = members.map((m) => m.data);
    const fields = deriveHouseholdFields(memberData);
    if (household.idbdt === null || household.idbdt === undefined)
      push('households', h.row_no, 'idbdt', 'REQUIRED', { id: 'IDBDT: wajib diisi', en: 'IDBDT: is required' }, household.__bad);
    // The ids are read-only in the dictionary (never proposed), but a baseline must carry them.
    for (const m of members)
      if (m.data.idartbdt === null || m.data.idartbdt === undefined)
        push('members', m.row_no, 'idartbdt', 'REQUIRED', { id: 'ID ART BDT: wajib diisi', en: 'ID ART BDT: is required' }, m.data.__bad);
    const result = validateHouseholdRecord({ household: { ...household, ...fields }, members: memberData }, { checkDate });
    for (const issue of result.errors) {
      const m = MEMBER_PATH.exec(issue.path);
      const member = m ? members[Number(m[1])] : undefined;
      if (member) push('members', member.row_no, m?.[2] ?? '', issue.code, issue.message, member.data.__bad);
      else if (issue.path === 'members') push('households', h.row_no, 'anggota', issue.code, issue.message, undefined);
      else push('households', h.row_no, issue.path.replace(/^household\.?/, ''), issue.code, issue.message, household.__bad);
    }
  }
  return errors;
}

/**
 * Derives the household fields and sieves the staged rows in SQL (baseline.checks.ts), then runs the
 * shared record checks over the suspect households with their members; stores their errors.
 */
async function checkStaged(ctx: AppContext, kab: string, id: string): Promise<void> {
  const { db } = ctx.database;
  const checkDate = districtDate(kab, now());
  const suspects = await ctx.database.transaction(async (tx) => {
    // JIT compiling the sieve's hundreds of expressions costs more than evaluating them (22 s of
    // optimisation and emission at 100,000 households, docs/performance.md).
    if (ctx.database.kind === 'postgres') await sql`set local jit = off`.execute(tx);
    const rows = await deriveAndSieve(tx, kab, id, checkDate);
    await q.heartbeat(tx, kab, id, { progress: 0.5 });
    return rows;
  });
  const writer = new BatchWriter();
  const pageAt = (at: number) => {
    const page = q.stagedPage(db, kab, id, suspects.slice(at, at + CHECK_BATCH));
    page.catch(() => {}); // awaited at its turn, which reports a failure
    return page;
  };
  // The next page is read while this one is checked.
  let next = pageAt(0);
  for (let at = 0; at < suspects.length; at += CHECK_BATCH) {
    const page = await next;
    if (at + CHECK_BATCH < suspects.length) next = pageAt(at + CHECK_BATCH);
    const errors = recordErrors(kab, id, page, checkDate);
    const progress = Math.min(0.99, 0.5 + (0.5 * (at + page.households.length)) / suspects.length);
    await writer.next(() =>
      ctx.database.transaction(async (tx) => {
        if (errors.length) await ctx.database.copyRows(tx, 'baseline_errors', ERROR_COLUMNS, errors);
        await q.heartbeat(tx, kab, id, { progress });
      }),
    );
  }
  await writer.done();
}

// ---------------------------------------------------------------- services

async function assertDistrict(db: Db, kab: string): Promise<void> {
  const region = await findRegion(db, kab);
  if (region?.level !== 'kabkota') throw new AppError('UNKNOWN_REGION', { region: kab });
}

/** Ends the district's earlier unpublished loads (their staging is deleted); refuses while one is still being read. */
async function retireEarlierLoads(ctx: AppContext, actor: BaselineActor, kab: string): Promise<void> {
  const { db } = ctx.database;
  for (const l of await q.listLoads(db, kab)) {
    if (!['CHECKING', 'READY', 'INVALID', 'FAILED'].includes(l.status)) continue;
    const shown = present(l, 0, langOf(actor));
    if (shown.status === 'CHECKING') throw new AppError('BASELINE_BUSY');
    await ctx.database.transaction((tx) => retire(tx, actor, l, l.status === 'CHECKING' ? 'FAILED' : 'DISCARDED'));
  }
}

/**
 * Loads a district's baseline for a period from the uploaded files (two CSV, a ZIP of both, or an
 * xlsx workbook) into staging and checks every row; returns the load (READY or INVALID). Nothing
 * reaches the registry until confirmBaseline.
 */
export async function loadBaseline(
  ctx: AppContext,
  actor: BaselineActor,
  input: { kab: string; period: string; files: AsyncIterable<BaselineFile> | Iterable<BaselineFile> },
): Promise<Presented> {
  requireVerb(actor);
  const { db } = ctx.database;
  const { kab, period } = input;
  await assertDistrict(db, kab);
  if (!(await db.selectFrom('periods').select('code').where('code', '=', period).executeTakeFirst()))
    throw new AppError('BASELINE_PERIOD_UNKNOWN', { period });
  await retireEarlierLoads(ctx, actor, kab);
  const id = randomUUID();
  try {
    await db
      .insertInto('baseline_loads')
      .values({ kab_kota: kab, id, period, created_by: userIdOf(actor) })
      .execute();
  } catch {
    throw new AppError('BASELINE_BUSY');
  }
  const stager = new Stager(ctx, kab, id);
  try {
    for await (const file of input.files) await stageFile(stager, file);
    if (!stager.seen.has('households') || !stager.seen.has('members')) throw new AppError('BASELINE_FILES_MISSING');
    await q.heartbeat(db, kab, id, { phase: 'CHECKING', households: stager.households, members: stager.members });
    await ctx.database.transaction((tx) => q.runSetChecks(tx, kab, id));
    await checkStaged(ctx, kab, id);
    return await ctx.database.transaction(async (tx) => {
      const errors = await q.countErrors(tx, kab, id);
      const empty = stager.households === 0;
      const status = errors === 0 && !empty ? 'READY' : 'INVALID';
      if (empty)
        await ctx.database.copyRows(tx, 'baseline_errors', ERROR_COLUMNS, [
          [kab, id, 'households', 1, '', 'EMPTY', 'Berkas rumah tangga tidak berisi data', 'The households file holds no rows'],
        ]);
      const row = await q.updateLoad(tx, kab, id, {
        status,
        phase: 'DONE',
        progress: 1,
        error_count: errors + (empty ? 1 : 0),
        file_names: stager.names.join(', ').slice(0, 1000),
        finished_at: now(),
        heartbeat_at: now(),
      });
      const n = (v: number, l: string) => v.toLocaleString(l);
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: 'BASELINE_UPLOAD',
        text: {
          id: `Memuat data awal ${kab} periode ${period}: ${n(stager.households, 'id-ID')} rumah tangga, ${n(stager.members, 'id-ID')} anggota, ${n(row.error_count, 'id-ID')} kesalahan (belum diterbitkan)`,
          en: `Loaded a baseline of ${kab} for ${period}: ${n(stager.households, 'en-US')} households, ${n(stager.members, 'en-US')} members, ${n(row.error_count, 'en-US')} errors (not published yet)`,
        },
        subject: `baseline:${id}`,
        regionCode: kab,
        details: { period, households: stager.households, members: stager.members, errors: row.error_count },
      });
      return presentLoad(tx, row, langOf(actor));
    });
  } catch (err) {
    // A refused upload leaves nothing behind; an unexpected failure stays visible as FAILED.
    const refused = err instanceof AppError;
    await q.clearStaging(db, kab, id, true).catch(() => {});
    if (refused) await db.deleteFrom('baseline_loads').where('kab_kota', '=', kab).where('id', '=', id).execute();
    else
      await q
        .updateLoad(db, kab, id, {
          status: 'FAILED',
          finished_at: now(),
          failure: String((err as Error).message ?? err)
            .replace(/[\u0000-\u001f\u007f]+/g, ' ')
            .slice(0, 300),
        })
        .catch(() => {});
    throw err;
  }
}

/** The loads of a district, newest first. */
export async function listBaselineLoads(ctx: AppContext, actor: BaselineActor, kab: string): Promise<{ items: Presented[] }> {
  requireVerb(actor);
  const { db } = ctx.database;
  const existing = await q.countDistrictHouseholds(db, kab);
  return { items: (await q.listLoads(db, kab)).map((l) => present(l, existing, langOf(actor))) };
}

/** One load with its counts, progress and the district's current household count. */
export async function getBaselineLoad(ctx: AppContext, actor: BaselineActor, id: string): Promise<Presented> {
  requireVerb(actor);
  return presentLoad(ctx.database.db, await findOwnLoad(ctx.database.db, id), langOf(actor));
}

/** The error report of a load as CSV (file, row, column, code, message in the user's language). */
export async function baselineErrorsCsv(ctx: AppContext, actor: BaselineActor, id: string): Promise<StreamedDownload> {
  requireVerb(actor);
  const { db } = ctx.database;
  const l = await findOwnLoad(db, id);
  const en = langOf(actor) === 'en';
  await ctx.database.transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'BASELINE_ERRORS_DOWNLOAD',
      text: {
        id: `Mengunduh laporan kesalahan data awal ${l.kab_kota} periode ${l.period.trim()} (${l.error_count} kesalahan)`,
        en: `Downloaded the error report of the baseline of ${l.kab_kota} for ${l.period.trim()} (${l.error_count} errors)`,
      },
      subject: `baseline:${id}`,
      regionCode: l.kab_kota,
      details: { rows: l.error_count },
    }),
  );
  return {
    fileName: `kesalahan-data-awal-${l.kab_kota}-${l.period.trim()}.csv`,
    contentType: CSV_TYPE,
    write: (out) =>
      writeCsv<q.ErrorReportRow>(out, {
        name: 'errors',
        columns: [
          { header: en ? 'file' : 'berkas', value: (r) => r.sheet },
          { header: en ? 'row' : 'baris', value: (r) => r.row_no },
          { header: en ? 'column' : 'kolom', value: (r) => r.column_name },
          { header: en ? 'code' : 'kode', value: (r) => r.code },
          { header: en ? 'message' : 'pesan', value: (r) => (en ? r.message_en : r.message_id) },
        ],
        rows: q.errorRows(db, l.kab_kota, l.id),
      }),
  };
}

/**
 * Publishes a READY load: one transaction inserts its households and members (version 1, AKTIF,
 * derived fields as checked) with its log entry. A district that already has households is
 * replaced only with `replace: true` and its code typed again (`confirmKab`).
 */
export async function confirmBaseline(
  ctx: AppContext,
  actor: BaselineActor,
  id: string,
  body: { replace?: boolean; confirmKab?: string },
  opts: BaselineOptions = {},
): Promise<Presented> {
  requireVerb(actor);
  const result = await ctx.database.transaction(async (tx) => {
    const found = await tx.selectFrom('baseline_loads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!found) throw notFound();
    const kab = found.kab_kota;
    // Row estimates in the millions switch JIT on, whose compile time these plain inserts never win back.
    if (ctx.database.kind === 'postgres') await sql`set local jit = off`.execute(tx);
    // Two confirmations for one district queue here: the second sees the first one's households.
    await sql`select pg_advisory_xact_lock(hashtext(${`baseline:${kab}`}))`.execute(tx);
    if (found.status !== 'READY') throw new AppError('BASELINE_NOT_READY');
    const existing = await q.countDistrictHouseholds(tx, kab);
    let replaced = 0;
    if (existing > 0) {
      if (body.replace !== true || body.confirmKab !== kab) throw new AppError('BASELINE_REPLACE_UNCONFIRMED', { households: existing });
      if (await q.districtInUse(tx, kab)) throw new AppError('BASELINE_DISTRICT_IN_USE');
      replaced = await q.deleteDistrictRegistry(tx, kab);
    }
    const at = now();
    // The first baseline of the registry fills empty households and members tables: their secondary
    // indexes and foreign keys are made after (one sorted build, one set-based check each), and the
    // figures' insert triggers (migration 0031, a transition table of every row) are off meanwhile.
    const restoreIndexes = await deferIndexesIfEmpty(tx, ['households', 'members'], { foreignKeys: true, insertTriggers: true });
    const households = await q.publishHouseholds(tx, kab, id, at);
    if (opts.failAfterHouseholds) throw new Error('injected fault: publishing died after the households');
    const members = await q.publishMembers(tx, kab, id, at);
    await restoreIndexes();
    // What those triggers do, once: mark the district's figures stale (a mark too many only costs one recomputation).
    await markDistrictFiguresStale(tx, kab);
    const row = await q.updateLoad(tx, kab, id, {
      status: 'PUBLISHED',
      published_at: at,
      published_by: userIdOf(actor),
      replaced_households: existing > 0 ? replaced : null,
    });
    const n = (v: number, l: string) => v.toLocaleString(l);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: 'BASELINE_PUBLISH',
      text: {
        id: `Menerbitkan data awal ${kab} periode ${row.period.trim()}: ${n(households, 'id-ID')} rumah tangga, ${n(members, 'id-ID')} anggota${existing > 0 ? `, menggantikan ${n(replaced, 'id-ID')} rumah tangga` : ''}`,
        en: `Published the baseline of ${kab} for ${row.period.trim()}: ${n(households, 'en-US')} households, ${n(members, 'en-US')} members${existing > 0 ? `, replacing ${n(replaced, 'en-US')} households` : ''}`,
      },
      subject: `baseline:${id}`,
      regionCode: kab,
      details: { period: row.period.trim(), households, members, replaced: existing > 0 ? replaced : 0 },
    });
    return { row, households };
  });
  // The staged rows go after the commit, outside the publishing transaction that they would only
  // lengthen; a crash just here leaves rows of a PUBLISHED load that nothing reads.
  await q.clearPublishedStaging(ctx.database, result.row.kab_kota, id);
  // Fresh statistics after a bulk load (PGlite has no autovacuum), as after demo seeding.
  await sql`analyze households`.execute(ctx.database.db);
  await sql`analyze members`.execute(ctx.database.db);
  return present(result.row, result.households, langOf(actor));
}

/** Discards an unpublished load: its staging rows and error report are deleted. */
export async function discardBaseline(ctx: AppContext, actor: BaselineActor, id: string): Promise<void> {
  requireVerb(actor);
  await ctx.database.transaction(async (tx) => {
    const found = await tx.selectFrom('baseline_loads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!found) throw notFound();
    const shown = present(found, 0, langOf(actor));
    if (shown.status === 'CHECKING' || found.status === 'PUBLISHED' || found.status === 'DISCARDED')
      throw new AppError('BASELINE_NOT_READY');
    await retire(tx, actor, found, 'DISCARDED');
  });
}

/** Ends an unpublished load (DISCARDED, or FAILED for one whose run died), deletes its staging, and logs it. */
async function retire(tx: Db, actor: BaselineActor, load: q.LoadRow, status: 'DISCARDED' | 'FAILED'): Promise<void> {
  await q.updateLoad(tx, load.kab_kota, load.id, { status, finished_at: now() });
  await q.clearStaging(tx, load.kab_kota, load.id, true);
  const period = load.period.trim();
  await recordAudit(tx, {
    actor: auditActorOf(actor),
    action: 'BASELINE_DISCARD',
    text: {
      id: `Membatalkan data awal ${load.kab_kota} periode ${period} (tidak diterbitkan)`,
      en: `Discarded the baseline of ${load.kab_kota} for ${period} (not published)`,
    },
    subject: `baseline:${load.id}`,
    regionCode: load.kab_kota,
    details: { status },
  });
}
