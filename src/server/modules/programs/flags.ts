// The members' read-only programme flags (dictionary: ada_kks, ada_pbi, ada_pkh "follow the
// programme lists … never set by a BDT proposal"), derived where they are read (docs/adr/0017):
//   ada_kks — the member's household is an AKTIF KPM of BPNT or RASTRA;
//   ada_pbi — the member is an AKTIF PBI participant;
//   ada_pkh — the member's household has a PKH nomination with status DITERIMA.
// They were stored on `members` and re-derived by every list change: a BSP approval of 10,000
// replacements rewrote ~85,000 member rows for them, ~40 % of its database CPU. The columns
// stay in the table (unwritten, unread); every reader takes these expressions instead, so a
// decision writes only the lists, and nothing can drift from them.
import { type AliasedRawBuilder, type RawBuilder, type Selectable, sql } from 'kysely';
import { memberFields } from '../../../shared/dictionary/index.ts';
import type { MembersTable } from '../../platform/db-schema.ts';

/** The member flags derived from the programme lists. */
export const LIST_FLAGS = ['ada_kks', 'ada_pbi', 'ada_pkh'] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];
const isListFlag = (name: string): name is ListFlag => (LIST_FLAGS as readonly string[]).includes(name);

// Each flag as its list, the key the list shares with members, and the status that counts.
const SOURCES: Record<ListFlag, { table: string; key: 'idbdt' | 'idartbdt'; status: string }> = {
  ada_kks: { table: 'kpm_memberships', key: 'idbdt', status: 'AKTIF' },
  ada_pbi: { table: 'pbi_participants', key: 'idartbdt', status: 'AKTIF' },
  ada_pkh: { table: 'pkh_nominations', key: 'idbdt', status: 'DITERIMA' },
};

/**
 * SQL text of a list-derived flag of the member row aliased `alias`: a probe of the list's key
 * index per row (a household page, a proposal, a page of records). With `joined` (one district's
 * rows at once, e.g. a release) it reads the join that memberFlagJoins(alias, kab) adds instead.
 */
export function memberFlagSql(flag: ListFlag, alias: string, joined = false): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad alias ${alias}`);
  const s = SOURCES[flag];
  if (joined) return `(${joinAlias(flag, alias)}.${s.key} is not null)`;
  return `exists (select 1 from ${s.table} l where l.kab_kota = ${alias}.kab_kota and l.${s.key} = ${alias}.${s.key} and l.status = '${s.status}')`;
}

const joinAlias = (flag: ListFlag, alias: string) => `${alias}_${flag}`;

/**
 * LEFT JOINs that bring the flags of district `kab`'s lists to its member rows aliased `alias`,
 * for memberFlagSql(…, joined): each list's keys read once and hashed (spilling to disk when large),
 * however many members. An `x IN (subquery)` in the select list did the same only while the keys
 * fit in work_mem; past it (a district's 200,000 PBI entries) PostgreSQL rescanned the list for
 * every member row, and a release of 850,000 members ran for many minutes.
 */
export function memberFlagJoins(alias: string, kab: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad alias ${alias}`);
  if (!/^[0-9]{4}$/.test(kab)) throw new Error(`bad district code ${kab}`);
  return LIST_FLAGS.map((flag) => {
    const s = SOURCES[flag];
    const j = joinAlias(flag, alias);
    return ` left join (select distinct l.${s.key} from ${s.table} l where l.kab_kota = '${kab}' and l.status = '${s.status}') ${j} on ${j}.${s.key} = ${alias}.${s.key}`;
  }).join('');
}

/** The SQL of member field `name` when it is a list-derived flag (see memberFlagSql), else undefined. */
export function listFlagSql(name: string, alias: string, joined = false): string | undefined {
  return isListFlag(name) ? memberFlagSql(name, alias, joined) : undefined;
}

/** The three flags as selections (`… as ada_kks`, …) of the member row aliased `alias`. */
export function memberFlagSelections(alias: string): AliasedRawBuilder<boolean, ListFlag>[] {
  return LIST_FLAGS.map((f) => sql.raw<boolean>(memberFlagSql(f, alias)).as(f));
}

/** A jsonb object of the three flags of the member row aliased `alias`, to lay over `to_jsonb(alias)`. */
export function memberFlagsJsonb(alias: string): RawBuilder<unknown> {
  return sql.raw(`jsonb_build_object(${LIST_FLAGS.map((f) => `'${f}', ${memberFlagSql(f, alias)}`).join(', ')})`);
}

// Every stored column of members but the three flags (the dictionary's fields and the bookkeeping).
const STORED_COLUMNS = [
  ...memberFields.map((f) => f.name).filter((n) => !isListFlag(n)),
  'idbdt',
  'kab_kota',
  'version',
  'created_at',
  'updated_at',
];

/** A member row as a record reader sees it: the stored columns with the flags derived from the lists. */
export type MemberRecord = Selectable<MembersTable>;

/** The selections of a whole member record (what `selectAll` was) with the flags derived, for a query over `members as <alias>`. */
export function memberRecordSelections(alias: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad alias ${alias}`);
  return [...STORED_COLUMNS.map((c) => sql.ref(`${alias}.${c}`).as(c)), ...memberFlagSelections(alias)];
}
