// O6: the programme lists of the scope (KPM of BPNT/RASTRA, PBI participants, from the release's
// kpm.ndjson and pbi.ndjson) and the BSP/PBI proposals an operator makes about them. Pure: the
// import stores what scopeProgrammes returns; the forms build lines with buildBspLine/buildPbiLine
// and show programmeIssues, which is the format's own reading (shared/api/programme-line.ts) plus
// the eligibility rules of siks-format.md §3.2 against the data of this installation.

import {
  type BspLine,
  type BspType,
  type KpmProgram,
  KPM_PROGRAMS,
  type PbiLine,
  type PbiType,
  type ProgrammeModule,
  type RemovalReason,
  checkProgrammeLine,
} from '../../shared/api/programme-line.ts';
import { isPresentMember } from '../../shared/dictionary/index.ts';
import type { Message } from '../../shared/rules/index.ts';
import type { DecisionCode } from './model.ts';
import type { BaseRecord, Rec } from './proposals.ts';
import { idList, inIdList } from './release.ts';
import type { UiIssue } from './validate.ts';

export type ProgrammeJson = BspLine | PbiLine;
export type ProgrammeType = ProgrammeJson['type'];
export type Module = 'BDT' | ProgrammeModule;

/** A row of kpm.ndjson (siks-format.md 3.1). */
export interface KpmRow {
  program: KpmProgram;
  idbdt: string;
  id_pengurus: string | null;
  no_kks: string | null;
  no_rekening: string | null;
  status: 'AKTIF' | 'NONAKTIF';
}

/** A row of pbi.ndjson, with the idbdt of the member's household (the store's index). */
export interface PbiRow {
  idartbdt: string;
  idbdt: string;
  no_kartu: string | null;
  status: 'AKTIF' | 'NONAKTIF';
}

/** What the app holds in memory about the programmes of its scope (META.programmes). */
export interface ProgrammeLists {
  /** release.json `quota`. */
  quota: { BPNT: number; RASTRA: number; PBI: number };
  /** AKTIF KPM households of the scope per programme (release.ts idList, 16 digits). */
  kpm: Record<KpmProgram, string>;
  /** AKTIF PBI participants of the scope (idList, 18 digits). */
  pbi: string;
  /** Rows stored (AKTIF and NONAKTIF). */
  counts: { kpm: number; pbi: number };
}

type Json = Record<string, unknown>;
const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
const status = (v: unknown): 'AKTIF' | 'NONAKTIF' => (v === 'NONAKTIF' ? 'NONAKTIF' : 'AKTIF');

/**
 * The programme rows of the scope (households and members stored by this installation) and the
 * compact lists of the AKTIF ones. Rows of other households stay out, like their records.
 */
export function scopeProgrammes(
  rows: { kpm: readonly Json[]; pbi: readonly Json[] },
  households: ReadonlySet<string>,
  memberHousehold: ReadonlyMap<string, string>,
  quota: ProgrammeLists['quota'],
): { kpm: KpmRow[]; pbi: PbiRow[]; lists: ProgrammeLists } {
  const kpm: KpmRow[] = [];
  for (const r of rows.kpm) {
    const program = (KPM_PROGRAMS as readonly unknown[]).includes(r.program) ? (r.program as KpmProgram) : undefined;
    if (!program || typeof r.idbdt !== 'string' || !households.has(r.idbdt)) continue;
    kpm.push({
      program,
      idbdt: r.idbdt,
      id_pengurus: strOrNull(r.id_pengurus),
      no_kks: strOrNull(r.no_kks),
      no_rekening: strOrNull(r.no_rekening),
      status: status(r.status),
    });
  }
  const pbi: PbiRow[] = [];
  for (const r of rows.pbi) {
    const idbdt = typeof r.idartbdt === 'string' ? memberHousehold.get(r.idartbdt) : undefined;
    if (!idbdt) continue;
    pbi.push({ idartbdt: r.idartbdt as string, idbdt, no_kartu: strOrNull(r.no_kartu), status: status(r.status) });
  }
  const aktifKpm = (program: KpmProgram) =>
    idList(
      kpm.filter((r) => r.program === program && r.status === 'AKTIF').map((r) => r.idbdt),
      16,
    );
  return {
    kpm,
    pbi,
    lists: {
      quota: { ...quota },
      kpm: { BPNT: aktifKpm('BPNT'), RASTRA: aktifKpm('RASTRA') },
      pbi: idList(
        pbi.filter((r) => r.status === 'AKTIF').map((r) => r.idartbdt),
        18,
      ),
      counts: { kpm: kpm.length, pbi: pbi.length },
    },
  };
}

/** Whether a household of the scope is an AKTIF KPM of the programme. */
export function isKpm(lists: ProgrammeLists, program: KpmProgram, idbdt: string): boolean {
  return inIdList(lists.kpm[program], idbdt, 16);
}

/** Whether a member of the scope is an AKTIF PBI participant. */
export function isPbi(lists: ProgrammeLists, idartbdt: string): boolean {
  return inIdList(lists.pbi, idartbdt, 18);
}

/** The package module of a proposal type. */
export function moduleOf(type: string): Module {
  return type.startsWith('BSP_') ? 'BSP' : type.startsWith('PBI_') ? 'PBI' : 'BDT';
}

/** The subject of a programme proposal: one proposal at a time per KPM (programme and household) or per member. */
export function programmeSubject(line: ProgrammeJson): string {
  return 'program' in line ? `BSP:${line.program}:${line.idbdt}` : `PBI:${line.idartbdt}`;
}

/** Where a programme subject is edited: #/program/<idbdt>/BSP/<program> or #/program/<idbdt>/PBI/<idartbdt>. */
export function programmeHref(subject: string): string | undefined {
  const bsp = /^BSP:(BPNT|RASTRA):([0-9]{16})$/.exec(subject);
  if (bsp) return `#/program/${bsp[2]}/BSP/${bsp[1]}`;
  const pbi = /^PBI:([0-9]{18})$/.exec(subject);
  return pbi ? `#/program/${pbi[1]!.slice(0, 16)}/PBI/${pbi[1]}` : undefined;
}

/** The line of a programme proposal, or undefined for a BDT one. */
export function programmeLineOf(json: { type: string }): ProgrammeJson | undefined {
  return moduleOf(json.type) === 'BDT' ? undefined : (json as ProgrammeJson);
}

/** The household a programme proposal is about. */
export function programmeHousehold(line: ProgrammeJson): string {
  return 'program' in line ? line.idbdt : line.idartbdt.slice(0, 16);
}

// ---- Forms and lines ----

/** What the BSP form holds (text as typed). */
export interface BspForm {
  type: BspType;
  program: KpmProgram;
  idbdt: string;
  replacementIdbdt: string;
  reason: number | null;
  note: string;
  id_pengurus: string;
  no_kks: string;
  no_rekening: string;
}

export interface PbiForm {
  type: PbiType;
  idartbdt: string;
  reason: number | null;
  note: string;
}

const blank = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

/** The BSP form of a KPM: the draft's line when there is one, else a replacement, with the KPM's current account data. */
export function bspFormFrom(kpm: KpmRow, line?: BspLine | null): BspForm {
  return {
    type: line?.type ?? 'BSP_GANTI',
    program: kpm.program,
    idbdt: kpm.idbdt,
    replacementIdbdt: line?.replacementIdbdt ?? '',
    reason: line?.reason ?? null,
    note: line?.note ?? '',
    id_pengurus: line?.id_pengurus ?? kpm.id_pengurus ?? '',
    no_kks: line?.no_kks ?? kpm.no_kks ?? '',
    no_rekening: line?.no_rekening ?? kpm.no_rekening ?? '',
  };
}

/** The PBI form of a member: NONAKTIF for a participant, USUL for anyone else. */
export function pbiFormFrom(idartbdt: string, participant: boolean, line?: PbiLine | null): PbiForm {
  return {
    type: line?.type ?? (participant ? 'PBI_NONAKTIF' : 'PBI_USUL'),
    idartbdt,
    reason: line?.reason ?? null,
    note: line?.note ?? '',
  };
}

/**
 * A BSP line (siks-format.md 3.2): every key present, null where it does not apply. A BSP_UBAH
 * carries only the account values that differ from the KPM's current ones.
 */
export function buildBspLine(form: BspForm, kpm: KpmRow | undefined, meta: { proposalId: string; createdAt: string }): BspLine {
  const changed = (v: string, current: string | null | undefined) => {
    const b = blank(v);
    return b !== null && b !== (current ?? null) ? b : null;
  };
  const ubah = form.type === 'BSP_UBAH';
  return {
    proposalId: meta.proposalId,
    type: form.type,
    program: form.program,
    idbdt: form.idbdt,
    replacementIdbdt: form.type === 'BSP_GANTI' ? blank(form.replacementIdbdt) : null,
    reason: ubah ? null : (form.reason as RemovalReason | null),
    note: form.note.trim(),
    createdAt: meta.createdAt,
    id_pengurus: ubah ? changed(form.id_pengurus, kpm?.id_pengurus) : null,
    no_kks: ubah ? changed(form.no_kks, kpm?.no_kks) : null,
    no_rekening: ubah ? changed(form.no_rekening, kpm?.no_rekening) : null,
  };
}

/** A PBI line: every key present, `reason` null for a PBI_USUL. */
export function buildPbiLine(form: PbiForm, meta: { proposalId: string; createdAt: string }): PbiLine {
  return {
    proposalId: meta.proposalId,
    type: form.type,
    idartbdt: form.idartbdt,
    reason: form.type === 'PBI_NONAKTIF' ? (form.reason as RemovalReason | null) : null,
    note: form.note.trim(),
    createdAt: meta.createdAt,
  };
}

// ---- Eligibility ----

/** What the eligibility rules read from the installation. */
export interface ProgrammeContext {
  lists: ProgrammeLists;
  /** The household the line is about, with its members (release). */
  base: BaseRecord;
  /** A household of the scope (its status), undefined outside the scope. */
  scopeHousehold: (idbdt: string) => { aktif: boolean } | undefined;
  /** Whether an idbdt is an AKTIF household of the district (the release's AKTIF list). */
  isAktifInDistrict: (idbdt: string) => boolean;
  /** Replacement households already named by other proposals of this installation, per programme. */
  takenReplacements?: (program: KpmProgram) => ReadonlySet<string>;
}

const found = (path: string, code: string, message: Message): UiIssue => ({ path, code, level: 'error', message });

function bspEligibility(line: BspLine, ctx: ProgrammeContext, out: UiIssue[]): void {
  const { lists } = ctx;
  if (!isKpm(lists, line.program, line.idbdt))
    out.push(
      found('idbdt', 'NOT_MEMBER', {
        id: `Rumah tangga ini bukan KPM ${line.program} yang AKTIF`,
        en: `This household is not an AKTIF KPM of ${line.program}`,
      }),
    );
  const rep = line.replacementIdbdt;
  if (line.type === 'BSP_GANTI' && rep !== null && rep !== line.idbdt) {
    const hh = ctx.scopeHousehold(rep);
    if (!hh)
      out.push(
        ctx.isAktifInDistrict(rep)
          ? found('replacementIdbdt', 'OUT_OF_SCOPE', {
              id: 'Rumah tangga pengganti harus berada di wilayah kerja perangkat ini',
              en: 'The replacement household must lie in the area of this device',
            })
          : found('replacementIdbdt', 'UNKNOWN_REFERENCE', {
              id: 'Rumah tangga pengganti tidak ada atau tidak AKTIF di kabupaten/kota ini',
              en: 'The replacement household does not exist or is not AKTIF in this district',
            }),
      );
    else if (!hh.aktif)
      out.push(
        found('replacementIdbdt', 'NOT_ELIGIBLE', {
          id: 'Rumah tangga pengganti berstatus NONAKTIF',
          en: 'The replacement household is NONAKTIF',
        }),
      );
    else if (isKpm(lists, line.program, rep))
      out.push(
        found('replacementIdbdt', 'NOT_ELIGIBLE', {
          id: `Rumah tangga pengganti sudah menjadi KPM ${line.program}`,
          en: `The replacement household is already a KPM of ${line.program}`,
        }),
      );
    else if (ctx.takenReplacements?.(line.program).has(rep))
      out.push(
        found('replacementIdbdt', 'NOT_ELIGIBLE', {
          id: 'Rumah tangga pengganti sudah diusulkan dalam usulan penggantian lain',
          en: 'The replacement household is already proposed in another replacement',
        }),
      );
  }
  // A change of pengurus or accounts is for a household still in the registry (the importer's reading).
  if (line.type === 'BSP_UBAH' && ctx.base.household.status === 'NONAKTIF')
    out.push(
      found('idbdt', 'UNKNOWN_REFERENCE', {
        id: 'Rumah tangga ini berstatus NONAKTIF: pengurus dan rekening tidak dapat diubah',
        en: 'This household is NONAKTIF: its caretaker and accounts cannot be changed',
      }),
    );
  if (line.type === 'BSP_UBAH' && line.id_pengurus !== null && line.id_pengurus.startsWith(line.idbdt)) {
    const m = ctx.base.members.find((x) => x.idartbdt === line.id_pengurus);
    if (!m)
      out.push(
        found('id_pengurus', 'UNKNOWN_REFERENCE', {
          id: 'Pengurus bukan anggota rumah tangga ini',
          en: 'The caretaker is not a member of this household',
        }),
      );
    else if (!isPresentMember(m))
      out.push(
        found('id_pengurus', 'NOT_ELIGIBLE', {
          id: 'Pengurus harus anggota yang masih tinggal di rumah tangga ini',
          en: 'The caretaker must be a member still living in this household',
        }),
      );
  }
}

function pbiEligibility(line: PbiLine, ctx: ProgrammeContext, out: UiIssue[]): void {
  const participant = isPbi(ctx.lists, line.idartbdt);
  if (line.type === 'PBI_NONAKTIF') {
    if (!participant)
      out.push(
        found('idartbdt', 'NOT_MEMBER', {
          id: 'Anggota ini bukan peserta PBI yang AKTIF',
          en: 'This member is not an AKTIF PBI participant',
        }),
      );
    return;
  }
  const m: Rec | undefined = ctx.base.members.find((x) => x.idartbdt === line.idartbdt);
  let message: Message | undefined;
  let code = 'NOT_ELIGIBLE';
  if (!m) {
    code = 'UNKNOWN_REFERENCE';
    message = { id: 'Anggota tidak ada di rumah tangga ini', en: 'No such member in this household' };
  } else if (ctx.base.household.status === 'NONAKTIF')
    message = { id: 'Rumah tangga anggota ini berstatus NONAKTIF', en: "The member's household is NONAKTIF" };
  else if (!isPresentMember(m))
    message = { id: 'Anggota tidak lagi tinggal di rumah tangga ini', en: 'The member no longer lives in this household' };
  else if (participant) message = { id: 'Anggota ini sudah peserta PBI', en: 'This member is already a PBI participant' };
  if (message) out.push(found('idartbdt', code, message));
}

/**
 * Findings on a BSP or PBI line as the operator fills the form in: the format's own reading
 * (checkProgrammeLine), then the eligibility rules against the release data of this installation
 * (an AKTIF KPM or participant to change, an eligible replacement or new participant, a present
 * pengurus), each at the path of its key.
 */
export function programmeIssues(module: ProgrammeModule, line: ProgrammeJson, ctx: ProgrammeContext): UiIssue[] {
  const out: UiIssue[] = checkProgrammeLine(module, line);
  const reported = new Set(out.map((i) => i.path));
  const more: UiIssue[] = [];
  if (module === 'BSP') bspEligibility(line as BspLine, ctx, more);
  else pbiEligibility(line as PbiLine, ctx, more);
  for (const i of more) if (!reported.has(i.path)) out.push(i);
  return out;
}

/** Decisions after which a proposed replacement is free again. */
const RELEASING: ReadonlySet<DecisionCode> = new Set(['DITOLAK', 'PERLU_PERBAIKAN', 'GAGAL_VALIDASI', 'DUPLIKAT']);

/**
 * Replacement households that the latest proposal of another subject names (a draft, or exported
 * and not refused): a household replaces one KPM at most.
 */
export function replacementsTaken(
  proposals: readonly { subject: string; seq: number; json: unknown; feedback: { decision: DecisionCode } | null }[],
  program: KpmProgram,
  exceptSubject: string,
): Set<string> {
  const latest = new Map<string, (typeof proposals)[number]>();
  for (const p of proposals) if ((latest.get(p.subject)?.seq ?? -1) < p.seq) latest.set(p.subject, p);
  const out = new Set<string>();
  for (const p of latest.values()) {
    const j = p.json as Partial<BspLine>;
    if (p.subject === exceptSubject || j.type !== 'BSP_GANTI' || j.program !== program || !j.replacementIdbdt) continue;
    if (p.feedback && RELEASING.has(p.feedback.decision)) continue;
    out.add(j.replacementIdbdt);
  }
  return out;
}
