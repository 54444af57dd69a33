import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { authenticateToken } from '../../src/server/modules/access/index.ts';
import { finalisePeriod } from '../../src/server/modules/finalisations/index.ts';
import { closePeriod, findOpenPeriod, openPeriod } from '../../src/server/modules/periods/index.ts';
import { CLI_ACTOR, type AppContext } from '../../src/server/platform/context.ts';
import type { Actor } from '../../src/server/platform/scope.ts';

/** The Actor of a persona's API token (what a route would see). */
export async function actorOf(ctx: AppContext, token: string): Promise<Actor> {
  const actor = await authenticateToken(ctx, token);
  if (!actor) throw new Error('unknown token');
  return actor as Actor;
}

/** The letterhead and signatures the Surat Pengesahan needs (Profil Instansi and Pengesahan). */
export const LETTER_PROFILE = {
  namaInstansi: 'Dinas Sosial Kota Administrasi Jakarta Selatan',
  alamat: 'Jl. Prapanca Raya No. 9, Kebayoran Baru',
  nomorTelepon: '+62217397212',
  namaKepalaDinas: 'Drs. Budi Santoso, M.Si',
  nipKepalaDinas: '196501011990031001',
  namaBupati: 'Ir. Marullah Matali',
  namaPengesah: 'Siti Rahmawati, S.Sos',
  nipPengesah: '197803152005012002',
};

/** Saves the letter profile of a district directly (pengesah different from the Kepala Dinas unless `sameAsKepala`). */
export async function saveLetterProfile(
  ctx: AppContext,
  kab: string,
  opts: { sameAsKepala?: boolean; logoImageId?: number | null } = {},
): Promise<void> {
  const p = LETTER_PROFILE;
  const same = opts.sameAsKepala ?? false;
  await sql`
    insert into district_profiles (kab_code, nama_instansi, alamat, nomor_telepon, nama_kepala_dinas, nip_kepala_dinas, nama_bupati,
      pengesah_sama_dengan_kepala_dinas, nama_pengesah, nip_pengesah, logo_image_id)
    values (${kab}, ${p.namaInstansi}, ${p.alamat}, ${p.nomorTelepon}, ${p.namaKepalaDinas}, ${p.nipKepalaDinas}, ${p.namaBupati},
      ${same}, ${same ? null : p.namaPengesah}, ${same ? null : p.nipPengesah}, ${opts.logoImageId ?? null})
    on conflict (kab_code) do update set nama_instansi = excluded.nama_instansi, alamat = excluded.alamat, nomor_telepon = excluded.nomor_telepon,
      nama_kepala_dinas = excluded.nama_kepala_dinas, nip_kepala_dinas = excluded.nip_kepala_dinas, nama_bupati = excluded.nama_bupati,
      pengesah_sama_dengan_kepala_dinas = excluded.pengesah_sama_dengan_kepala_dinas, nama_pengesah = excluded.nama_pengesah,
      nip_pengesah = excluded.nip_pengesah, logo_image_id = coalesce(excluded.logo_image_id, district_profiles.logo_image_id)`.execute(
    ctx.database.db,
  );
}

/** A DONE import of a district and period (the parent of proposals inserted directly). */
export async function insertImport(ctx: AppContext, kab: string, period: string): Promise<string> {
  const id = randomUUID();
  await ctx.database.db
    .insertInto('imports')
    .values({
      id,
      kab_kota: kab,
      file_name: 'paket.siks',
      file_size: 1,
      file_sha256: '0'.repeat(64),
      status: 'DONE',
      upload_complete: true,
      package_id: randomUUID(),
      module: 'BDT',
      period,
      finished_at: new Date(),
    })
    .execute();
  return id;
}

export interface ProposalSpec {
  idbdt?: string | null;
  kode_wilayah: string;
  type?: 'PERBAIKAN' | 'USULAN_BARU';
  verval_result?: number | null;
  status: 'MENUNGGU' | 'DISETUJUI' | 'SEBAGIAN' | 'DITOLAK' | 'PERLU_PERBAIKAN' | 'GAGAL_VALIDASI';
  decision_reason?: string | null;
  assigned?: { idbdt: string; members: Record<string, string> } | null;
  merge_into?: string | null;
  duplicate_of?: string | null;
}

/**
 * Inserts proposals of an import directly (as if imported and decided: the decision code is not
 * needed to test what comes after it). Returns their ids in the order given.
 */
export async function insertProposals(
  ctx: AppContext,
  importId: string,
  kab: string,
  specs: ProposalSpec[],
  decidedBy: number | null = null,
): Promise<string[]> {
  const ids = specs.map(() => randomUUID());
  if (specs.length === 0) return ids;
  await ctx.database.db
    .insertInto('proposals')
    .values(
      specs.map((s, i) => {
        const type = s.type ?? (s.idbdt ? 'PERBAIKAN' : 'USULAN_BARU');
        const decided = s.status !== 'MENUNGGU' && s.status !== 'GAGAL_VALIDASI';
        return {
          id: ids[i]!,
          import_id: importId,
          package_id: randomUUID(),
          line_no: i + 1,
          kab_kota: kab,
          kode_wilayah: s.kode_wilayah,
          type,
          idbdt: type === 'PERBAIKAN' ? s.idbdt! : null,
          base_version: type === 'PERBAIKAN' ? 1 : null,
          verval_result: type === 'PERBAIKAN' ? (s.verval_result ?? 1) : null,
          duplicate_of: s.duplicate_of ?? null,
          merge_into: s.merge_into ?? null,
          visited_at: type === 'PERBAIKAN' ? '2019-02-11' : null,
          musdes_at: null,
          body: JSON.stringify({ proposalId: ids[i], type, household: { lantai: 2 }, members: [] }),
          operator_username: 'op_tebet',
          status: s.status,
          warnings: '[]',
          errors: JSON.stringify(
            s.status === 'GAGAL_VALIDASI' ? [{ path: 'household.lantai', code: 'CODE', message: 'Kode tidak dikenal' }] : [],
          ),
          proposal_created_at: new Date('2019-02-11T02:00:00Z'),
          decided_at: decided ? new Date('2019-03-01T03:04:05.678Z') : null,
          decided_by: decided ? decidedBy : null,
          decision_reason:
            s.decision_reason ?? (s.status === 'DITOLAK' || s.status === 'PERLU_PERBAIKAN' ? 'Data tidak sesuai hasil musdes' : null),
          assigned: s.assigned ? JSON.stringify(s.assigned) : null,
        };
      }),
    )
    .execute();
  return ids;
}

/**
 * A complete finalisation of district `kab` made through the real service, in a period of its
 * own that is closed again afterwards (so other fixtures can open theirs): profile, an import
 * with three decided proposals, finalisePeriod. Returns the finalisation id.
 */
export async function makeFinalisation(ctx: AppContext, supervisor: Actor, opts: { period?: string } = {}): Promise<number> {
  const kab = supervisor.regions[0]!;
  const period = opts.period ?? '2018-07';
  const open = await findOpenPeriod(ctx);
  if (open) throw new Error(`makeFinalisation needs no open period (${open.code} is open)`);
  await openPeriod(ctx, CLI_ACTOR, { code: period, startsOn: `${period}-01`, endsOn: `${period}-28` });
  await saveLetterProfile(ctx, kab);
  const hs = await ctx.database.db
    .selectFrom('households')
    .select(['idbdt', 'kode_wilayah'])
    .where('kode_wilayah', 'like', `${kab}%`)
    .orderBy('idbdt')
    .limit(3)
    .execute();
  if (hs.length < 3) throw new Error(`makeFinalisation needs 3 households in ${kab}`);
  const importId = await insertImport(ctx, kab, period);
  await insertProposals(
    ctx,
    importId,
    kab,
    [
      { idbdt: hs[0]!.idbdt, kode_wilayah: hs[0]!.kode_wilayah, verval_result: 1, status: 'DISETUJUI' },
      { idbdt: hs[1]!.idbdt, kode_wilayah: hs[1]!.kode_wilayah, verval_result: 2, status: 'DITOLAK' },
      { kode_wilayah: hs[2]!.kode_wilayah, status: 'DITOLAK' },
    ],
    supervisor.userId,
  );
  const f = await finalisePeriod(ctx, supervisor);
  await closePeriod(ctx, CLI_ACTOR, period);
  return f.id;
}
