import { describe, expect, it } from 'vitest';
import { packageKeyProvider, readFeedback, writeFeedback } from '../../shared/siks/browser.ts';
import type { FeedbackHeader } from '../../shared/siks/index.ts';
import { applyFeedback, canCorrect, parseDecision } from './feedback.ts';
import type { StoredProposal } from './model.ts';

const RELEASE_ID = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
const PACKAGE_ID = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
const PACKAGE_KEY = new Uint8Array(32).map((_, i) => i * 3 + 1);
const src = { feedbackId: 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e', receivedAt: '2019-03-02T08:00:00+07:00' };
// The header of the feedback to the package PACKAGE_ID of release RELEASE_ID.
const HEADER: FeedbackHeader = {
  kind: 'feedback',
  formatVersion: 1,
  id: src.feedbackId,
  createdAt: '2019-03-01T09:00:00Z',
  app: { name: 'siks-ng', version: '0.1.0' },
  kabKota: '3174',
  period: '2019-01',
  key: { kdf: 'hkdf-sha256', release: RELEASE_ID },
  package: PACKAGE_ID,
};

function proposal(proposalId: string, subject: string, seq: number, over: Partial<StoredProposal> = {}): StoredProposal {
  return {
    proposalId,
    subject,
    type: 'PERBAIKAN',
    status: 'exported',
    json: {
      proposalId,
      type: 'PERBAIKAN',
      idbdt: subject,
      baseVersion: 1,
      verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: '2019-02-11', musdesAt: null, note: '' },
      household: {},
      members: [],
      media: [],
      createdAt: '2019-02-11T10:00:00Z',
    },
    label: 'X',
    kodeWilayah: subject.slice(0, 10),
    seq,
    updatedAt: '2019-02-11T10:00:00Z',
    reexport: false,
    exports: [{ packageId: PACKAGE_ID, fileName: '3174011001_2019-02-21.siks', at: '2019-02-21T10:00:00Z' }],
    replaces: null,
    feedback: null,
    ...over,
  };
}

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';
const P4 = '44444444-4444-4444-8444-444444444444';

describe('feedback', () => {
  it('reads a .siksfb sealed with the release packageKey and attaches every decision to its proposal', async () => {
    const lines = [
      {
        proposalId: P1,
        decision: 'DISETUJUI',
        reason: null,
        acceptedFields: null,
        rejectedFields: null,
        errors: [],
        assigned: null,
        decidedAt: '2019-03-01T08:00:00Z',
      },
      {
        proposalId: P2,
        decision: 'PERLU_PERBAIKAN',
        reason: 'Foto rumah tidak ada',
        errors: [],
        assigned: null,
        decidedAt: '2019-03-01T08:01:00Z',
      },
      {
        proposalId: P3,
        decision: 'GAGAL_VALIDASI',
        errors: [{ path: 'members[0].fields.nik', code: 'R3', message: 'NIK: harus 16 digit angka' }],
        decidedAt: '2019-03-01T08:02:00Z',
      },
      {
        proposalId: P4,
        decision: 'DISETUJUI',
        assigned: { idbdt: '3174011001000777', members: { a1: '317401100100077701', a2: '317401100100077702' } },
        decidedAt: '2019-03-01T08:03:00Z',
      },
      { proposalId: '55555555-5555-4555-8555-555555555555', decision: 'DUPLIKAT', decidedAt: '2019-03-01T08:04:00Z' },
    ];
    const file = await writeFeedback(HEADER, lines, PACKAGE_KEY);
    const content = await readFeedback(
      file,
      packageKeyProvider((id) => (id === RELEASE_ID ? Buffer.from(PACKAGE_KEY).toString('base64') : undefined)),
    );
    const proposals = [
      proposal(P1, '3174011001000001', 1),
      proposal(P2, '3174011001000002', 2),
      proposal(P3, '3174011001000003', 3),
      proposal(P4, 'local-usulan-1', 4, { type: 'USULAN_BARU' }),
    ];
    const r = applyFeedback(proposals, content.feedback, src);
    expect(r.unknown).toEqual(['55555555-5555-4555-8555-555555555555']);
    expect(r.invalid).toBe(0);
    const by = new Map(r.updated.map((p) => [p.proposalId, p.feedback]));
    expect(by.get(P1)).toMatchObject({ decision: 'DISETUJUI', feedbackId: src.feedbackId });
    expect(by.get(P2)).toMatchObject({ decision: 'PERLU_PERBAIKAN', reason: 'Foto rumah tidak ada' });
    expect(by.get(P3)?.errors).toEqual([{ path: 'members[0].fields.nik', code: 'R3', message: 'NIK: harus 16 digit angka' }]);
    expect(by.get(P4)?.assigned).toEqual({
      idbdt: '3174011001000777',
      members: { a1: '317401100100077701', a2: '317401100100077702' },
    });

    const after = proposals.map((p) => r.updated.find((u) => u.proposalId === p.proposalId) ?? p);
    expect(after.filter((p) => canCorrect(p, after)).map((p) => p.proposalId)).toEqual([P2, P3]);
    // Once a newer proposal exists for the subject, the old one is no longer offered for correction.
    const corrected = [
      ...after,
      proposal('66666666-6666-4666-8666-666666666666', '3174011001000002', 5, { status: 'draft', replaces: P2 }),
    ];
    expect(corrected.filter((p) => canCorrect(p, corrected)).map((p) => p.proposalId)).toEqual([P3]);
  });

  it('wrong key: the codec refuses the file and nothing is applied', async () => {
    const file = await writeFeedback({ ...HEADER, app: { name: 'x', version: '1' } }, [], PACKAGE_KEY);
    await expect(
      readFeedback(
        file,
        packageKeyProvider(() => new Uint8Array(32)),
      ),
    ).rejects.toMatchObject({ code: 'SIKS_AUTH' });
    await expect(
      readFeedback(
        file,
        packageKeyProvider(() => undefined),
      ),
    ).rejects.toMatchObject({ code: 'SIKS_UNKNOWN_RELEASE' });
  });

  it('an older decision does not replace a newer one; unknown decisions and drafts are not touched', () => {
    const newer = proposal(P1, '3174011001000001', 1, {
      feedback: parseDecision({ proposalId: P1, decision: 'DISETUJUI', decidedAt: '2019-03-05T00:00:00Z' }, src)!,
    });
    const r = applyFeedback(
      [newer, proposal(P2, '3174011001000002', 2, { status: 'draft', exports: [] })],
      [
        { proposalId: P1, decision: 'DITOLAK', reason: 'x', decidedAt: '2019-03-01T00:00:00Z' },
        { proposalId: P2, decision: 'DITOLAK', reason: 'x', decidedAt: '2019-03-01T00:00:00Z' },
        { proposalId: P1, decision: 'MAYBE' },
      ],
      src,
    );
    expect(r.updated).toEqual([]);
    expect(r.unknown).toEqual([P2]);
    expect(r.invalid).toBe(1);
  });
});
