import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, auditEntries, ctx, p, setupTestBed } from '../../../../test/support/bed.ts';
import { readFeedbackLines } from '../../../../test/support/feedback.ts';
import { bearer } from '../../../../test/support/http.ts';
import { buildPackage, buildPackageWithEntries, perbaikan, postPackage, smallJpeg, usulanBaru } from '../../../../test/support/packages.ts';
import { householdsWithMembers, type makeRelease, seedImportBed } from '../../../../test/support/packages.ts';
import type { Persona } from '../../../../test/support/personas.ts';
import { runPendingImports } from '../packages/index.ts';

// Photos from the field (issue 15): kept only with a published import, once per hash, served only
// within the scope, linked to the household on approval, named in the feedback file.

let release: Awaited<ReturnType<typeof makeRelease>>;
const PERIOD = '2019-01';
const SCOPE = ['317401'];
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

setupTestBed(async () => {
  release = await seedImportBed(ctx);
});

const count = async (table: 'media' | 'proposal_media' | 'household_media') =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.database.db)).rows[0]!.n);

/** Uploads a package as 3174's supervisor and runs the import job; answers the import as getImport does. */
async function importBytes(bytes: Uint8Array) {
  const up = await postPackage(app, bearer(p.supervisorJakSel), bytes);
  expect(up.statusCode, up.body).toBe(202);
  await runPendingImports(ctx, { retryAfterSeconds: 0 });
  return (await app.inject({ method: 'GET', url: `/api/v1/imports/${up.json().id}`, headers: bearer(p.supervisorJakSel) })).json();
}

const image = (who: Persona, sha256: string) => app.inject({ method: 'GET', url: `/api/v1/media/${sha256}`, headers: bearer(who) });
const decide = (id: string, payload: object) =>
  app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/decision`, payload, headers: bearer(p.supervisorJakSel) });
const view = (id: string) => app.inject({ method: 'GET', url: `/api/v1/proposals/${id}`, headers: bearer(p.supervisorJakSel) });

describe('photos of a package', () => {
  let targets: Awaited<ReturnType<typeof householdsWithMembers>>;
  let house: Uint8Array;
  let ktp: Uint8Array;
  let first: ReturnType<typeof perbaikan>;
  let firstImport: { id: string };

  beforeAll(async () => {
    targets = await householdsWithMembers(ctx, '317401', 6, { aktif: true });
    house = await smallJpeg('#2e86c1');
    ktp = await smallJpeg('#f1c40f', 80, 50);
  });

  it('a damaged photo refuses the whole file with a clear message and stores nothing', async () => {
    const good = await smallJpeg('#8e44ad');
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0], 0);
    for (let i = 4; i < big.length; i++) big[i] = (i * 7919) % 251;
    const notImage = new TextEncoder().encode('GIF89a not a photo at all');
    const cases = [
      { entry: { name: `media/${hex(house)}.jpg`, data: good }, code: 'SIKS_MEDIA', text: /tidak cocok dengan sidik \(SHA-256\)/ },
      { entry: { name: `media/${hex(big)}.jpg`, data: big }, code: 'SIKS_TOO_LARGE', text: /melebihi batas 2 MiB per foto/ },
      { entry: { name: `media/${hex(notImage)}.jpg`, data: notImage }, code: 'SIKS_MEDIA', text: /bukan foto JPEG atau PNG/ },
    ];
    for (const c of cases) {
      const sha = c.entry.name.slice(6, 70);
      const line = perbaikan(targets[0]!, { media: [{ sha256: sha, tag: 'foto_rumah' }] });
      const pkg = buildPackageWithEntries({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [line] }, [c.entry]);
      const r = await importBytes(pkg.bytes);
      expect(r, c.code).toMatchObject({ status: 'REFUSED', reasonCode: c.code });
      expect(r.reason).toMatch(c.text);
      expect(await count('media')).toBe(0);
      expect(await count('proposal_media')).toBe(0);
      expect((await view(line.proposalId)).statusCode).toBe(404);
    }
  });

  it('a proposal naming a photo the package lacks refuses the file (siks-format.md 3), nothing kept', async () => {
    const line = perbaikan(targets[0]!, { media: [{ sha256: hex(house), tag: 'foto_rumah' }] });
    const pkg = buildPackageWithEntries({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [line] }, []);
    const r = await importBytes(pkg.bytes);
    expect(r).toMatchObject({ status: 'REFUSED', reasonCode: 'SIKS_MEDIA' });
    expect(r.reason).toContain('tidak ada di dalam paket');
    expect(await count('media')).toBe(0);
  });

  it('media of a refused import are not kept', async () => {
    // A line without a valid proposalId refuses the file after its photos were read and checked.
    const line = perbaikan(targets[0]!, { proposalId: 'not-a-uuid', media: [{ sha256: hex(house), tag: 'foto_rumah' }] });
    const entry = { name: `media/${hex(house)}.jpg`, data: house };
    const pkg = buildPackageWithEntries({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [line] }, [entry]);
    const r = await importBytes(pkg.bytes);
    expect(r.status).toBe('REFUSED');
    expect(await count('media')).toBe(0);
    expect(await count('proposal_media')).toBe(0);
  });

  it('media of a failed import are not kept', async () => {
    const line = perbaikan(targets[0]!, { media: [{ sha256: hex(house), tag: 'foto_rumah' }] });
    const pkg = await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [line], media: [house] });
    const up = await postPackage(app, bearer(p.supervisorJakSel), pkg.bytes);
    const id = up.json().id as string;
    await runPendingImports(ctx, { retryAfterSeconds: 0, failAfterBatches: { batches: 1, imports: [id] } });
    const r = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: bearer(p.supervisorJakSel) })).json();
    expect(r.status).toBe('FAILED');
    expect(await count('media')).toBe(0);
    expect((await view(line.proposalId)).statusCode).toBe(404);
  });

  it('a published import keeps its photos; getProposal lists them with their url', async () => {
    first = perbaikan(targets[0]!, {
      media: [
        { sha256: hex(house), tag: 'foto_rumah' },
        { sha256: hex(ktp), tag: 'foto_ktp' },
      ],
    });
    firstImport = await importBytes(
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [first], media: [house, ktp] })).bytes,
    );
    expect(firstImport).toMatchObject({ status: 'DONE', counts: { new: 1 } });
    expect(await count('media')).toBe(2);
    const res = await view(first.proposalId);
    expect(res.statusCode).toBe(200);
    expect(res.json().proposal.media).toEqual([
      { sha256: hex(house), tag: 'foto_rumah', url: `/api/v1/media/${hex(house)}` },
      { sha256: hex(ktp), tag: 'foto_ktp', url: `/api/v1/media/${hex(ktp)}` },
    ]);
  });

  it('the same photo in two packages is stored once', async () => {
    const again = perbaikan(targets[1]!, { media: [{ sha256: hex(house), tag: 'foto_lainnya' }] });
    const r = await importBytes(
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [again], media: [house] })).bytes,
    );
    expect(r.status).toBe('DONE');
    expect(await count('media')).toBe(2);
    const refs = await ctx.database.db
      .selectFrom('proposal_media')
      .select(['proposal_id', 'tag'])
      .where('sha256', '=', hex(house))
      .execute();
    expect(refs.map((x) => x.proposal_id).sort()).toEqual([first.proposalId, again.proposalId].sort());
  });

  it('serves the image inside the scope only: private cache, its type, no sniffing; 404 to another district and for unknown hashes', async () => {
    const own = await image(p.supervisorJakSel, hex(house));
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(String(own.headers['cache-control'])).toMatch(/^private\b/);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(hex(own.rawPayload)).toBe(hex(house));
    const other = await image(p.supervisorOther, hex(house));
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    expect((await image(p.supervisorJakSel, 'a'.repeat(64))).statusCode).toBe(404);
    expect((await image(p.supervisorJakSel, 'not-a-hash')).statusCode).toBe(400);
    // A waiting proposal is the supervisor's to review: the operator and the province see its photos only once kept.
    expect((await image(p.operatorDesa, hex(house))).statusCode).toBe(404);
  });

  it('a KTP photo is personal data: its download is logged', async () => {
    const before = (await auditEntries('DOWNLOAD_MEDIA')).length;
    expect((await image(p.supervisorJakSel, hex(house))).statusCode).toBe(200);
    expect((await auditEntries('DOWNLOAD_MEDIA')).length).toBe(before);
    const res = await image(p.supervisorJakSel, hex(ktp));
    expect(res.statusCode).toBe(200);
    const entries = await auditEntries('DOWNLOAD_MEDIA');
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor_username: '3174_supervisor', region_code: '3174', subject: `media:${hex(ktp)}` });
  });

  it('approval keeps the photos with the household (newest first); the feedback file names them', async () => {
    const decided = await decide(first.proposalId, { decision: 'APPROVE' });
    expect(decided.statusCode, decided.body).toBe(200);
    const list = await app.inject({ method: 'GET', url: `/api/v1/households/${targets[0]!.idbdt}/media`, headers: bearer(p.operatorDesa) });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((i: { sha256: string; tag: string }) => `${i.tag}:${i.sha256}`)
        .sort(),
    ).toEqual([`foto_rumah:${hex(house)}`, `foto_ktp:${hex(ktp)}`].sort());
    // Kept with an AKTIF household of the scope: the operator of the desa sees it now, another district still not.
    expect((await image(p.operatorDesa, hex(house))).statusCode).toBe(200);
    expect((await image(p.supervisorOther, hex(house))).statusCode).toBe(404);
    const otherList = await app.inject({
      method: 'GET',
      url: `/api/v1/households/${targets[0]!.idbdt}/media`,
      headers: bearer(p.supervisorOther),
    });
    expect(otherList.statusCode).toBe(404);
    // The province sees personal data masked: the house, not the KTP.
    expect((await image(p.provinsi31, hex(house))).statusCode).toBe(200);
    expect((await image(p.provinsi31, hex(ktp))).statusCode).toBe(404);

    const fb = await app.inject({ method: 'GET', url: `/api/v1/imports/${firstImport.id}/feedback`, headers: bearer(p.supervisorJakSel) });
    expect(fb.statusCode).toBe(200);
    const lines = await readFeedbackLines(fb.rawPayload, release.packageKey);
    const line = lines.find((l) => l.proposalId === first.proposalId)!;
    expect(line.decision).toBe('DISETUJUI');
    expect((line.keptMedia as { sha256: string }[]).map((m) => m.sha256).sort()).toEqual([hex(house), hex(ktp)].sort());
  });

  it('an usulan baru keeps its photos with the household it creates; a rejection keeps none', async () => {
    const photo = await smallJpeg('#27ae60');
    const baru = usulanBaru(targets[0]!.kode_wilayah);
    const rejected = perbaikan(targets[2]!, { media: [{ sha256: hex(photo), tag: 'foto_rumah' }] });
    const withPhoto = { ...baru, media: [{ sha256: hex(photo), tag: 'foto_rumah' }] };
    const r = await importBytes(
      (await buildPackage({ release, kab: '3174', period: PERIOD, scope: SCOPE, proposals: [withPhoto, rejected], media: [photo] })).bytes,
    );
    expect(r.counts.new).toBe(2);
    const approve = await decide(baru.proposalId, { decision: 'APPROVE' });
    expect(approve.statusCode, approve.body).toBe(200);
    const idbdt = approve.json().proposal.decision.assigned.idbdt as string;
    const reject = await decide(rejected.proposalId, { decision: 'REJECT', reason: 'Foto tidak jelas' });
    expect(reject.statusCode).toBe(200);
    const kept = await ctx.database.db
      .selectFrom('household_media')
      .select(['idbdt', 'proposal_id'])
      .where('sha256', '=', hex(photo))
      .execute();
    expect(kept).toEqual([{ idbdt, proposal_id: baru.proposalId }]);
    const list = await app.inject({ method: 'GET', url: `/api/v1/households/${idbdt}/media`, headers: bearer(p.supervisorJakSel) });
    expect(list.json().items).toMatchObject([{ sha256: hex(photo), tag: 'foto_rumah', proposalId: baru.proposalId }]);
  });
});
