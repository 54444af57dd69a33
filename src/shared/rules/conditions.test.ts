import { describe, expect, it } from 'vitest';
import { type Entity, entityFields, fieldDef } from '../dictionary/index.ts';
import { describeCondition, evalCondition, parseCondition } from './conditions.ts';

describe('parseCondition', () => {
  it('reads the forms the dictionary uses', () => {
    expect(parseCondition('sta_bangunan = 1')).toEqual({ field: 'sta_bangunan', op: '=', value: 1 });
    expect(parseCondition('sta_kawin != 1')).toEqual({ field: 'sta_kawin', op: '!=', value: 1 });
    expect(parseCondition('aset_tak_bergerak = true')).toEqual({ field: 'aset_tak_bergerak', op: '=', value: true });
    expect(parseCondition('sta_bekerja = false')).toEqual({ field: 'sta_bekerja', op: '=', value: false });
    expect(parseCondition('partisipasi_sekolah != 0')).toEqual({ field: 'partisipasi_sekolah', op: '!=', value: 0 });
  });

  it('refuses anything richer', () => {
    expect(() => parseCondition('a = 1 and b = 2')).toThrow();
    expect(() => parseCondition('a > 1')).toThrow();
    expect(() => parseCondition("a = 'x'")).toThrow();
  });

  it('parses every condition of the dictionary, each naming a field of the same entity', () => {
    for (const entity of ['household', 'member'] as Entity[]) {
      for (const f of entityFields(entity)) {
        for (const expr of [f.requiredWhen, f.forbiddenWhen]) {
          if (expr === undefined) continue;
          const c = parseCondition(expr);
          expect(fieldDef(entity, c.field), `${f.name}: ${expr}`).toBeDefined();
        }
      }
    }
  });
});

describe('evalCondition', () => {
  it('compares present values', () => {
    expect(evalCondition('sta_bangunan = 1', { sta_bangunan: 1 })).toBe(true);
    expect(evalCondition('sta_bangunan = 1', { sta_bangunan: 2 })).toBe(false);
    expect(evalCondition('sta_bangunan != 1', { sta_bangunan: 2 })).toBe(true);
    expect(evalCondition('sta_bekerja = false', { sta_bekerja: false })).toBe(true);
    expect(evalCondition('sta_bekerja = true', { sta_bekerja: false })).toBe(false);
  });

  it('is false both ways when the field is null, absent or of another type', () => {
    for (const record of [{ sta_kawin: null }, {}, { sta_kawin: '2' }]) {
      expect(evalCondition('sta_kawin = 1', record)).toBe(false);
      expect(evalCondition('sta_kawin != 1', record)).toBe(false);
    }
  });

  it('describes a condition with labels', () => {
    expect(describeCondition('household', 'sta_bangunan = 1').id).toBe('Status penguasaan bangunan tempat tinggal adalah "Milik sendiri"');
    expect(describeCondition('member', 'partisipasi_sekolah != 0').en).toBe('Partisipasi sekolah is not "Tidak/belum pernah sekolah"');
    expect(describeCondition('household', 'aset_tak_bergerak = true').id).toBe('Memiliki aset tak bergerak (lahan) adalah "Ya"');
  });
});
