// The data hash of a finalisation (F8), printed on the Surat Pengesahan and checked by the
// public verification page.
//
// Definition (format "siks-ng/finalisation-data/v1"). The finalised data set of finalisation F is
// a sequence of JSON lines; data_sha256 = lowercase hex of SHA-256 over the UTF-8 bytes of all
// lines, each line followed by one "\n". Every line is canonical JSON: object keys sorted by
// JavaScript's default string order, no whitespace, strings and numbers as JSON.stringify writes
// them, absent values as null (audit.ts canonicalJson, the same as the log chain uses).
//
//  1. The header: {"format":"siks-ng/finalisation-data/v1","kabKota","period","number",
//     "proposals": number of proposal lines, "households": number of household lines}.
//  2. One line per proposal with finalisation_id = F, ordered by proposal id (the lowercase UUID;
//     PostgreSQL's uuid order is the same as the text order):
//     {"kind":"proposal","id","packageId","lineNo","module","type","idbdt","kodeWilayah",
//      "baseVersion","vervalResult","duplicateOf","mergeInto","visitedAt","musdesAt","body",
//      "status","errors","conflict","decidedAt","decisionReason","acceptedFields",
//      "rejectedFields","assigned"}
//     `body`, `errors`, `acceptedFields`, `rejectedFields`, `assigned` are the stored jsonb values;
//     `visitedAt`/`musdesAt` are YYYY-MM-DD; `decidedAt` is RFC 3339 UTC with milliseconds
//     (JavaScript toISOString, sub-millisecond digits dropped). The decider's user id is left out:
//     it is the one column that may become null (ON DELETE SET NULL) after finalisation.
//  3. One line per household snapshot of F (table finalisation_households), ordered by idbdt:
//     {"kind":"household","idbdt","record"} where `record` is the stored snapshot: the household
//     row as it was at finalisation (every dictionary field, version, status; no timestamps) with
//     `members`, its member rows in idartbdt order.
//
// Proposals of a finalisation are frozen by a trigger and snapshots never change, so anyone with
// the database can recompute the value (computeDataHash) and compare it with the letter.
//
// A BSP or PBI finalisation (format "siks-ng/programme-finalisation-data/v1", computeProgrammeDataHash)
// is hashed the same way with these lines:
//  1. The header: {"format":"siks-ng/programme-finalisation-data/v1","module","kabKota","period",
//     "number","proposals","memberships": number of membership lines}.
//  2. One line per proposal, ordered by id: the line of step 2 above plus "origin", "program",
//     "idartbdt", "replacementIdbdt", "reasonCode".
//  3. One line per membership snapshot (table finalisation_memberships), ordered by proposal id,
//     then change: {"kind":"membership","proposalId","change","program","idbdt","idartbdt",
//     "kodeWilayah","statusBefore","statusAfter","reason","record"} with `record` as stored.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import * as q from './finalisations.queries.ts';

export const DATA_FORMAT = 'siks-ng/finalisation-data/v1';
export const PROGRAMME_DATA_FORMAT = 'siks-ng/programme-finalisation-data/v1';
const PAGE = 1000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The canonical line of one finalised proposal (step 2 of the definition). */
export function proposalLine(p: q.FinalisedProposalRow): Record<string, unknown> {
  return {
    kind: 'proposal',
    id: p.id,
    packageId: p.package_id,
    lineNo: p.line_no,
    module: p.module,
    type: p.type,
    idbdt: p.idbdt,
    kodeWilayah: p.kode_wilayah,
    baseVersion: p.base_version,
    vervalResult: p.verval_result,
    duplicateOf: p.duplicate_of,
    mergeInto: p.merge_into,
    visitedAt: p.visited_at,
    musdesAt: p.musdes_at,
    body: p.body,
    status: p.status,
    errors: p.errors,
    conflict: p.conflict,
    decidedAt: iso(p.decided_at),
    decisionReason: p.decision_reason,
    acceptedFields: p.accepted_fields,
    rejectedFields: p.rejected_fields,
    assigned: p.assigned,
  };
}

// The rows of one finalisation, a page at a time after the last key seen (`page` reads one page).
const finalisationRows =
  <T>(
    page: (db: Db, kab: string, finalisationId: number, after: string | null, limit: number) => Promise<T[]>,
    keyOf: (row: T) => string,
  ) =>
  (db: Db, kab: string, finalisationId: number): AsyncGenerator<T> =>
    keysetPages((after) => page(db, kab, finalisationId, after, PAGE), keyOf);

/** The proposals of a finalisation in id order, read in pages. */
export const finalisedProposals = finalisationRows(q.pageFinalisedProposals, (row) => row.id);

/** The canonical line of one proposal of a BSP/PBI finalisation (step 2 of the programme definition). */
export function programmeProposalLine(p: q.FinalisedProposalRow): Record<string, unknown> {
  return {
    ...proposalLine(p),
    origin: p.origin,
    program: p.program,
    idartbdt: p.idartbdt,
    replacementIdbdt: p.replacement_idbdt,
    reasonCode: p.reason_code,
  };
}

/** The membership snapshot of a BSP/PBI finalisation in (proposal, change) order, read in pages. */
export const membershipSnapshots = finalisationRows(q.pageMemberships, (row) => `${row.proposal_id}|${row.change}`);

/** The household snapshots of a finalisation in idbdt order, read in pages. */
export const snapshots = finalisationRows(q.pageSnapshots, (row) => row.idbdt);

// Rows read a page at a time after the last key seen, so that memory holds one page.
async function* keysetPages<T>(page: (after: string | null) => Promise<T[]>, keyOf: (row: T) => string): AsyncGenerator<T> {
  let after: string | null = null;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/**
 * Computes data_sha256 of finalisation `finalisationId` from the stored rows, per the definition
 * above. `counts` are the numbers of proposal and household lines (they open the data set).
 */
export async function computeDataHash(
  db: Db,
  f: { id: number; kab: string; period: string; number: number; proposals: number; households: number },
): Promise<string> {
  return hashDataSet(f.id, { format: DATA_FORMAT, ...headingOf(f), households: f.households }, [
    { rows: finalisedProposals(db, f.kab, f.id), line: proposalLine, expected: f.proposals },
    {
      rows: snapshots(db, f.kab, f.id),
      line: (h: { idbdt: string; record: unknown }) => ({ kind: 'household', idbdt: h.idbdt, record: h.record }),
      expected: f.households,
    },
  ]);
}

/** Computes data_sha256 of a BSP/PBI finalisation from the stored rows (the programme definition above). */
export async function computeProgrammeDataHash(
  db: Db,
  f: { id: number; module: string; kab: string; period: string; number: number; proposals: number; memberships: number },
): Promise<string> {
  const header = { format: PROGRAMME_DATA_FORMAT, module: f.module, ...headingOf(f), memberships: f.memberships };
  return hashDataSet(f.id, header, [
    { rows: finalisedProposals(db, f.kab, f.id), line: programmeProposalLine, expected: f.proposals },
    {
      rows: membershipSnapshots(db, f.kab, f.id),
      line: (m: q.MembershipSnapshotRow) => ({
        kind: 'membership',
        proposalId: m.proposal_id,
        change: m.change,
        program: m.program,
        idbdt: m.idbdt,
        idartbdt: m.idartbdt,
        kodeWilayah: m.kode_wilayah,
        statusBefore: m.status_before,
        statusAfter: m.status_after,
        reason: m.reason,
        record: m.record,
      }),
      expected: f.memberships,
    },
  ]);
}

// The header keys both formats share (canonical JSON sorts keys, so their order does not matter).
const headingOf = (f: { kab: string; period: string; number: number; proposals: number }) => ({
  kabKota: f.kab,
  period: f.period,
  number: f.number,
  proposals: f.proposals,
});

/** One part of a data set: its rows in order, each row's canonical line, and how many the header promised. */
interface DataPart<T> {
  rows: AsyncIterable<T>;
  line: (row: T) => unknown;
  expected: number;
}

// SHA-256 over the header line and every part's lines, each canonical JSON followed by "\n".
// biome-ignore lint/suspicious/noExplicitAny: parts of different row types, each read by its own line function
async function hashDataSet(id: number, header: Record<string, unknown>, parts: DataPart<any>[]): Promise<string> {
  const hash = createHash('sha256');
  const line = (v: unknown) => hash.update(canonicalJson(v)).update('\n');
  line(header);
  const counts: number[] = [];
  for (const part of parts) {
    let n = 0;
    for await (const row of part.rows) {
      line(part.line(row));
      n++;
    }
    counts.push(n);
  }
  // The header promised these numbers; a mismatch means the rows changed under us.
  if (counts.some((n, i) => n !== parts[i]!.expected))
    throw new Error(`finalisation ${id}: ${counts.join('/')} rows, header says ${parts.map((p) => p.expected).join('/')}`);
  return hash.digest('hex');
}
