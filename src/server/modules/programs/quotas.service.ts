// The quota screen of Ditjen PFM (C4): every district's BPNT, RASTRA and PBI quota in a period
// (a period without its own setting inherits the latest earlier one) beside its use, and the xlsx
// quota sheet: a template of the current quotas, and its import applied whole or not at all.
// Lowering a quota below the use removes nobody; approvals that add to a list check the quota.
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { QUOTA_SHEET_HEADERS, type QuotaDistrictsQuerySchema, type QuotaTemplateQuerySchema } from '../../../shared/api/quotas.ts';
import { type AuditActor, recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { type Actor, inScope, regionInScope } from '../../platform/scope.ts';
import { type Column, type StreamedDownload, writeXlsx, XLSX_TYPE } from '../finalisations/index.ts';
import { currentQuotaPeriod, type Program, PROGRAMS } from './programs.queries.ts';
import * as q from './quotas.queries.ts';
import { districtVisible } from './programs.service.ts';
import { readQuotaSheet, type SheetIssue } from './quotas.sheet.ts';

export type QuotaDistrictsQuery = z.output<typeof QuotaDistrictsQuerySchema>;
export type QuotaTemplateQuery = z.output<typeof QuotaTemplateQuerySchema>;

// Issues sent back with a refused sheet: enough to correct it, not a second copy of a huge one.
const MAX_ISSUES = 500;
const fmt = (n: number, lang: 'id-ID' | 'en-US') => n.toLocaleString(lang);

// A province filter is accepted when it is in the scope or holds the caller's district; any other
// is "not found", like a missing one.
function filterOf(actor: Actor, query: QuotaTemplateQuery): q.DistrictFilter {
  if (query.provinsi && !(regionInScope(actor, query.provinsi) || actor.regions.some((r) => r.startsWith(query.provinsi!)))) {
    throw notFound();
  }
  return { scope: (column) => inScope(actor, column), provinsi: query.provinsi, q: query.q };
}

/** One page of the districts in the actor's scope with quota (and the period it comes from) and use per programme in a period. */
export async function listQuotaDistricts(ctx: AppContext, actor: Actor, query: QuotaDistrictsQuery) {
  assertCan(actor, 'program:read');
  const filter = filterOf(actor, query);
  const db = ctx.database.db;
  const period = query.period ?? (await currentQuotaPeriod(db));
  const [items, total] = await Promise.all([
    q.listDistrictQuotas(db, filter, period, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    q.countDistricts(db, filter),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize, period };
}

/** Quota, its period of origin and use per programme of one district visible to the actor (Beranda), in the current quota period; 404 otherwise. */
export async function districtQuotaUse(ctx: AppContext, actor: Actor, kab: string): Promise<q.DistrictQuotaRow> {
  if (!districtVisible(actor, kab)) throw notFound();
  const db = ctx.database.db;
  const [row] = await q.listDistrictQuotas(db, { scope: () => sql<SqlBool>`true`, kab }, await currentQuotaPeriod(db));
  if (!row) throw notFound();
  return row;
}

const TEMPLATE_COLUMNS: readonly Column<q.DistrictQuotaRow>[] = [
  { header: QUOTA_SHEET_HEADERS.kab, value: (r) => r.kab, width: 16 },
  { header: QUOTA_SHEET_HEADERS.name, value: (r) => r.name, width: 40 },
  { header: QUOTA_SHEET_HEADERS.province, value: (r) => r.provinsi.name, width: 28 },
  ...PROGRAMS.map((p) => ({ header: p, value: (r: q.DistrictQuotaRow) => r[p].quota, width: 12 })),
];

/** The quota sheet to fill (PFM): the districts of the filter with their quotas in the period, as xlsx. */
export async function quotaTemplate(ctx: AppContext, actor: Actor, query: QuotaTemplateQuery): Promise<StreamedDownload> {
  assertCan(actor, 'quota:set');
  const filter = filterOf(actor, query);
  const period = query.period ?? (await currentQuotaPeriod(ctx.database.db));
  const rows = await q.listDistrictQuotas(ctx.database.db, filter, period);
  return {
    fileName: `Kuota_${period}${query.provinsi ? `_${query.provinsi}` : ''}.xlsx`,
    contentType: XLSX_TYPE,
    write: (out) => writeXlsx(out, [{ name: `Kuota ${period}`, columns: TEMPLATE_COLUMNS, rows }]),
  };
}

/** One quota the sheet changes. */
interface QuotaChange {
  kab: string;
  program: Program;
  before: number | null;
  after: number;
}

function refuse(actor: Actor, issues: SheetIssue[]): never {
  throw new AppError(
    'QUOTA_SHEET_INVALID',
    issues
      .sort((a, b) => a.row - b.row)
      .slice(0, MAX_ISSUES)
      .map((i) => ({ row: i.row, column: i.column, message: i.text[actor.language] })),
  );
}

/**
 * Applies an xlsx quota sheet for a period (PFM): checked whole first (every fault by row), then
 * applied in one transaction with one log entry naming the period and the count, or not at all.
 * Quotas given as they already hold in the period are left as they are (an inherited one stays inherited).
 */
export async function importQuotaSheet(ctx: AppContext, actor: Actor, input: { period?: string; bytes: Buffer }) {
  assertCan(actor, 'quota:set');
  const { rows, issues } = await readQuotaSheet(input.bytes);
  const db = ctx.database.db;
  const known = await q.findDistricts(
    db,
    rows.map((r) => r.kab),
  );
  for (const r of rows) {
    if (!known.has(r.kab) || !regionInScope(actor, r.kab)) {
      issues.push({
        row: r.row,
        column: QUOTA_SHEET_HEADERS.kab,
        text: { id: `Kode kabupaten/kota ${r.kab} tidak dikenal.`, en: `District code ${r.kab} is unknown.` },
      });
    }
  }
  if (issues.length > 0) refuse(actor, issues);
  if (rows.length === 0) {
    refuse(actor, [
      { row: 2, column: null, text: { id: 'Lembar kuota tidak memuat satu baris pun.', en: 'The quota sheet has no rows.' } },
    ]);
  }
  const period = input.period ?? (await currentQuotaPeriod(db));
  const by: AuditActor = { id: actor.userId, username: actor.username };
  return ctx.database.transaction(async (tx) => {
    const current = await q.effectiveQuotas(
      tx,
      rows.map((r) => r.kab),
      period,
    );
    const changes: QuotaChange[] = [];
    for (const r of rows) {
      for (const program of PROGRAMS) {
        const after = r.quotas[program];
        if (after === undefined) continue;
        const before = current.get(`${r.kab}:${program}`) ?? null;
        if (before !== after) changes.push({ kab: r.kab, program, before, after });
      }
    }
    await q.upsertQuotas(
      tx,
      period,
      changes.map((c) => ({ kab: c.kab, program: c.program, quota: c.after })),
      by.id,
    );
    const districts = new Set(changes.map((c) => c.kab)).size;
    await recordAudit(tx, {
      actor: by,
      action: 'IMPORT_QUOTAS',
      text: {
        id: `Mengimpor lembar kuota periode ${period}: ${fmt(changes.length, 'id-ID')} kuota diubah di ${fmt(districts, 'id-ID')} kabupaten/kota (${fmt(rows.length, 'id-ID')} baris)`,
        en: `Imported the quota sheet for period ${period}: ${fmt(changes.length, 'en-US')} quotas changed in ${fmt(districts, 'en-US')} districts (${fmt(rows.length, 'en-US')} rows)`,
      },
      subject: `quotas:${period}`,
      details: { period, rows: rows.length, changed: changes.length, changes },
    });
    return { period, rows: rows.length, changed: changes.length, unchanged: rows.length * PROGRAMS.length - changes.length };
  });
}
