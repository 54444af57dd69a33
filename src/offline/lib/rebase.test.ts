import { describe, expect, it } from 'vitest';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import { packageKeyProvider, readFeedback, writeFeedback } from '../../shared/siks/browser.ts';
import type { FeedbackHeader } from '../../shared/siks/index.ts';
import { pendingProposals } from './exporter.ts';
import { feedbackKey } from './feedback.ts';
import type { Decision, StoredProposal } from './model.ts';
import { type BaseRecord, type PerbaikanJson, buildPerbaikan, editStateFrom } from './proposals.ts';
import { carryRebase, isBlocked, rebaseDrafts, releaseOrder, releaseRefusal, resolveConflict, startingProposal } from './rebase.ts';
import { draftOf } from './store.ts';
import { verval } from './test-fixtures.ts';

const OLD = { releaseId: '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c', kabKota: '3174', createdAt: '2026-11-01T08:00:00+07:00' };
const NEW = { releaseId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', kabKota: '3174', createdAt: '2026-12-01T08:00:00+07:00' };
const IDBDT = '3174011001000123';
const BUDI = `${IDBDT}01`;
const SRI = `${IDBDT}02`;

/** The fixture household as a release holds it, with fields changed (household and per member). */
function record(over: Record<string, unknown> = {}, members: Record<string, Record<string, unknown>> = {}, version = 1): BaseRecord {
  const h = validHousehold() as unknown as BaseRecord;
  return {
    household: { ...h.household, status: 'AKTIF', version, ...over },
    members: h.members.map((m) => ({ ...m, version, ...(members[String(m.idartbdt)] ?? {}) })),
  };
}

let seq = 0;
function stored(json: PerbaikanJson, over: Partial<StoredProposal> = {}): StoredProposal {
  seq++;
  return {
    proposalId: json.proposalId,
    subject: IDBDT,
    type: 'PERBAIKAN',
    status: 'draft',
    json,
    label: 'Budi Santoso',
    kodeWilayah: '3174011001',
    seq,
    updatedAt: '2026-11-20T10:00:00+07:00',
    reexport: false,
    exports: [],
    replaces: null,
    feedback: null,
    ...over,
  };
}

/** A correction of the fixture household made on `base`: household fields and member fields by idartbdt. */
function correction(
  base: BaseRecord,
  id: string,
  household: Record<string, unknown>,
  members: Record<string, Record<string, unknown>> = {},
) {
  const edit = editStateFrom(base);
  Object.assign(edit.household, household);
  for (const m of edit.members) Object.assign(m.fields, members[m.idartbdt ?? ''] ?? {});
  return buildPerbaikan(base, edit, verval(), { proposalId: id, createdAt: '2026-11-20T10:00:00+07:00' });
}

const decision = (over: Partial<Decision>): Decision => ({
  proposalId: '',
  decision: 'DISETUJUI',
  decidedAt: '2026-11-25T10:00:00Z',
  reason: null,
  errors: [],
  acceptedFields: null,
  rejectedFields: null,
  assigned: null,
  feedbackId: 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e',
  receivedAt: '2026-11-26T10:00:00Z',
  ...over,
});

describe('a newer release over the installed one', () => {
  it('refuses an older, the same or another district release, with a message in both languages; accepts a later one', () => {
    expect(releaseOrder(OLD, NEW)).toBe('newer');
    expect(releaseRefusal(OLD, NEW)).toBeNull();
    const older = releaseRefusal(NEW, OLD);
    expect(older?.code).toBe('RELEASE_OLDER');
    expect(older?.messages.id).toMatch(/tidak lebih baru dari rilis yang terpasang/);
    expect(older?.messages.en).toMatch(/not newer than the installed one/);
    // The same instant in another offset is not a newer release.
    expect(releaseRefusal(OLD, { ...NEW, createdAt: '2026-11-01T01:00:00Z' })?.code).toBe('RELEASE_OLDER');
    expect(releaseRefusal(OLD, { ...OLD })?.code).toBe('RELEASE_SAME');
    const foreign = releaseRefusal(OLD, { ...NEW, kabKota: '3171' });
    expect(foreign?.code).toBe('RELEASE_OTHER_DISTRICT');
    expect(foreign?.messages.id).toContain('3171');
  });

  it('keeps the drafts: a field the online side left alone stays the operator’s, at the newer versions', () => {
    const older = record();
    const newer = record({ alamat: 'Jl. Baru 1' }, { [SRI]: { pendidikan_tertinggi: 5 } }, 3);
    const draft = stored(correction(older, 'd1', { lantai: 2 }, { [BUDI]: { sta_kawin: 3 } }));
    const exported = stored(correction(older, 'e1', { jumlah_kamar: 3 }), { subject: '3174011001000124', status: 'exported' });
    const { updated, report } = rebaseDrafts(
      [draft, exported],
      () => older,
      (id) => (id === IDBDT ? newer : undefined),
      NEW.releaseId,
    );
    expect(updated).toHaveLength(1);
    const moved = updated[0]!;
    expect(moved.json).toMatchObject({ baseVersion: 3, household: { lantai: 2 } });
    expect((moved.json as PerbaikanJson).members).toEqual([{ op: 'update', idartbdt: BUDI, baseVersion: 3, fields: { sta_kawin: 3 } }]);
    expect(moved.rebase).toEqual({ releaseId: NEW.releaseId, conflicts: [], gone: null });
    expect(isBlocked(moved)).toBe(false);
    expect(report).toEqual({ drafts: 1, conflicted: 0, gone: 0, waiting: 1 });
    expect(pendingProposals([moved, exported]).map((p) => p.proposalId)).toEqual(['d1']);
  });

  it('shows a field changed online to another value as a conflict, never overwritten nor exported until decided', () => {
    const older = record();
    // Online meanwhile: lantai 6 → 4 (another package), luas_lantai to the operator's own value, Budi's sta_kawin changed.
    const newer = record({ lantai: 4, luas_lantai: 40 }, { [BUDI]: { sta_kawin: 4 } }, 2);
    const draft = stored(correction(older, 'd2', { lantai: 2, luas_lantai: 40, jumlah_kamar: 3 }, { [BUDI]: { sta_kawin: 3 } }));
    const { updated, report } = rebaseDrafts(
      [draft],
      () => older,
      () => newer,
      NEW.releaseId,
    );
    const moved = updated[0]!;
    // The value the newer release already holds leaves the draft; the others stay the operator's.
    expect(moved.json).toMatchObject({ household: { lantai: 2, jumlah_kamar: 3 } });
    expect((moved.json as PerbaikanJson).household).not.toHaveProperty('luas_lantai');
    expect(moved.rebase?.conflicts).toEqual([
      { member: null, field: 'lantai', seen: 6, mine: 2, theirs: 4 },
      { member: BUDI, field: 'sta_kawin', seen: 2, mine: 3, theirs: 4 },
    ]);
    expect(report.conflicted).toBe(1);
    expect(isBlocked(moved)).toBe(true);
    expect(pendingProposals([moved])).toEqual([]);

    // Keep mine for lantai, take the new value for Budi: the draft is exportable again.
    const kept = resolveConflict(moved, 0, 'mine');
    expect(kept.json).toMatchObject({ household: { lantai: 2 } });
    const done = resolveConflict(kept, 0, 'theirs');
    expect((done.json as PerbaikanJson).members).toEqual([]);
    expect(done.rebase?.conflicts).toEqual([]);
    expect(pendingProposals([done]).map((p) => p.proposalId)).toEqual(['d2']);

    // Saving the editor over a conflicted draft keeps the conflicts about what it still holds.
    const json: PerbaikanJson = { ...(moved.json as PerbaikanJson), members: [] };
    const again = draftOf([moved], moved, { ...moved, type: 'PERBAIKAN', json });
    expect(again.rebase?.conflicts.map((c) => c.field)).toEqual(['lantai']);
    expect(carryRebase(undefined, moved.json)).toBeUndefined();
  });

  it('a value the operator’s own earlier proposal asked for is no conflict; a household or member gone is flagged', () => {
    const older = record();
    const earlier = stored(correction(older, 'e2', { lantai: 3 }), { status: 'exported' });
    // Approved online (lantai 3); the operator now enters 2, starting from what he proposed.
    const draft = stored(correction(older, 'd3', { lantai: 2 }), { replaces: 'e2' });
    const newer = record({ lantai: 3 }, {}, 2);
    const moved = rebaseDrafts(
      [earlier, draft],
      () => older,
      () => newer,
      NEW.releaseId,
    ).updated[0]!;
    expect(moved.rebase?.conflicts).toEqual([]);
    expect(moved.json).toMatchObject({ household: { lantai: 2 }, baseVersion: 2 });

    const gone = rebaseDrafts(
      [draft],
      () => older,
      () => undefined,
      NEW.releaseId,
    );
    expect(gone.updated[0]!.rebase?.gone).toBe('scope');
    expect(gone.report.gone).toBe(1);
    expect(isBlocked(gone.updated[0]!)).toBe(true);
    const nonaktif = rebaseDrafts(
      [draft],
      () => older,
      () => record({ status: 'NONAKTIF' }, {}, 2),
      NEW.releaseId,
    );
    expect(nonaktif.updated[0]!.rebase?.gone).toBe('nonaktif');

    const withMember = stored(correction(older, 'd4', {}, { [SRI]: { sta_keberadaan_art: 2 } }));
    const without = { ...newer, members: newer.members.filter((m) => m.idartbdt !== SRI) };
    const m = rebaseDrafts(
      [withMember],
      () => older,
      () => without,
      NEW.releaseId,
    ).updated[0]!;
    expect(m.rebase?.conflicts).toEqual([{ member: SRI, field: null, seen: null, mine: { sta_keberadaan_art: 2 }, theirs: null }]);
    // A member gone cannot be kept; dropping its changes clears the conflict.
    expect(resolveConflict(m, 0, 'mine')).toBe(m);
    expect((resolveConflict(m, 0, 'theirs').json as PerbaikanJson).members).toEqual([]);
  });
});

describe('after feedback', () => {
  it('a rejected change is not carried into the next proposal unless the operator enters it again', () => {
    const base = record();
    const sent = correction(base, 'p1', { lantai: 2, jumlah_kamar: 3 }, { [BUDI]: { sta_kawin: 3 } });
    // Rejected whole: the editor starts from the release; a new change goes alone.
    expect(startingProposal({ json: sent, feedback: decision({ decision: 'DITOLAK', reason: 'Tidak sesuai' }) })).toBeNull();
    const next = editStateFrom(base, null);
    next.household.ada_tv = false;
    const redo = buildPerbaikan(base, next, verval(), { proposalId: 'p2', createdAt: '2026-12-02T10:00:00Z' });
    expect(redo.household).toEqual({ ada_tv: false });
    expect(redo.members).toEqual([]);

    // Partly approved: lantai kept, jumlah_kamar and Budi rejected; the next proposal carries only what was kept.
    const partial = decision({
      decision: 'SEBAGIAN',
      reason: 'Jumlah kamar tidak sesuai',
      acceptedFields: ['household.lantai'],
      rejectedFields: ['household.jumlah_kamar', 'members[0]'],
    });
    const start = startingProposal({ json: sent, feedback: partial });
    expect(start).toMatchObject({ household: { lantai: 2 }, members: [] });
    const after = buildPerbaikan(base, editStateFrom(base, start), verval(), { proposalId: 'p3', createdAt: '2026-12-02T10:00:00Z' });
    expect(after.household).toEqual({ lantai: 2 });
    expect(after.members).toEqual([]);

    // Approved, waiting or returned for correction: the editor starts from the proposal as sent.
    for (const feedback of [null, decision({}), decision({ decision: 'PERLU_PERBAIKAN', reason: 'Lengkapi' })])
      expect(startingProposal({ json: sent, feedback })).toBe(sent);
    // An exported rejected proposal is never in the next package (no re-export asked).
    const rejected = stored(sent, { status: 'exported', feedback: decision({ decision: 'DITOLAK', reason: 'x' }) });
    expect(pendingProposals([rejected])).toEqual([]);
  });

  it('feedback on a package exported under an older release opens with the kept key', async () => {
    const oldKey = new Uint8Array(32).map((_, i) => i * 5 + 3);
    const newKey = new Uint8Array(32).map((_, i) => i * 7 + 1);
    const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64');
    const header: FeedbackHeader = {
      kind: 'feedback',
      formatVersion: 1,
      id: 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e',
      createdAt: '2026-11-25T09:00:00Z',
      app: { name: 'siks-ng', version: '0.1.0' },
      kabKota: '3174',
      period: '2026-11',
      key: { kdf: 'hkdf-sha256', release: OLD.releaseId },
      package: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    };
    const line = { proposalId: '11111111-1111-4111-8111-111111111111', decision: 'DISETUJUI', decidedAt: '2026-11-25T08:00:00Z' };
    const file = await writeFeedback(header, [line], oldKey);
    const installed = { releaseId: NEW.releaseId, packageKey: b64(newKey) };
    const kept = [{ releaseId: OLD.releaseId, packageKey: b64(oldKey) }];
    const content = await readFeedback(
      file,
      packageKeyProvider((id) => feedbackKey(installed, kept, id)),
    );
    expect(content.feedback).toEqual([line]);
    // Without the kept key the file names a release this device does not know.
    await expect(
      readFeedback(
        file,
        packageKeyProvider((id) => feedbackKey(installed, [], id)),
      ),
    ).rejects.toThrow();
    expect(feedbackKey(installed, kept, NEW.releaseId)).toBe(b64(newKey));
  });
});
