// The recapitulation of proposals (F8 preview, the stored recap of a finalisation, the letter's
// table, and the proposal columns of Rekapitulasi F9): counts per desa come from one GROUP BY
// query; kecamatan rows and totals are sums of those rows, so every level adds up exactly.
import { sql, type RawBuilder } from 'kysely';
import { PROPOSAL_STATUSES, type ProposalStatus, type VervalResultKey as ApiVervalResultKey } from '../../../shared/api/vocabulary.ts';

/** Proposal statuses in the order users read them (the API's vocabulary). */
export { PROPOSAL_STATUSES };
export type ProposalStatusName = ProposalStatus;

/** Verval results by dictionary code (vervalResult 1–6), keyed as in the dictionary. */
export const VERVAL_RESULTS = [
  { code: 1, key: 'DITEMUKAN', label: 'Ditemukan' },
  { code: 2, key: 'TIDAK_DITEMUKAN', label: 'Tidak Ditemukan' },
  { code: 3, key: 'PINDAH', label: 'Pindah' },
  { code: 4, key: 'BAGIAN_RUTA_LAIN', label: 'Bagian Ruta Lain' },
  { code: 5, key: 'MENOLAK', label: 'Menolak' },
  { code: 6, key: 'GANDA', label: 'Ganda' },
] as const satisfies readonly { code: number; key: ApiVervalResultKey; label: string }[];
export type VervalResultKey = (typeof VERVAL_RESULTS)[number]['key'];

/**
 * Counts of BDT proposals. `result` counts PERBAIKAN proposals by the verval result the operator
 * recorded (whatever the decision); `status` counts all proposals by status. A household proposed
 * again after PERLU_PERBAIKAN counts once per proposal.
 */
export interface ProposalCounts {
  proposals: number;
  perbaikan: number;
  usulanBaru: number;
  result: Record<VervalResultKey, number>;
  status: Record<ProposalStatusName, number>;
}

/** One area (kecamatan or desa) of a recap. */
export interface AreaCounts {
  code: string;
  name: string;
  counts: ProposalCounts;
}

/** The recap of a set of proposals: totals, every kecamatan of the district, and the desa with proposals. */
export interface ProposalRecap {
  totals: ProposalCounts;
  kecamatan: AreaCounts[];
  desa: (AreaCounts & { kecamatan: string })[];
}

/** Zero counts. */
export function emptyCounts(): ProposalCounts {
  return {
    proposals: 0,
    perbaikan: 0,
    usulanBaru: 0,
    result: Object.fromEntries(VERVAL_RESULTS.map((r) => [r.key, 0])) as Record<VervalResultKey, number>,
    status: Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, 0])) as Record<ProposalStatusName, number>,
  };
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addCounts(a: ProposalCounts, b: ProposalCounts): ProposalCounts {
  a.proposals += b.proposals;
  a.perbaikan += b.perbaikan;
  a.usulanBaru += b.usulanBaru;
  for (const r of VERVAL_RESULTS) a.result[r.key] += b.result[r.key];
  for (const s of PROPOSAL_STATUSES) a.status[s] += b.status[s];
  return a;
}

/** Approved proposals (wholly or in part). */
export const approvedOf = (c: ProposalCounts) => c.status.DISETUJUI + c.status.SEBAGIAN;

/**
 * The SELECT list that counts proposals of alias `p` per group: `proposals`, `perbaikan`,
 * `usulan_baru`, `r_1`…`r_6`, `s_<status>`. Read a row back with countsOfRow().
 */
export function proposalCountColumns(): RawBuilder<unknown> {
  const results = VERVAL_RESULTS.map(
    (r) => sql`count(*) filter (where p.type = 'PERBAIKAN' and p.verval_result = ${sql.lit(r.code)})::int as ${sql.ref(`r_${r.code}`)}`,
  );
  const statuses = PROPOSAL_STATUSES.map(
    (s) => sql`count(*) filter (where p.status = ${sql.lit(s)})::int as ${sql.ref(`s_${s.toLowerCase()}`)}`,
  );
  return sql`count(*)::int as proposals,
    count(*) filter (where p.type = 'PERBAIKAN')::int as perbaikan,
    count(*) filter (where p.type = 'USULAN_BARU')::int as usulan_baru,
    ${sql.join(results)}, ${sql.join(statuses)}`;
}

/** The counts of one row selected with proposalCountColumns() (missing columns count 0). */
export function countsOfRow(row: Record<string, unknown>): ProposalCounts {
  const n = (k: string) => Number(row[k] ?? 0);
  const c = emptyCounts();
  c.proposals = n('proposals');
  c.perbaikan = n('perbaikan');
  c.usulanBaru = n('usulan_baru');
  for (const r of VERVAL_RESULTS) c.result[r.key] = n(`r_${r.code}`);
  for (const s of PROPOSAL_STATUSES) c.status[s] = n(`s_${s.toLowerCase()}`);
  return c;
}

/**
 * Builds the recap from counts per desa: every kecamatan of the district appears (zero rows
 * included, so the letter lists the whole district), desa only when they have proposals.
 */
export function buildRecap(
  kecamatan: readonly { code: string; name: string }[],
  desaNames: ReadonlyMap<string, string>,
  perDesa: readonly { desa: string; counts: ProposalCounts }[],
): ProposalRecap {
  const byKec = new Map(kecamatan.map((k) => [k.code, { code: k.code, name: k.name, counts: emptyCounts() }]));
  const totals = emptyCounts();
  const desa: ProposalRecap['desa'] = [];
  for (const d of [...perDesa].sort((a, b) => (a.desa < b.desa ? -1 : a.desa > b.desa ? 1 : 0))) {
    const kecCode = d.desa.slice(0, 6);
    let kec = byKec.get(kecCode);
    if (!kec) {
      // A region code the district list does not know (should not happen): still counted.
      kec = { code: kecCode, name: kecCode, counts: emptyCounts() };
      byKec.set(kecCode, kec);
    }
    addCounts(kec.counts, d.counts);
    addCounts(totals, d.counts);
    desa.push({ code: d.desa, name: desaNames.get(d.desa) ?? d.desa, kecamatan: kecCode, counts: d.counts });
  }
  return { totals, kecamatan: [...byKec.values()].sort((a, b) => (a.code < b.code ? -1 : 1)), desa };
}
