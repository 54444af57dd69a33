import { describe, expect, it } from 'vitest';
import { BSP_LINE_KEYS, PBI_LINE_KEYS, REMOVAL_REASONS, checkProgrammeLine, householdOf } from './programme-line.ts';

const ID = '0b7a4c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d';
const AT = '2026-02-11T10:00:00+07:00';
const IDBDT = '3174011001000123';
const OTHER = '3174011001000456';

type Line = Record<string, unknown>;
const bsp = (over: Line = {}): Line => ({
  proposalId: ID,
  type: 'BSP_GANTI',
  program: 'BPNT',
  idbdt: IDBDT,
  replacementIdbdt: OTHER,
  reason: 1,
  note: '',
  createdAt: AT,
  id_pengurus: null,
  no_kks: null,
  no_rekening: null,
  ...over,
});
const ubah = (over: Line = {}): Line => bsp({ type: 'BSP_UBAH', replacementIdbdt: null, reason: null, ...over });
const pbi = (over: Line = {}): Line => ({
  proposalId: ID,
  type: 'PBI_NONAKTIF',
  idartbdt: `${IDBDT}01`,
  reason: 2,
  note: null,
  createdAt: AT,
  ...over,
});
const codes = (module: 'BSP' | 'PBI', line: unknown) => checkProgrammeLine(module, line).map((i) => `${i.path}:${i.code}`);

describe('checkProgrammeLine (BSP)', () => {
  it('accepts each BSP type written as the format page shows it', () => {
    expect(codes('BSP', bsp())).toEqual([]);
    expect(codes('BSP', bsp({ type: 'BSP_NONAKTIF', replacementIdbdt: null, reason: 6, program: 'RASTRA' }))).toEqual([]);
    expect(codes('BSP', ubah({ id_pengurus: `${IDBDT}02` }))).toEqual([]);
    expect(codes('BSP', ubah({ no_kks: '123456', no_rekening: '123456789012345678901234567890' }))).toEqual([]);
  });

  it('requires every key of the example, null where it does not apply', () => {
    const line = bsp();
    delete line.no_kks;
    delete line.note;
    expect(codes('BSP', line)).toEqual(['note:REQUIRED', 'no_kks:REQUIRED']);
    expect(codes('BSP', {})).toEqual(BSP_LINE_KEYS.map((k) => `${k}:REQUIRED`));
  });

  it('refuses keys set where the type says null', () => {
    expect(codes('BSP', bsp({ type: 'BSP_NONAKTIF' }))).toEqual(['replacementIdbdt:FORBIDDEN_WHEN']);
    expect(codes('BSP', bsp({ no_kks: '123456' }))).toEqual(['no_kks:FORBIDDEN_WHEN']);
    expect(codes('BSP', ubah({ reason: 3, no_kks: '123456' }))).toEqual(['reason:FORBIDDEN_WHEN']);
  });

  it('requires what the type needs', () => {
    expect(codes('BSP', bsp({ replacementIdbdt: null, reason: null }))).toEqual(['replacementIdbdt:REQUIRED_WHEN', 'reason:REQUIRED_WHEN']);
    expect(codes('BSP', bsp({ idbdt: null, program: null }))).toEqual(['program:REQUIRED', 'idbdt:REQUIRED']);
    expect(codes('BSP', ubah())).toEqual(['id_pengurus:REQUIRED_WHEN']);
  });

  it('checks codes, types and the patterns of the programme lists', () => {
    expect(codes('BSP', bsp({ program: 'PKH', reason: 7, type: 'BSP_GANTI' }))).toEqual(['program:CODE', 'reason:CODE']);
    expect(codes('BSP', bsp({ type: 'PERBAIKAN' }))).toEqual(['type:CODE']);
    expect(codes('BSP', bsp({ idbdt: '317401', replacementIdbdt: 3174011001000456 }))).toEqual(['idbdt:PATTERN', 'replacementIdbdt:TYPE']);
    expect(codes('BSP', ubah({ no_kks: '12345', no_rekening: '1234567890123456789012345678901' }))).toEqual([
      'no_kks:PATTERN',
      'no_rekening:PATTERN',
    ]);
    expect(codes('BSP', ubah({ no_kks: '123456789012345678901' }))).toEqual(['no_kks:PATTERN']);
    expect(codes('BSP', ubah({ id_pengurus: '31740110010001230' }))).toEqual(['id_pengurus:PATTERN']);
    expect(codes('BSP', bsp({ createdAt: '2026-02-30T10:00:00Z', proposalId: 'abc', note: 5 }))).toEqual([
      'proposalId:PATTERN',
      'createdAt:DATE',
      'note:TYPE',
    ]);
    expect(codes('BSP', bsp({ extra: 1 }))).toEqual(['extra:UNKNOWN_FIELD']);
  });

  it('keeps the caretaker in the household and the replacement apart from it', () => {
    expect(codes('BSP', ubah({ id_pengurus: `${OTHER}01` }))).toEqual(['id_pengurus:UNKNOWN_REFERENCE']);
    expect(codes('BSP', bsp({ replacementIdbdt: IDBDT }))).toEqual(['replacementIdbdt:NOT_ELIGIBLE']);
  });

  it('refuses a line that is not an object and unprintable text, never quoting it', () => {
    expect(codes('BSP', [])).toEqual([':TYPE']);
    const found = checkProgrammeLine('BSP', bsp({ note: 'a\u0000b', 'k\uD800': 1 }));
    expect(found.map((i) => `${i.path}:${i.code}`)).toEqual(['k\uFFFD:UNKNOWN_FIELD', 'note:TYPE', 'k\uFFFD:TYPE']);
    expect(found.every((i) => !i.message.id.includes('\uD800'))).toBe(true);
  });
});

describe('checkProgrammeLine (PBI)', () => {
  it('accepts a removal and a proposal of a new participant', () => {
    expect(codes('PBI', pbi())).toEqual([]);
    expect(codes('PBI', pbi({ type: 'PBI_USUL', reason: null, note: 'anak sekolah' }))).toEqual([]);
  });

  it('applies the keys and reasons of the PBI module', () => {
    expect(codes('PBI', pbi({ type: 'PBI_USUL' }))).toEqual(['reason:FORBIDDEN_WHEN']);
    expect(codes('PBI', pbi({ reason: null }))).toEqual(['reason:REQUIRED_WHEN']);
    expect(codes('PBI', pbi({ idartbdt: IDBDT }))).toEqual(['idartbdt:PATTERN']);
    expect(codes('PBI', pbi({ type: 'BSP_GANTI', program: 'PBI' }))).toEqual(['program:UNKNOWN_FIELD', 'type:CODE']);
    expect(codes('PBI', {})).toEqual(PBI_LINE_KEYS.map((k) => `${k}:REQUIRED`));
  });

  it("names the member's household", () => {
    expect(householdOf('PBI', pbi() as never)).toBe(IDBDT);
    expect(householdOf('BSP', bsp() as never)).toBe(IDBDT);
    expect(Object.keys(REMOVAL_REASONS)).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
