// Checking one BDT proposal of a package against the dictionary and the registry
// (siks-format.md sections 3.2, 3.4 and 4.3). Pure: the importer gathers what the proposals of a
// batch refer to in a few set-based queries and passes it in here.
import {
  baseVersionOf,
  checkProposalLine,
  IDARTBDT_RE,
  IDBDT_RE,
  isProposalDate,
  isProposalTimestamp,
  showUnprintable,
} from '../../../shared/api/proposal-line.ts';
import { findUnprintable } from '../../../shared/api/common.ts';
import { vervalResults } from '../../../shared/dictionary/index.ts';
import {
  deriveHouseholdFields,
  makeIssue,
  validateHouseholdRecord,
  type Issue,
  type Message,
  type RecordValidationOptions,
  type ValidationResult,
} from '../../../shared/rules/index.ts';
import { UUID_V4_RE, type JsonObject } from '../../../shared/siks/index.ts';
import { inHandoverIssue } from '../relocations/index.ts';

export type Row = Record<string, unknown>;

/** A household of the registry as the check needs it. */
export interface CurrentHousehold {
  row: Row & { idbdt: string; kode_wilayah: string; version: number; status: string };
  members: (Row & { idartbdt: string; version: number })[];
}

export interface CheckContext {
  kab: string;
  /** The package's scope: kecamatan (6) or desa (10) codes. */
  scope: readonly string[];
  /** Desa of the district inside the scope (R8 for usulan baru). */
  allowedDesa: ReadonlySet<string>;
  /** Households referred to by the batch (targets, duplicateOf, mergeInto), by idbdt. */
  households: ReadonlyMap<string, CurrentHousehold>;
  /** NIK → idbdt of AKTIF households where a present member holds it (R5). */
  nikHolders: ReadonlyMap<string, ReadonlySet<string>>;
  /** idbdt → changes in the registry after some version: { version, field, idartbdt }. */
  history: ReadonlyMap<string, readonly { version: number; field: string; idartbdt: string | null }[]>;
  /** Households being handed over to another district (F12): no new proposal for them. */
  inHandover?: ReadonlySet<string>;
}

export interface CheckedProposal {
  proposalId: string;
  type: 'PERBAIKAN' | 'USULAN_BARU';
  status: 'MENUNGGU' | 'GAGAL_VALIDASI';
  errors: Issue[];
  warnings: Issue[];
  conflict: boolean;
  conflictChanges: { fields: string[]; members: string[] } | null;
  idbdt: string | null;
  kodeWilayah: string;
  baseVersion: number | null;
  verval: {
    result: number | null;
    duplicateOf: string | null;
    mergeInto: string | null;
    visitedAt: string | null;
    musdesAt: string | null;
  } | null;
  createdAt: string;
  /**
   * The line as stored: the line itself, or — when it holds text the printable-text rule refuses,
   * which made it GAGAL_VALIDASI with a TYPE finding at each such path — a copy with those
   * characters shown as U+FFFD, since the database cannot hold them (jsonb refuses both).
   */
  body: JsonObject;
}

// A JSON value with every string and key passed through showUnprintable.
function storable(v: unknown): unknown {
  if (typeof v === 'string') return showUnprintable(v);
  if (Array.isArray(v)) return v.map(storable);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [showUnprintable(k), storable(x)]));
  return v;
}

/** A line as the database can hold it: itself, or a copy with refused characters shown as U+FFFD (jsonb refuses them). */
export function storedBody(p: JsonObject): JsonObject {
  return findUnprintable(p, 1).length > 0 ? (storable(p) as JsonObject) : p;
}

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const issue = (path: string, code: string, id: string, en: string): Issue => makeIssue(path, code, { id, en } satisfies Message);

// The key of a finding that survives re-indexing: errors the current record already had are
// matched by member id (or household) + field path + code, not by position.
function keyOf(i: Issue, memberIds: readonly (string | null)[]): string {
  const m = /^members\[(\d+)\](.*)$/.exec(i.path);
  return m ? `${memberIds[Number(m[1])] ?? 'new'}${m[2]}|${i.code}` : `${i.path}|${i.code}`;
}

/** Checks one proposal line; the outcome decides MENUNGGU or GAGAL_VALIDASI (section 4.3). */
export function checkProposal(p: JsonObject, ctx: CheckContext): CheckedProposal {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  errors.push(...checkProposalLine(p));
  const type = p.type === 'USULAN_BARU' ? 'USULAN_BARU' : 'PERBAIKAN';
  const verval = isObject(p.verval) ? p.verval : null;
  // What is stored is only what the line's checks accepted (a column never receives a value it
  // cannot hold); the household is still looked up by whatever string the line gave.
  const idbdtGiven = type === 'PERBAIKAN' && typeof p.idbdt === 'string' ? p.idbdt : null;
  const reference = (v: unknown) => (typeof v === 'string' && IDBDT_RE.test(v) ? v : null);
  const result: CheckedProposal = {
    proposalId: String(p.proposalId),
    type,
    status: 'MENUNGGU',
    errors,
    warnings,
    conflict: false,
    conflictChanges: null,
    idbdt: reference(idbdtGiven),
    kodeWilayah: '',
    baseVersion: baseVersionOf(p.baseVersion),
    verval: verval && {
      result: Number.isInteger(verval.result) && vervalResults[verval.result as number] ? (verval.result as number) : null,
      duplicateOf: reference(verval.duplicateOf),
      mergeInto: reference(verval.mergeInto),
      visitedAt: isProposalDate(verval.visitedAt) ? verval.visitedAt : null,
      musdesAt: isProposalDate(verval.musdesAt) ? verval.musdesAt : null,
    },
    createdAt: isProposalTimestamp(p.createdAt) ? p.createdAt : '',
    body: storedBody(p),
  };
  const household = isObject(p.household) ? p.household : {};
  const members = (Array.isArray(p.members) ? p.members : []).filter(isObject);

  if (type === 'USULAN_BARU') {
    result.kodeWilayah = typeof household.kode_wilayah === 'string' ? household.kode_wilayah : ctx.kab;
    if (errors.length === 0) {
      const adds = members.map((m) => ({ ...(m.fields as Row) }));
      const record = { household: { ...household, ...deriveHouseholdFields(adds) }, members: adds };
      const nikElsewhere = (nik: string) => (ctx.nikHolders.get(nik)?.size ?? 0) > 0;
      const checkDate = result.createdAt.slice(0, 10);
      const v = validateHouseholdRecord(record, {
        checkDate,
        isNew: true,
        allowedDesa: ctx.allowedDesa,
        nikHeldElsewhere: nikElsewhere,
      });
      errors.push(...v.errors);
      warnings.push(...v.warnings);
    }
    result.status = errors.length ? 'GAGAL_VALIDASI' : 'MENUNGGU';
    return result;
  }

  const current = idbdtGiven ? ctx.households.get(idbdtGiven) : undefined;
  if (idbdtGiven && (current?.row.status !== 'AKTIF' || !current.row.kode_wilayah.startsWith(ctx.kab))) {
    errors.push(
      issue(
        'idbdt',
        'UNKNOWN_REFERENCE',
        'Rumah tangga ini tidak ada atau tidak aktif di kabupaten/kota ini',
        'This household does not exist or is not active in this district',
      ),
    );
  }
  if (idbdtGiven && ctx.inHandover?.has(idbdtGiven)) errors.push(inHandoverIssue('idbdt'));
  result.kodeWilayah = current?.row.kode_wilayah ?? ctx.kab;
  if (current && !ctx.scope.some((s) => current.row.kode_wilayah.startsWith(s))) {
    errors.push(
      issue('idbdt', 'OUT_OF_SCOPE', 'Rumah tangga ini di luar wilayah kerja paket', 'This household is outside the scope of the package'),
    );
  }
  for (const key of ['duplicateOf', 'mergeInto'] as const) {
    const ref = result.verval?.[key];
    // Malformed and self references were reported by the line check.
    if (!ref || ref === result.idbdt) continue;
    const target = ctx.households.get(ref);
    if (target?.row.status !== 'AKTIF' || !target.row.kode_wilayah.startsWith(ctx.kab)) errors.push(referenceNotActiveIssue(key));
  }
  if (current && result.baseVersion !== null) {
    if (result.baseVersion > current.row.version) {
      errors.push(
        issue(
          'baseVersion',
          'STALE_VERSION',
          'Versi dasar tidak sesuai dengan data rilis',
          'The base version does not match the released data',
        ),
      );
    } else if (result.baseVersion < current.row.version) {
      const changes = (ctx.history.get(current.row.idbdt) ?? []).filter((h) => h.version > result.baseVersion!);
      result.conflict = true;
      result.conflictChanges = {
        fields: [...new Set(changes.filter((c) => !c.idartbdt).map((c) => c.field))].sort(),
        members: [...new Set(changes.filter((c) => c.idartbdt).map((c) => c.idartbdt!))].sort(),
      };
    }
  }
  const byId = new Map((current?.members ?? []).map((m) => [m.idartbdt, m]));
  members.forEach((m, i) => {
    if (m.op !== 'update' || typeof m.idartbdt !== 'string' || !current) return;
    // A member id of another household was reported by the line check.
    if (IDARTBDT_RE.test(m.idartbdt) && !m.idartbdt.startsWith(current.row.idbdt)) return;
    const existing = byId.get(m.idartbdt);
    const memberBase = baseVersionOf(m.baseVersion);
    if (!existing)
      errors.push(
        issue(
          `members[${i}].idartbdt`,
          'UNKNOWN_REFERENCE',
          'Anggota ini tidak terdaftar di rumah tangga tersebut',
          'This member is not registered in that household',
        ),
      );
    else if (memberBase !== null && memberBase > existing.version) {
      errors.push(
        issue(
          `members[${i}].baseVersion`,
          'STALE_VERSION',
          'Versi dasar anggota tidak sesuai dengan data rilis',
          'The member base version does not match the released data',
        ),
      );
    }
  });

  if (errors.length === 0 && current && result.verval?.visitedAt) {
    // The merged record: the current household and members with the proposed changes applied.
    // It fails only on errors it introduces; errors the current record already had are warnings.
    const merged = mergeRecord(current, household, members);
    const currentRecord = { household: current.row, members: current.members };
    const mergedIds = merged.memberIds;
    const currentIds = current.members.map((m) => m.idartbdt);
    const nikElsewhere = (nik: string) => [...(ctx.nikHolders.get(nik) ?? [])].some((id) => id !== current.row.idbdt);
    const opts = { checkDate: result.verval.visitedAt, nikHeldElsewhere: nikElsewhere };
    const before = validateHouseholdRecord(currentRecord, opts);
    const after = members.length === 0 ? withHousehold(before, merged.household, opts) : validateHouseholdRecord(merged, opts);
    const had = new Set(before.errors.map((e) => keyOf(e, currentIds)));
    const toProposalPath = (e: Issue): Issue => {
      const m = /^members\[(\d+)\](.*)$/.exec(e.path);
      if (!m) return e;
      const proposalIndex = merged.proposalIndex[Number(m[1])];
      return { ...e, path: proposalIndex === undefined ? 'members' : `members[${proposalIndex}]${m[2]}` };
    };
    for (const e of after.errors) (had.has(keyOf(e, mergedIds)) ? warnings : errors).push(toProposalPath(e));
    warnings.push(...after.warnings.map(toProposalPath));
  }
  result.status = errors.length ? 'GAGAL_VALIDASI' : 'MENUNGGU';
  return result;
}

/** The finding of a GANDA or BAGIAN_RUTA_LAIN result naming no other AKTIF household of the district (the approval judges it again). */
export function referenceNotActiveIssue(key: 'duplicateOf' | 'mergeInto'): Issue {
  return issue(
    `verval.${key}`,
    'UNKNOWN_REFERENCE',
    'ID BDT yang dirujuk bukan rumah tangga aktif lain di kabupaten/kota ini',
    'The referenced ID BDT is not another active household of this district',
  );
}

const isHouseholdPath = (i: Issue) => i.path === 'household' || i.path.startsWith('household.');

/**
 * The findings of the current record with only its household part changed: without member
 * operations every member finding (fields, R1, R4–R7, R9–R11) is the same before and after, so
 * only the household's fields are judged again. Same findings, in the same order, as a whole
 * validation of the merged record.
 */
function withHousehold(whole: ValidationResult, household: Row, opts: RecordValidationOptions): ValidationResult {
  const own = validateHouseholdRecord({ household, members: [] }, opts);
  const part = (list: Issue[], rest: Issue[]) => [...list.filter(isHouseholdPath), ...rest.filter((i) => !isHouseholdPath(i))];
  return { errors: part(own.errors, whole.errors), warnings: part(own.warnings, whole.warnings) };
}

/** Applies proposed household fields and member operations to the current record. */
export function mergeRecord(current: CurrentHousehold, household: Row, members: Row[]) {
  const list = current.members.map((m) => ({ ...m }));
  const memberIds: (string | null)[] = list.map((m) => m.idartbdt);
  const proposalIndex: (number | undefined)[] = list.map(() => undefined);
  members.forEach((m, i) => {
    const fields = isObject(m.fields) ? m.fields : {};
    if (m.op === 'update') {
      const k = list.findIndex((x) => x.idartbdt === m.idartbdt);
      if (k >= 0) {
        Object.assign(list[k]!, fields);
        proposalIndex[k] = i;
      }
    } else if (m.op === 'add') {
      list.push({ ...fields } as Row & { idartbdt: string; version: number });
      memberIds.push(null);
      proposalIndex.push(i);
    }
  });
  const merged = { ...current.row, ...household };
  return { household: { ...merged, ...deriveHouseholdFields(list) }, members: list, memberIds, proposalIndex };
}

/** Whether a JSON line has a proposalId the codec accepted (always true after decoding). */
export function hasProposalId(p: JsonObject): boolean {
  return typeof p.proposalId === 'string' && UUID_V4_RE.test(p.proposalId);
}
