import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db.ts';

export interface HouseholdFilter {
  /** The scope fragment of the actor (access.inScope). */
  scope: Expression<SqlBool>;
  kecamatan?: string;
  desa?: string;
  q?: string;
  status?: 'AKTIF' | 'NONAKTIF';
  desil?: number;
}

// Applies the filter to a households query `h`. `q` of 16 digits matches IDBDT, a member's NIK or
// No KK exactly; other text is a case-insensitive prefix of the head's or any member's name
// (prefix, not substring, so that it uses an index on a 200,000-household district). Member
// matches are `idbdt IN (…)` so the planner starts from the member index, not from every household.
function filtered(db: Db, f: HouseholdFilter) {
  let query = db.selectFrom('households as h').where(f.scope);
  if (f.desa) query = query.where('h.kode_wilayah', '=', f.desa);
  else if (f.kecamatan) query = query.where('h.kode_wilayah', 'like', `${f.kecamatan}%`);
  if (f.status) query = query.where('h.status', '=', f.status);
  if (f.desil) query = query.where('h.persentil', '>=', (f.desil - 1) * 10 + 1).where('h.persentil', '<=', f.desil * 10);
  const text = f.q?.trim();
  if (text) {
    if (/^[0-9]{16}$/.test(text)) {
      query = query.where((eb) =>
        eb.or([
          eb('h.idbdt', '=', text),
          eb(
            'h.idbdt',
            'in',
            eb
              .selectFrom('members as m')
              .select('m.idbdt')
              .where((e) => e.or([e('m.nik', '=', text), e('m.no_kk', '=', text)])),
          ),
        ]),
      );
    } else {
      const prefix = `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(h.nama_krt)`, 'like', prefix),
          eb('h.idbdt', 'in', eb.selectFrom('members as m').select('m.idbdt').where(sql`lower(m.nama)`, 'like', prefix)),
        ]),
      );
    }
  }
  return query;
}

export interface HouseholdListItem {
  idbdt: string;
  kode_wilayah: string;
  nama_desa: string;
  nama_kecamatan: string;
  nama_krt: string | null;
  alamat: string;
  jumlah_art: number | null;
  persentil: number | null;
  status: 'AKTIF' | 'NONAKTIF';
  version: number;
}

/** One page of households matching the filter, ordered by region and IDBDT. */
export async function listHouseholds(db: Db, f: HouseholdFilter, page: number, pageSize: number): Promise<HouseholdListItem[]> {
  return filtered(db, f)
    .innerJoin('regions as d', 'd.code', 'h.kode_wilayah')
    .innerJoin('regions as k', 'k.code', 'd.parent_code')
    .select([
      'h.idbdt',
      'h.kode_wilayah',
      'd.name as nama_desa',
      'k.name as nama_kecamatan',
      'h.nama_krt',
      'h.alamat',
      'h.jumlah_art',
      'h.persentil',
      'h.status',
      'h.version',
    ])
    .orderBy('h.kode_wilayah')
    .orderBy('h.idbdt')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

/** Number of households matching the filter. */
export async function countHouseholds(db: Db, f: HouseholdFilter): Promise<number> {
  const r = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** A household in scope with every field, or undefined. */
export async function findHousehold(db: Db, scope: Expression<SqlBool>, idbdt: string) {
  return db.selectFrom('households as h').selectAll('h').where(scope).where('h.idbdt', '=', idbdt).executeTakeFirst();
}

/** The members of a household, by idartbdt. */
export async function listMembers(db: Db, idbdt: string) {
  return db.selectFrom('members').selectAll().where('idbdt', '=', idbdt).orderBy('idartbdt').execute();
}

/** The change history of a household and its members, newest first. */
export async function listHistory(db: Db, idbdt: string, limit: number) {
  return db
    .selectFrom('household_history as hh')
    .leftJoin('users as u', 'u.id', 'hh.changed_by')
    .select([
      'hh.id',
      'hh.idartbdt',
      'hh.field',
      'hh.old_value',
      'hh.new_value',
      'hh.version',
      'hh.changed_at',
      'u.username as changed_by',
      'hh.source',
      'hh.reason',
    ])
    .where('hh.idbdt', '=', idbdt)
    .orderBy('hh.id', 'desc')
    .limit(limit)
    .execute();
}
