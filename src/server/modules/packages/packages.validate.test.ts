import { describe, expect, it } from 'vitest';
import { FIXTURE_CHECK_DATE, FIXTURE_DESA, validHousehold } from '../../../shared/rules/test-fixtures.ts';
import { type CheckContext, type CurrentHousehold, checkProposal } from './packages.validate.ts';

const IDBDT = `${FIXTURE_DESA}000123`;

// A registered household whose second member already has a finding (R6: the head's spouse not
// married) and, with `nikElsewhere`, a first member whose NIK another household holds (R5).
function registry(nikElsewhere = false): CheckContext {
  const rec = validHousehold();
  const members = rec.members.map((m, i) => ({ ...m, version: 1, ...(i === 1 ? { sta_kawin: 1 } : {}) }));
  const current: CurrentHousehold = {
    row: { ...rec.household, idbdt: IDBDT, kode_wilayah: FIXTURE_DESA, version: 1, status: 'AKTIF' },
    members,
  };
  const nik = String(members[0]!.nik);
  return {
    kab: '3174',
    scope: ['317401'],
    allowedDesa: new Set([FIXTURE_DESA]),
    households: new Map([[IDBDT, current]]),
    nikHolders: new Map(nikElsewhere ? [[nik, new Set(['3174010001999999'])]] : []),
    history: new Map(),
  };
}

const line = (household: Record<string, unknown>, members: unknown[] = []) =>
  ({
    proposalId: '0b7a4c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d',
    type: 'PERBAIKAN',
    idbdt: IDBDT,
    baseVersion: 1,
    verval: { result: 1, duplicateOf: null, mergeInto: null, visitedAt: FIXTURE_CHECK_DATE, musdesAt: null, note: '' },
    household,
    members,
    media: [],
    createdAt: '2019-02-11T10:00:00+07:00',
  }) as never;

const found = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('checkProposal of a PERBAIKAN that changes only household fields', () => {
  it('reports an introduced household error as an error and the findings the members already had as warnings', () => {
    // Not PLN any more while the household still has its PLN power class: an error the change introduces.
    const bad = checkProposal(line({ sumber_penerangan: 2 }), registry(true));
    expect(bad.status).toBe('GAGAL_VALIDASI');
    expect(found(bad.errors)).toContain('household.daya:FORBIDDEN_WHEN');
    expect(found(bad.errors).every((f) => f.startsWith('household.'))).toBe(true);
    expect(found(bad.warnings)).toEqual(expect.arrayContaining(['members:R5', 'members:R6']));

    const good = checkProposal(line({ lantai: 2 }), registry(true));
    expect(good.status).toBe('MENUNGGU');
    expect(good.errors).toEqual([]);
    expect(good.warnings).toEqual(bad.warnings);
  });

  it('finds what a validation of the whole merged record finds: the same as with a member operation that changes nothing', () => {
    for (const household of [{ sumber_penerangan: 2 }, { aset_tak_bergerak: true }, { lantai: 2 }]) {
      const ctx = registry(true);
      const third = (ctx.households.get(IDBDT)!.members[2] as { idartbdt: string }).idartbdt;
      const alone = checkProposal(line(household), ctx);
      // An update of the third member with no fields takes the whole-record path; that member has no finding.
      const whole = checkProposal(line(household, [{ op: 'update', idartbdt: third, baseVersion: 1, fields: {} }]), ctx);
      expect({ errors: alone.errors, warnings: alone.warnings, status: alone.status }).toEqual({
        errors: whole.errors,
        warnings: whole.warnings,
        status: whole.status,
      });
    }
  });
});
