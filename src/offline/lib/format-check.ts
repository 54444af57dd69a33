// A reading of siks-format.md 3.2 (BDT module) as a check of one proposal line, written apart from
// the builder: the exporter runs it on every proposal before sealing a package (a builder bug must
// never reach a supervisor), and the tests run it on what they decode.

import { fieldDef, requiredFields, vervalResults } from '../../shared/dictionary/index.ts';
import { UUID_V4_RE, isRfc3339 } from '../../shared/siks/index.ts';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MEDIA_TAGS = new Set(['foto_rumah', 'foto_ktp', 'foto_kk', 'foto_lainnya']);

export interface FormatContext {
  /** Whether an idbdt is another AKTIF household of the district (for duplicateOf / mergeInto). */
  isAktif?: (idbdt: string) => boolean;
  /** Desa codes of the package's scope (kode_wilayah of a USULAN_BARU). */
  scopeDesa?: ReadonlySet<string>;
}

function jsonTypeOk(type: string, v: unknown): boolean {
  if (v === null) return true;
  switch (type) {
    case 'id':
    case 'region':
    case 'nik':
    case 'nokk':
      return typeof v === 'string' && /^[0-9]+$/.test(v);
    case 'code':
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'text':
      return typeof v === 'string';
    case 'date':
      return typeof v === 'string' && DATE_RE.test(v);
    default:
      return false;
  }
}

function checkFieldsObject(
  entity: 'household' | 'member',
  fields: unknown,
  where: string,
  allowKodeWilayah: boolean,
  allowNull: boolean,
  out: string[],
): void {
  if (!isObj(fields)) {
    out.push(`${where}: not an object`);
    return;
  }
  for (const [name, v] of Object.entries(fields)) {
    const def = fieldDef(entity, name);
    if (!def) out.push(`${where}.${name}: not a dictionary field`);
    else if (def.readOnly || def.derived) out.push(`${where}.${name}: readOnly or derived`);
    else if (entity === 'household' && name === 'kode_wilayah' && !allowKodeWilayah) out.push(`${where}.kode_wilayah: only in USULAN_BARU`);
    else if (v === null && !allowNull) out.push(`${where}.${name}: null`);
    else if (!jsonTypeOk(def.type, v)) out.push(`${where}.${name}: wrong JSON type for ${def.type}`);
  }
}

function checkRequired(entity: 'household' | 'member', fields: Json, where: string, out: string[]): void {
  for (const def of requiredFields(entity)) {
    if (def.readOnly || def.derived) continue;
    const v = fields[def.name];
    if (v === undefined || v === null || v === '') out.push(`${where}.${def.name}: required field missing`);
  }
}

/** Violations of siks-format.md 3.2 by one BDT proposal line (empty when it keeps to the page). */
export function proposalViolations(p: unknown, ctx: FormatContext = {}): string[] {
  const out: string[] = [];
  if (!isObj(p)) return ['proposal: not a JSON object'];
  if (typeof p.proposalId !== 'string' || !UUID_V4_RE.test(p.proposalId)) out.push('proposalId: not a lowercase UUID v4');
  if (typeof p.createdAt !== 'string' || !isRfc3339(p.createdAt)) out.push('createdAt: not RFC 3339');
  const known = new Set(['proposalId', 'type', 'idbdt', 'baseVersion', 'verval', 'household', 'members', 'media', 'createdAt']);
  for (const k of Object.keys(p)) if (!known.has(k)) out.push(`${k}: not a key of a BDT proposal`);
  if (p.media !== undefined && p.media !== null) {
    if (!Array.isArray(p.media)) out.push('media: not an array');
    else
      p.media.forEach((m, i) => {
        if (
          !isObj(m) ||
          typeof m.sha256 !== 'string' ||
          !/^[0-9a-f]{64}$/.test(m.sha256) ||
          typeof m.tag !== 'string' ||
          !MEDIA_TAGS.has(m.tag)
        )
          out.push(`media[${i}]: bad`);
      });
  }
  const members = p.members === undefined || p.members === null ? [] : p.members;
  if (!Array.isArray(members)) {
    out.push('members: not an array');
    return out;
  }
  const tempIds = new Set<string>();
  const checkAdd = (m: Json, i: number) => {
    if (typeof m.tempId !== 'string' || m.tempId === '') out.push(`members[${i}].tempId: missing`);
    else if (tempIds.has(m.tempId)) out.push(`members[${i}].tempId: repeated`);
    else tempIds.add(m.tempId);
    checkFieldsObject('member', m.fields, `members[${i}].fields`, false, false, out);
    if (isObj(m.fields)) {
      checkRequired('member', m.fields, `members[${i}].fields`, out);
      if (m.fields.sta_keberadaan_art !== 1 && m.fields.sta_keberadaan_art !== 4)
        out.push(`members[${i}].fields.sta_keberadaan_art: an added member is 1 or 4`);
    }
    for (const k of Object.keys(m)) if (!['op', 'tempId', 'fields'].includes(k)) out.push(`members[${i}].${k}: not a key of an add`);
  };

  if (p.type === 'PERBAIKAN') {
    if (typeof p.idbdt !== 'string' || !/^[0-9]{16}$/.test(p.idbdt)) out.push('idbdt: not 16 digits');
    if (!Number.isInteger(p.baseVersion) || (p.baseVersion as number) < 1) out.push('baseVersion: not an integer >= 1');
    const v = p.verval;
    if (!isObj(v)) out.push('verval: missing');
    else {
      const result = v.result;
      if (typeof result !== 'number' || !vervalResults[result]) out.push('verval.result: not a vervalResult code');
      if (typeof v.visitedAt !== 'string' || !DATE_RE.test(v.visitedAt)) out.push('verval.visitedAt: not a date');
      if (v.musdesAt !== undefined && v.musdesAt !== null && (typeof v.musdesAt !== 'string' || !DATE_RE.test(v.musdesAt)))
        out.push('verval.musdesAt: not a date');
      if (v.note !== undefined && v.note !== null && typeof v.note !== 'string') out.push('verval.note: not text');
      for (const [key, code] of [
        ['duplicateOf', 6],
        ['mergeInto', 4],
      ] as const) {
        const ref = v[key];
        if (result === code) {
          if (typeof ref !== 'string' || !/^[0-9]{16}$/.test(ref)) out.push(`verval.${key}: required for result ${code}`);
          else if (ref === p.idbdt) out.push(`verval.${key}: the household itself`);
          else if (ctx.isAktif && !ctx.isAktif(ref)) out.push(`verval.${key}: not an AKTIF household of the district`);
        } else if (ref !== null && ref !== undefined) out.push(`verval.${key}: must be null for result ${String(result)}`);
      }
      for (const k of Object.keys(v))
        if (!['result', 'duplicateOf', 'mergeInto', 'visitedAt', 'musdesAt', 'note'].includes(k)) out.push(`verval.${k}: unknown key`);
    }
    if (p.household !== undefined && p.household !== null) checkFieldsObject('household', p.household, 'household', false, true, out);
    members.forEach((m, i) => {
      if (!isObj(m)) return out.push(`members[${i}]: not an object`);
      if (m.op === 'update') {
        if (typeof m.idartbdt !== 'string' || !/^[0-9]{18}$/.test(m.idartbdt)) out.push(`members[${i}].idartbdt: not 18 digits`);
        else if (typeof p.idbdt === 'string' && !m.idartbdt.startsWith(p.idbdt))
          out.push(`members[${i}].idartbdt: not a member of ${p.idbdt}`);
        if (!Number.isInteger(m.baseVersion) || (m.baseVersion as number) < 1) out.push(`members[${i}].baseVersion: not an integer >= 1`);
        checkFieldsObject('member', m.fields, `members[${i}].fields`, false, true, out);
        if (isObj(m.fields) && Object.keys(m.fields).length === 0) out.push(`members[${i}].fields: empty update`);
        for (const k of Object.keys(m))
          if (!['op', 'idartbdt', 'baseVersion', 'fields'].includes(k)) out.push(`members[${i}].${k}: not a key of an update`);
      } else if (m.op === 'add') checkAdd(m, i);
      else out.push(`members[${i}].op: not update/add`);
    });
  } else if (p.type === 'USULAN_BARU') {
    if (p.idbdt !== undefined && p.idbdt !== null) out.push('idbdt: not in a USULAN_BARU');
    if (p.verval !== undefined && p.verval !== null) out.push('verval: not in a USULAN_BARU');
    if (p.baseVersion !== undefined && p.baseVersion !== null) out.push('baseVersion: not in a USULAN_BARU');
    checkFieldsObject('household', p.household, 'household', true, false, out);
    if (isObj(p.household)) {
      checkRequired('household', p.household, 'household', out);
      const kw = p.household.kode_wilayah;
      if (ctx.scopeDesa && typeof kw === 'string' && !ctx.scopeDesa.has(kw)) out.push('household.kode_wilayah: not a desa of the scope');
    }
    if (members.length === 0) out.push('members: a new household has members');
    members.forEach((m, i) => {
      if (!isObj(m) || m.op !== 'add') return out.push(`members[${i}]: only add operations in a USULAN_BARU`);
      checkAdd(m, i);
    });
  } else {
    out.push(`type: ${String(p.type)} is not a BDT proposal type`);
  }
  return out;
}
