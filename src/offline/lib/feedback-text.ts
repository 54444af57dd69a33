// Feedback in words (O8, issue 13 item 6): the paths of a decision ("household.luas_lantai",
// "members[1].fields.nik", "members[0]", "verval") as the offline form names them (dictionary
// labels, members by name), and the ids the online side assigned to a new household and its
// members beside their names.

import { type FieldDef, fieldDef } from '../../shared/dictionary/index.ts';
import { type Key, type Lang, translate } from '../i18n.ts';
import type { AnyProposalJson, Decision } from './model.ts';

type Rec = Record<string, unknown>;

/** One path in words: what it names and, for a field the proposal sets, the field and the value proposed. */
export interface PathText {
  label: string;
  def?: FieldDef;
  value?: unknown;
}

const VERVAL_KEYS: Record<string, Key> = {
  result: 'hh.result',
  duplicateOf: 'hh.duplicateOf',
  mergeInto: 'hh.mergeInto',
  visitedAt: 'hh.visitedAt',
  musdesAt: 'hh.musdesAt',
  note: 'hh.note',
};

interface OpLike {
  op?: unknown;
  idartbdt?: unknown;
  tempId?: unknown;
  fields?: Rec;
}

function memberOps(json: AnyProposalJson): OpLike[] {
  return 'members' in json && Array.isArray(json.members) ? (json.members as OpLike[]) : [];
}

/** A member of a proposal by name: the name the proposal gives, else the release's (names), else its id. */
export function memberName(op: OpLike | undefined, names: (idartbdt: string) => string | undefined, lang: Lang): string {
  if (!op) return '?';
  if (typeof op.fields?.nama === 'string' && op.fields.nama.trim()) return op.fields.nama.trim();
  if (typeof op.idartbdt === 'string') return names(op.idartbdt) ?? op.idartbdt;
  return translate(lang, 'fbw.newMember', { temp: String(op.tempId ?? '') });
}

/** A path of a decision (acceptedFields, rejectedFields, errors[].path) as the operator reads it. */
export function describePath(path: string, json: AnyProposalJson, names: (idartbdt: string) => string | undefined, lang: Lang): PathText {
  const hh = /^household\.([a-z0-9_]+)$/.exec(path);
  if (hh) {
    const def = fieldDef('household', hh[1]!);
    const proposed = 'household' in json ? (json.household as Rec) : {};
    return { label: def?.label ?? hh[1]!, def, value: Object.hasOwn(proposed, hh[1]!) ? proposed[hh[1]!] : undefined };
  }
  const m = /^members\[(\d+)\](?:\.fields\.([a-z0-9_]+)|\.([A-Za-z]+))?$/.exec(path);
  if (m) {
    const op = memberOps(json)[Number(m[1])];
    const who = translate(lang, 'fbw.member', { name: memberName(op, names, lang) });
    if (m[2]) {
      const def = fieldDef('member', m[2]);
      const value = op?.fields && Object.hasOwn(op.fields, m[2]) ? op.fields[m[2]] : undefined;
      return { label: `${who}: ${def?.label ?? m[2]}`, def, value };
    }
    return { label: m[3] ? `${who}: ${m[3]}` : who };
  }
  const v = /^verval(?:\.([A-Za-z]+))?$/.exec(path);
  if (v) return { label: translate(lang, VERVAL_KEYS[v[1] ?? 'result'] ?? 'hh.result') };
  return { label: path };
}

/** The ids assigned to an approved new household and its members, each beside its name. */
export function assignedText(
  d: Decision,
  json: AnyProposalJson,
  householdName: string,
  lang: Lang,
): { name: string; kind: 'idbdt' | 'idartbdt'; id: string }[] {
  const out: { name: string; kind: 'idbdt' | 'idartbdt'; id: string }[] = [];
  if (d.assigned?.idbdt) out.push({ name: householdName, kind: 'idbdt', id: d.assigned.idbdt });
  const ops = memberOps(json);
  for (const [temp, id] of Object.entries(d.assigned?.members ?? {})) {
    const op = ops.find((o) => o.tempId === temp);
    out.push({ name: memberName(op ?? { tempId: temp }, () => undefined, lang), kind: 'idartbdt', id });
  }
  return out;
}
