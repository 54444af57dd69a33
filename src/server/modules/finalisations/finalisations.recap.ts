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
export const approvedOf = (c: Pick<ProposalCounts, 'status'>) => c.status.DISETUJUI + c.status.SEBAGIAN;

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

/** How counts of one kind are made and added: the BDT proposal counts, or the programme list changes. */
interface CountsKind<C> {
  empty(): C;
  add(a: C, b: C): C;
}

/** A recap of any kind of counts: totals, every kecamatan of the district, the desa with proposals. */
export interface AreaRecap<C> {
  totals: C;
  kecamatan: { code: string; name: string; counts: C }[];
  desa: { code: string; name: string; kecamatan: string; counts: C }[];
}

function buildAreaRecap<C>(
  kind: CountsKind<C>,
  kecamatan: readonly { code: string; name: string }[],
  desaNames: ReadonlyMap<string, string>,
  perDesa: readonly { desa: string; counts: C }[],
): AreaRecap<C> {
  const byKec = new Map(kecamatan.map((k) => [k.code, { code: k.code, name: k.name, counts: kind.empty() }]));
  const totals = kind.empty();
  const desa: AreaRecap<C>['desa'] = [];
  for (const d of [...perDesa].sort((a, b) => (a.desa < b.desa ? -1 : a.desa > b.desa ? 1 : 0))) {
    const kecCode = d.desa.slice(0, 6);
    let kec = byKec.get(kecCode);
    if (!kec) {
      // A region code the district list does not know (should not happen): still counted.
      kec = { code: kecCode, name: kecCode, counts: kind.empty() };
      byKec.set(kecCode, kec);
    }
    kind.add(kec.counts, d.counts);
    kind.add(totals, d.counts);
    desa.push({ code: d.desa, name: desaNames.get(d.desa) ?? d.desa, kecamatan: kecCode, counts: d.counts });
  }
  return { totals, kecamatan: [...byKec.values()].sort((a, b) => (a.code < b.code ? -1 : 1)), desa };
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
  return buildAreaRecap({ empty: emptyCounts, add: addCounts }, kecamatan, desaNames, perDesa);
}

// ---- BSP and PBI: the list changes ------------------------------------------------------------

/** The programmes of a finalisation module (BSP: BPNT and RASTRA; PBI: PBI). */
export const MODULE_PROGRAMS = { BSP: ['BPNT', 'RASTRA'], PBI: ['PBI'] } as const;
export type ProgrammeModule = keyof typeof MODULE_PROGRAMS;
export type ProgrammeName = (typeof MODULE_PROGRAMS)[ProgrammeModule][number];

/**
 * Counts of BSP or PBI proposals as changes of the list. Of the approved ones: `masuk` enters the
 * list (the replacement of a BSP_GANTI, a PBI_USUL), `keluar` leaves it without a replacement
 * (BSP_NONAKTIF, PBI_NONAKTIF), `diganti` leaves it replaced (BSP_GANTI), `ubahData` changes its
 * pengurus or KKS/account numbers (BSP_UBAH). `status` counts all proposals by status.
 */
export interface ProgrammeCounts {
  proposals: number;
  masuk: number;
  keluar: number;
  diganti: number;
  ubahData: number;
  status: Record<ProposalStatusName, number>;
}

/** The recap of a programme finalisation, with the quota and the AKTIF count of each programme at finalisation. */
export interface ProgrammeRecap extends AreaRecap<ProgrammeCounts> {
  programs: { program: ProgrammeName; counts: ProgrammeCounts; active: number; quota: number | null }[];
}

const CHANGE_KEYS = ['masuk', 'keluar', 'diganti', 'ubahData'] as const;

/** Zero programme counts. */
export function emptyProgrammeCounts(): ProgrammeCounts {
  return {
    proposals: 0,
    masuk: 0,
    keluar: 0,
    diganti: 0,
    ubahData: 0,
    status: Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, 0])) as Record<ProposalStatusName, number>,
  };
}

function addProgrammeCounts(a: ProgrammeCounts, b: ProgrammeCounts): ProgrammeCounts {
  a.proposals += b.proposals;
  for (const k of CHANGE_KEYS) a[k] += b[k];
  for (const s of PROPOSAL_STATUSES) a.status[s] += b.status[s];
  return a;
}

const PROGRAMME_KIND: CountsKind<ProgrammeCounts> = { empty: emptyProgrammeCounts, add: addProgrammeCounts };

/** The SELECT list that counts programme proposals of alias `p` per group; read a row back with programmeCountsOfRow(). */
export function programmeCountColumns(): RawBuilder<unknown> {
  const statuses = PROPOSAL_STATUSES.map(
    (s) => sql`count(*) filter (where p.status = ${sql.lit(s)})::int as ${sql.ref(`s_${s.toLowerCase()}`)}`,
  );
  const approved = sql`p.status in ('DISETUJUI', 'SEBAGIAN')`;
  return sql`count(*)::int as proposals,
    count(*) filter (where ${approved} and p.type in ('BSP_GANTI', 'PBI_USUL'))::int as masuk,
    count(*) filter (where ${approved} and p.type in ('BSP_NONAKTIF', 'PBI_NONAKTIF'))::int as keluar,
    count(*) filter (where ${approved} and p.type = 'BSP_GANTI')::int as diganti,
    count(*) filter (where ${approved} and p.type = 'BSP_UBAH')::int as ubah_data,
    ${sql.join(statuses)}`;
}

/** The counts of one row selected with programmeCountColumns(). */
export function programmeCountsOfRow(row: Record<string, unknown>): ProgrammeCounts {
  const n = (k: string) => Number(row[k] ?? 0);
  const c = emptyProgrammeCounts();
  c.proposals = n('proposals');
  for (const k of CHANGE_KEYS) c[k] = n(k === 'ubahData' ? 'ubah_data' : k);
  for (const s of PROPOSAL_STATUSES) c.status[s] = n(`s_${s.toLowerCase()}`);
  return c;
}

/**
 * Builds a programme recap from counts per desa and programme: areas as buildRecap, and per
 * programme of the module its counts with the AKTIF count and quota given.
 */
export function buildProgrammeRecap(
  module: ProgrammeModule,
  kecamatan: readonly { code: string; name: string }[],
  desaNames: ReadonlyMap<string, string>,
  perDesa: readonly { desa: string; program: string; counts: ProgrammeCounts }[],
  lists: { active: Readonly<Record<string, number>>; quota: Readonly<Record<string, number | null>> },
): ProgrammeRecap {
  const byDesa = new Map<string, ProgrammeCounts>();
  for (const d of perDesa) addProgrammeCounts(byDesa.get(d.desa) ?? byDesa.set(d.desa, emptyProgrammeCounts()).get(d.desa)!, d.counts);
  const areas = buildAreaRecap(
    PROGRAMME_KIND,
    kecamatan,
    desaNames,
    [...byDesa].map(([desa, counts]) => ({ desa, counts })),
  );
  const programs = MODULE_PROGRAMS[module].map((program) => ({
    program,
    counts: perDesa.filter((d) => d.program === program).reduce((a, d) => addProgrammeCounts(a, d.counts), emptyProgrammeCounts()),
    active: lists.active[program] ?? 0,
    quota: lists.quota[program] ?? null,
  }));
  return { ...areas, programs };
}
