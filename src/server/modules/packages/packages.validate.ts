// Checking one BDT proposal of a package against the dictionary and the registry
// (siks-format.md sections 3.2, 3.4 and 4.3). Pure: the importer gathers what the proposals of a
// batch refer to in a few set-based queries and passes it in here.
import { vervalResults } from '../../../shared/dictionary/index.ts';
import {
  checkFields,
  deriveHouseholdFields,
  makeIssue,
  validateHouseholdRecord,
  type Issue,
  type Message,
} from '../../../shared/rules/index.ts';
import { isRfc3339, UUID_V4_RE, type JsonObject } from '../../../shared/siks/index.ts';

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
}

const TOP_KEYS = new Set(['proposalId', 'type', 'idbdt', 'baseVersion', 'verval', 'household', 'members', 'media', 'createdAt']);
const VERVAL_KEYS = new Set(['result', 'duplicateOf', 'mergeInto', 'visitedAt', 'musdesAt', 'note']);
const MEDIA_TAGS = new Set(['foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya']);
const PRESENT = new Set([1, 4]);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string =>
  typeof v === 'string' &&
  DATE_RE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const issue = (path: string, code: string, id: string, en: string): Issue => makeIssue(path, code, { id, en } satisfies Message);

function checkDateField(v: unknown, path: string, label: { id: string; en: string }, required: boolean, out: Issue[]) {
  if (v === undefined || v === null) {
    if (required) out.push(issue(path, 'REQUIRED', `${label.id}: wajib diisi`, `${label.en}: is required`));
  } else if (!isDate(v))
    out.push(issue(path, 'DATE', `${label.id}: bukan tanggal yang sah (YYYY-MM-DD)`, `${label.en}: not a valid date (YYYY-MM-DD)`));
}

/** Structure of section 3.2 and the field checks of the dictionary, before anything is looked up. */
function checkStructure(p: JsonObject, out: Issue[]): void {
  for (const key of Object.keys(p))
    if (!TOP_KEYS.has(key)) out.push(issue(key, 'UNKNOWN_FIELD', `Kunci "${key}" tidak dikenal`, `Unknown key "${key}"`));
  if (p.type !== 'PERBAIKAN' && p.type !== 'USULAN_BARU')
    out.push(
      issue(
        'type',
        p.type === undefined ? 'REQUIRED' : 'CODE',
        'Jenis usulan harus PERBAIKAN atau USULAN_BARU',
        'The proposal type must be PERBAIKAN or USULAN_BARU',
      ),
    );
  if (typeof p.createdAt !== 'string' || !isRfc3339(p.createdAt))
    out.push(
      issue(
        'createdAt',
        p.createdAt === undefined ? 'REQUIRED' : 'DATE',
        'Waktu pembuatan usulan tidak sah',
        'The creation time of the proposal is not valid',
      ),
    );
  const isNew = p.type === 'USULAN_BARU';

  if (p.type === 'PERBAIKAN') {
    if (p.idbdt === undefined || p.idbdt === null) out.push(issue('idbdt', 'REQUIRED', 'ID BDT wajib diisi', 'The ID BDT is required'));
    else if (typeof p.idbdt !== 'string' || !/^[0-9]{16}$/.test(p.idbdt))
      out.push(issue('idbdt', 'PATTERN', 'ID BDT harus 16 digit', 'The ID BDT must have 16 digits'));
    if (p.baseVersion === undefined || p.baseVersion === null)
      out.push(issue('baseVersion', 'REQUIRED', 'Versi dasar wajib diisi', 'The base version is required'));
    else if (!Number.isInteger(p.baseVersion))
      out.push(issue('baseVersion', 'TYPE', 'Versi dasar harus bilangan bulat', 'The base version must be a whole number'));
    const v = p.verval;
    if (!isObject(v))
      out.push(
        issue('verval', v === undefined || v === null ? 'REQUIRED' : 'TYPE', 'Hasil verval wajib diisi', 'The verval result is required'),
      );
    else {
      for (const key of Object.keys(v))
        if (!VERVAL_KEYS.has(key))
          out.push(issue(`verval.${key}`, 'UNKNOWN_FIELD', `Kunci "${key}" tidak dikenal`, `Unknown key "${key}"`));
      if (v.result === undefined || v.result === null)
        out.push(issue('verval.result', 'REQUIRED', 'Hasil verval wajib diisi', 'The verval result is required'));
      else if (!Number.isInteger(v.result) || !vervalResults[v.result as number])
        out.push(
          issue(
            'verval.result',
            'CODE',
            `Hasil verval: kode ${String(v.result)} tidak ada dalam daftar kode`,
            `Verval result: code ${String(v.result)} is not in the code list`,
          ),
        );
      checkDateField(v.visitedAt, 'verval.visitedAt', { id: 'Tanggal kunjungan', en: 'Visit date' }, true, out);
      checkDateField(v.musdesAt, 'verval.musdesAt', { id: 'Tanggal musdes', en: 'Village deliberation date' }, false, out);
      if (v.note !== undefined && v.note !== null && typeof v.note !== 'string')
        out.push(issue('verval.note', 'TYPE', 'Catatan harus berupa teks', 'The note must be text'));
      for (const [key, code, label] of [
        ['duplicateOf', 6, { id: 'ID BDT data ganda', en: 'ID BDT of the duplicate' }],
        ['mergeInto', 4, { id: 'ID BDT rumah tangga tujuan', en: 'ID BDT of the receiving household' }],
      ] as const) {
        const value = v[key];
        const needed = v.result === code;
        if (needed && (value === undefined || value === null))
          out.push(
            issue(
              `verval.${key}`,
              'REQUIRED_WHEN',
              `${label.id} wajib diisi untuk hasil verval ${code}`,
              `${label.en} is required for verval result ${code}`,
            ),
          );
        else if (!needed && value !== undefined && value !== null)
          out.push(
            issue(
              `verval.${key}`,
              'FORBIDDEN_WHEN',
              `${label.id} harus kosong untuk hasil verval ini`,
              `${label.en} must be empty for this verval result`,
            ),
          );
        else if (needed && (typeof value !== 'string' || !/^[0-9]{16}$/.test(value)))
          out.push(issue(`verval.${key}`, 'PATTERN', `${label.id} harus 16 digit`, `${label.en} must have 16 digits`));
      }
    }
  } else if (isNew) {
    for (const key of ['idbdt', 'baseVersion', 'verval'] as const) {
      if (p[key] !== undefined && p[key] !== null)
        out.push(
          issue(key, 'FORBIDDEN_WHEN', `Usulan baru tidak boleh memuat "${key}"`, `A new-household proposal must not carry "${key}"`),
        );
    }
  }

  if (p.household !== undefined && p.household !== null)
    out.push(...checkFields('household', p.household as Row, 'household', { allowKodeWilayah: isNew }));
  else if (isNew) out.push(issue('household', 'REQUIRED', 'Data rumah tangga wajib diisi', 'The household data is required'));

  const members = p.members ?? [];
  if (!Array.isArray(members)) out.push(issue('members', 'TYPE', 'Daftar anggota harus berupa larik', 'The members must be an array'));
  else {
    const tempIds = new Set<string>();
    members.forEach((m, i) => {
      const at = `members[${i}]`;
      if (!isObject(m)) return void out.push(issue(at, 'TYPE', 'Anggota harus berupa objek', 'A member must be an object'));
      const allowed = m.op === 'update' ? ['op', 'idartbdt', 'baseVersion', 'fields'] : ['op', 'tempId', 'fields'];
      for (const key of Object.keys(m))
        if (!allowed.includes(key))
          out.push(issue(`${at}.${key}`, 'UNKNOWN_FIELD', `Kunci "${key}" tidak dikenal`, `Unknown key "${key}"`));
      if (m.op !== 'update' && m.op !== 'add')
        return void out.push(
          issue(
            `${at}.op`,
            m.op === undefined ? 'REQUIRED' : 'CODE',
            'Operasi anggota harus "update" atau "add"',
            'The member operation must be "update" or "add"',
          ),
        );
      if (isNew && m.op === 'update')
        out.push(
          issue(
            `${at}.op`,
            'CODE',
            'Usulan baru hanya memuat anggota baru ("add")',
            'A new-household proposal holds only added members ("add")',
          ),
        );
      if (!isObject(m.fields))
        return void out.push(
          issue(
            `${at}.fields`,
            m.fields === undefined ? 'REQUIRED' : 'TYPE',
            'Isian anggota wajib berupa objek',
            'The member fields must be an object',
          ),
        );
      out.push(...checkFields('member', m.fields, `${at}.fields`));
      if (m.op === 'update') {
        if (typeof m.idartbdt !== 'string' || !/^[0-9]{18}$/.test(m.idartbdt))
          out.push(
            issue(
              `${at}.idartbdt`,
              m.idartbdt === undefined ? 'REQUIRED' : 'PATTERN',
              'ID ART BDT harus 18 digit',
              'The member ID must have 18 digits',
            ),
          );
        if (m.baseVersion !== undefined && m.baseVersion !== null && !Number.isInteger(m.baseVersion))
          out.push(
            issue(
              `${at}.baseVersion`,
              'TYPE',
              'Versi dasar anggota harus bilangan bulat',
              'The member base version must be a whole number',
            ),
          );
      } else {
        if (typeof m.tempId !== 'string' || m.tempId === '')
          out.push(issue(`${at}.tempId`, 'REQUIRED', 'tempId anggota baru wajib diisi', 'A new member needs a tempId'));
        else if (tempIds.has(m.tempId))
          out.push(issue(`${at}.tempId`, 'PATTERN', 'tempId harus unik dalam satu usulan', 'tempId must be unique within the proposal'));
        else tempIds.add(m.tempId);
        const sta = m.fields.sta_keberadaan_art;
        if (sta !== undefined && sta !== null && !PRESENT.has(sta as number))
          out.push(
            issue(
              `${at}.fields.sta_keberadaan_art`,
              'CODE',
              'Status keberadaan anggota baru harus 1 atau 4',
              'A new member must have presence status 1 or 4',
            ),
          );
      }
    });
  }

  const media = p.media ?? [];
  if (!Array.isArray(media)) out.push(issue('media', 'TYPE', 'Daftar foto harus berupa larik', 'The photos must be an array'));
  else
    media.forEach((m) => {
      if (!isObject(m) || !MEDIA_TAGS.has(m.tag as string))
        out.push(
          issue(
            'media',
            'CODE',
            'Label foto harus foto_rumah, foto_ktp, foto_kk atau foto_lainnya',
            'A photo tag must be foto_rumah, foto_ktp, foto_kk or foto_lainnya',
          ),
        );
    });
}

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
  checkStructure(p, errors);
  const type = p.type === 'USULAN_BARU' ? 'USULAN_BARU' : 'PERBAIKAN';
  const verval = isObject(p.verval) ? p.verval : null;
  const result: CheckedProposal = {
    proposalId: String(p.proposalId),
    type,
    status: 'MENUNGGU',
    errors,
    warnings,
    conflict: false,
    conflictChanges: null,
    idbdt: type === 'PERBAIKAN' && typeof p.idbdt === 'string' ? p.idbdt : null,
    kodeWilayah: '',
    baseVersion: Number.isInteger(p.baseVersion) ? (p.baseVersion as number) : null,
    verval: verval && {
      result: Number.isInteger(verval.result) ? (verval.result as number) : null,
      duplicateOf: typeof verval.duplicateOf === 'string' ? verval.duplicateOf : null,
      mergeInto: typeof verval.mergeInto === 'string' ? verval.mergeInto : null,
      visitedAt: isDate(verval.visitedAt) ? verval.visitedAt : null,
      musdesAt: isDate(verval.musdesAt) ? verval.musdesAt : null,
    },
    createdAt: typeof p.createdAt === 'string' ? p.createdAt : '',
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

  const current = result.idbdt ? ctx.households.get(result.idbdt) : undefined;
  if (result.idbdt && (current?.row.status !== 'AKTIF' || !current.row.kode_wilayah.startsWith(ctx.kab))) {
    errors.push(
      issue(
        'idbdt',
        'UNKNOWN_REFERENCE',
        'Rumah tangga ini tidak ada atau tidak aktif di kabupaten/kota ini',
        'This household does not exist or is not active in this district',
      ),
    );
  }
  result.kodeWilayah = current?.row.kode_wilayah ?? ctx.kab;
  if (current && !ctx.scope.some((s) => current.row.kode_wilayah.startsWith(s))) {
    errors.push(
      issue('idbdt', 'OUT_OF_SCOPE', 'Rumah tangga ini di luar wilayah kerja paket', 'This household is outside the scope of the package'),
    );
  }
  for (const key of ['duplicateOf', 'mergeInto'] as const) {
    const ref = result.verval?.[key];
    if (!ref || !/^[0-9]{16}$/.test(ref)) continue;
    const target = ctx.households.get(ref);
    if (ref === result.idbdt || !target || target.row.status !== 'AKTIF' || !target.row.kode_wilayah.startsWith(ctx.kab)) {
      errors.push(
        issue(
          `verval.${key}`,
          'UNKNOWN_REFERENCE',
          'ID BDT yang dirujuk bukan rumah tangga aktif lain di kabupaten/kota ini',
          'The referenced ID BDT is not another active household of this district',
        ),
      );
    }
  }
  if (current && result.baseVersion !== null) {
    if (result.baseVersion < 1 || result.baseVersion > current.row.version) {
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
    const existing = byId.get(m.idartbdt);
    if (!existing)
      errors.push(
        issue(
          `members[${i}].idartbdt`,
          'UNKNOWN_REFERENCE',
          'Anggota ini tidak terdaftar di rumah tangga tersebut',
          'This member is not registered in that household',
        ),
      );
    else if (Number.isInteger(m.baseVersion) && ((m.baseVersion as number) < 1 || (m.baseVersion as number) > existing.version)) {
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
    const after = validateHouseholdRecord({ household: merged.household, members: merged.members }, opts);
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
