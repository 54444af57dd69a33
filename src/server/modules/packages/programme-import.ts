// Checking the lines of a BSP or PBI package (siks-format.md §3.2, codes of §3.4) against the
// registry and the programme lists. The line alone is read by shared/api/programme-line.ts (the
// offline app reads it the same way); this adds what needs the database, gathered per batch in a
// few set-based queries. Quota is never checked here: it is checked when a proposal is approved.
//
// Which registry state each id must have (where the format page's generic UNKNOWN_REFERENCE — an
// id the district does not have or that is NONAKTIF — meets the §3.2 rules):
// - the KPM a BSP_GANTI or BSP_NONAKTIF replaces or removes, and the participant a PBI_NONAKTIF
//   removes, only need to be a household/member of the district: a household gone NONAKTIF or a
//   member no longer present (reasons 1 meninggal, 2 pindah) is the very reason of such a line;
//   whether they are on the list is NOT_MEMBER;
// - the household of a BSP_UBAH is an AKTIF household and its `id_pengurus` a present member
//   (else UNKNOWN_REFERENCE);
// - a replacement must be an AKTIF household of the district (else UNKNOWN_REFERENCE) that is not
//   an AKTIF KPM of that programme (else NOT_ELIGIBLE);
// - a proposed participant (PBI_USUL) must be a member of an AKTIF household of the district (else
//   UNKNOWN_REFERENCE), present (sta_keberadaan_art 1 or 4) and not an AKTIF participant (else
//   NOT_ELIGIBLE).
// OUT_OF_SCOPE concerns the household the line is about (BSP `idbdt`, the PBI member's household),
// as for BDT; a replacement may be anywhere in the district.
import {
  BSP_TYPES,
  type BspLine,
  checkProgrammeLine,
  PBI_TYPES,
  householdOf,
  type PbiLine,
  type ProgrammeModule,
} from '../../../shared/api/programme-line.ts';
import { IDARTBDT_RE, IDBDT_RE, isProposalTimestamp, lineIssue as issue } from '../../../shared/api/proposal-line.ts';
import type { Issue } from '../../../shared/rules/index.ts';
import type { JsonObject } from '../../../shared/siks/index.ts';
import type { Db } from '../../platform/db.ts';
import { householdsInHandover, inHandoverIssue } from '../relocations/index.ts';
import * as q from './packages.queries.ts';
import { storedBody } from './packages.validate.ts';

/** What the lines of a batch refer to, as the check needs it. */
export interface ProgrammeContext {
  kab: string;
  scope: readonly string[];
  /** Households named by the batch, by idbdt. */
  households: ReadonlyMap<string, { kode_wilayah: string; status: string }>;
  /** Members named by the batch, by idartbdt. */
  members: ReadonlyMap<string, { sta_keberadaan_art: number | null }>;
  /** `${program}:${idbdt}` of AKTIF KPM. */
  kpm: ReadonlySet<string>;
  /** idartbdt of AKTIF PBI participants. */
  pbi: ReadonlySet<string>;
  /** Households being handed over to another district (F12): no new proposal for them. */
  inHandover?: ReadonlySet<string>;
}

export interface CheckedProgrammeLine {
  status: 'MENUNGGU' | 'GAGAL_VALIDASI';
  errors: Issue[];
  /** The household the line is about (PBI: the member's), when the line names one the registry can hold. */
  idbdt: string | null;
  kodeWilayah: string | null;
}

const PRESENT = [1, 4];
const valid = (v: unknown, re: RegExp): v is string => typeof v === 'string' && re.test(v);

const unknownHousehold = (path: string) =>
  issue(
    path,
    'UNKNOWN_REFERENCE',
    'Rumah tangga ini tidak ada atau tidak aktif di kabupaten/kota ini',
    'This household does not exist or is not active in this district',
  );
const unknownMember = (path: string) =>
  issue(
    path,
    'UNKNOWN_REFERENCE',
    'Anggota rumah tangga ini tidak ada atau tidak aktif di kabupaten/kota ini',
    'This household member does not exist or is not active in this district',
  );

/** Checks one BSP or PBI line against the registry and the programme lists (pure: the context holds what it needs). */
export function checkProgrammeProposal(module: ProgrammeModule, p: JsonObject, ctx: ProgrammeContext): CheckedProgrammeLine {
  const errors = checkProgrammeLine(module, p);
  const inDistrict = (idbdt: string) => ctx.households.get(idbdt)?.kode_wilayah.startsWith(ctx.kab) === true;
  const aktif = (idbdt: string) => inDistrict(idbdt) && ctx.households.get(idbdt)!.status === 'AKTIF';
  const subjectPath = module === 'BSP' ? 'idbdt' : 'idartbdt';
  const subjectValid = module === 'BSP' ? valid(p.idbdt, IDBDT_RE) : valid(p.idartbdt, IDARTBDT_RE);
  const idbdt = subjectValid ? householdOf(module, p as unknown as BspLine | PbiLine) : null;
  const result: CheckedProgrammeLine = { status: 'MENUNGGU', errors, idbdt, kodeWilayah: null };
  if (idbdt && inDistrict(idbdt)) {
    result.kodeWilayah = ctx.households.get(idbdt)!.kode_wilayah;
    if (!ctx.scope.some((s) => result.kodeWilayah!.startsWith(s)))
      errors.push(
        issue(
          subjectPath,
          'OUT_OF_SCOPE',
          'Rumah tangga ini di luar wilayah kerja paket',
          'This household is outside the scope of the package',
        ),
      );
  }
  for (const [path, h] of [
    [subjectPath, idbdt],
    ['replacementIdbdt', p.replacementIdbdt],
  ] as const)
    if (typeof h === 'string' && ctx.inHandover?.has(h)) errors.push(inHandoverIssue(path));
  const type = p.type;
  if (module === 'BSP' && idbdt) {
    const program = p.program;
    const kpmOf = (h: string) => ctx.kpm.has(`${String(program)}:${h}`);
    const removes = type === 'BSP_GANTI' || type === 'BSP_NONAKTIF';
    if (removes ? !inDistrict(idbdt) : !aktif(idbdt)) errors.push(unknownHousehold('idbdt'));
    else if ((removes || type === 'BSP_UBAH') && (program === 'BPNT' || program === 'RASTRA') && !kpmOf(idbdt))
      errors.push(
        issue(
          'idbdt',
          'NOT_MEMBER',
          `Rumah tangga ini bukan KPM ${program} yang aktif`,
          `This household is not an active KPM of ${program}`,
        ),
      );
    const replacement = p.replacementIdbdt;
    if (type === 'BSP_GANTI' && valid(replacement, IDBDT_RE) && replacement !== idbdt) {
      if (!aktif(replacement)) errors.push(unknownHousehold('replacementIdbdt'));
      else if (kpmOf(replacement))
        errors.push(
          issue(
            'replacementIdbdt',
            'NOT_ELIGIBLE',
            `Rumah tangga pengganti sudah menjadi KPM ${String(program)}`,
            `The replacement household is already a KPM of ${String(program)}`,
          ),
        );
    }
    const pengurus = p.id_pengurus;
    if (type === 'BSP_UBAH' && valid(pengurus, IDARTBDT_RE) && pengurus.startsWith(idbdt)) {
      const m = ctx.members.get(pengurus);
      if (!m || !PRESENT.includes(m.sta_keberadaan_art ?? 0)) errors.push(unknownMember('id_pengurus'));
    }
  }
  if (module === 'PBI' && idbdt) {
    const idartbdt = p.idartbdt as string;
    const member = ctx.members.get(idartbdt);
    if (type === 'PBI_NONAKTIF') {
      if (!inDistrict(idbdt) || !member) errors.push(unknownMember('idartbdt'));
      else if (!ctx.pbi.has(idartbdt))
        errors.push(
          issue('idartbdt', 'NOT_MEMBER', 'Anggota ini bukan peserta PBI yang aktif', 'This member is not an active PBI participant'),
        );
    } else if (type === 'PBI_USUL') {
      if (!aktif(idbdt) || !member) errors.push(unknownMember('idartbdt'));
      else if (!PRESENT.includes(member.sta_keberadaan_art ?? 0))
        errors.push(
          issue(
            'idartbdt',
            'NOT_ELIGIBLE',
            'Anggota ini tidak tinggal di rumah tangganya dan tidak dapat diusulkan',
            'This member does not live in the household and cannot be proposed',
          ),
        );
      else if (ctx.pbi.has(idartbdt))
        errors.push(issue('idartbdt', 'NOT_ELIGIBLE', 'Anggota ini sudah menjadi peserta PBI', 'This member is already a PBI participant'));
    }
  }
  result.status = errors.length ? 'GAGAL_VALIDASI' : 'MENUNGGU';
  return result;
}

/** Reads, with one query per table, what the lines of a batch refer to. */
async function loadContext(db: Db, kab: string, scope: readonly string[], lines: readonly JsonObject[]): Promise<ProgrammeContext> {
  const households = new Set<string>();
  const members = new Set<string>();
  for (const p of lines) {
    for (const v of [p.idbdt, p.replacementIdbdt]) if (valid(v, IDBDT_RE)) households.add(v);
    for (const v of [p.idartbdt, p.id_pengurus])
      if (valid(v, IDARTBDT_RE)) {
        members.add(v);
        households.add(v.slice(0, 16));
      }
  }
  const [hs, ms, kpm, pbi, inHandover] = await Promise.all([
    q.findHouseholdStates(db, kab, [...households]),
    q.findMemberPresence(db, kab, [...members]),
    q.findActiveKpm(db, kab, [...households]),
    q.findActivePbi(db, kab, [...members]),
    householdsInHandover(db, kab, [...households]),
  ]);
  return {
    kab,
    scope,
    households: new Map(hs.map((h) => [h.idbdt, h])),
    members: new Map(ms.map((m) => [m.idartbdt, m])),
    kpm: new Set(kpm.map((k) => `${k.program}:${k.idbdt}`)),
    pbi: new Set(pbi.map((m) => m.idartbdt)),
    inHandover,
  };
}

/** Checks a batch of BSP or PBI lines with a handful of set-based queries; returns staging rows. */
export async function checkProgrammeBatch(
  db: Db,
  job: q.ClaimedJob,
  header: { module: ProgrammeModule },
  batch: readonly { line: number; p: JsonObject }[],
  base: { kab: string; scope: readonly string[] },
  seen: Set<string>,
): Promise<unknown[][]> {
  const known = await q.findKnownProposalIds(
    db,
    base.kab,
    batch.map((b) => String(b.p.proposalId)),
  );
  const ctx = await loadContext(
    db,
    base.kab,
    base.scope,
    batch.map((b) => b.p),
  );
  const module = header.module;
  const types: readonly string[] = module === 'BSP' ? BSP_TYPES : PBI_TYPES;
  const stagedAt = new Date().toISOString();
  return batch.map(({ line, p }) => {
    const id = String(p.proposalId);
    if (known.has(id) || seen.has(id)) return q.duplicateRow(job, line, id);
    seen.add(id);
    const c = checkProgrammeProposal(module, p, ctx);
    // The columns receive only values they can hold (their checks mirror the line's); a failed
    // line keeps what it said in `body`, and a placeholder where a column cannot be empty.
    const reason = Number.isInteger(p.reason) && (p.reason as number) >= 1 && (p.reason as number) <= 6 ? (p.reason as number) : null;
    const program = module === 'PBI' ? 'PBI' : p.program === 'RASTRA' ? 'RASTRA' : 'BPNT';
    const idartbdt = module === 'PBI' ? (valid(p.idartbdt, IDARTBDT_RE) ? p.idartbdt : '0'.repeat(18)) : null;
    return q.stagingRow(
      job,
      line,
      {
        id,
        kode_wilayah: c.kodeWilayah ?? job.kab_kota,
        type: types.includes(p.type as string) ? (p.type as string) : types[0]!,
        idbdt: idartbdt ? idartbdt.slice(0, 16) : (c.idbdt ?? '0'.repeat(16)),
        program,
        idartbdt,
        replacement_idbdt: p.type === 'BSP_GANTI' && valid(p.replacementIdbdt, IDBDT_RE) ? p.replacementIdbdt : null,
        reason_code: reason,
        body: storedBody(p),
        status: c.status,
        errors: c.errors,
        proposal_created_at: isProposalTimestamp(p.createdAt) ? p.createdAt : '',
      },
      stagedAt,
    );
  });
}
