// Property tests of the proposal-line checkers the importer runs on every line of a package
// (shared/api/proposal-line.ts for BDT, programme-line.ts for BSP/PBI): any JSON value, and lines
// shaped like proposals with random values in every place, never make them throw; the answer is
// always a list of findings, each with a path, a code and a message in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdFields, memberFields } from '../../../src/shared/dictionary/index.ts';
import { ADD_KEYS, checkProposalLine, MEDIA_TAGS, PROPOSAL_KEYS, UPDATE_KEYS, VERVAL_KEYS } from '../../../src/shared/api/proposal-line.ts';
import { BSP_LINE_KEYS, BSP_TYPES, checkProgrammeLine, PBI_LINE_KEYS, PBI_TYPES } from '../../../src/shared/api/programme-line.ts';
import { PROPOSAL_TYPES } from '../../../src/shared/api/vocabulary.ts';
import type { Issue } from '../../../src/shared/rules/issues.ts';
import { fuzzParams, fuzzTimeout } from './fuzz.ts';

// Text with what hostile lines carry: lone surrogates, NUL, long digit runs, odd dates.
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '0', '9', '-', 'T', ':', 'Z'), loneSurrogate) }),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.constantFrom('2019-02-29', '0000-01-01', '2019-02-11T10:00:00Z', '9999-12-31T23:59:60+14:00', '__proto__', 'constructor'),
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1e308, null, true, false),
);
// JSON only: whatever the generator makes goes through stringify/parse, as a package line does.
const asJson = <T>(arb: fc.Arbitrary<T>) => arb.map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown);
const any: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
const uuidish = fc.oneof(fc.uuid({ version: 4 }), any);
const fieldsOf = (names: readonly string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), any, { maxKeys: 8 });
const some = <K extends string>(keys: readonly K[], value: (k: K) => fc.Arbitrary<unknown>) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, fc.Arbitrary<unknown>>, { requiredKeys: [] });

const memberOp = fc.oneof(
  some([...UPDATE_KEYS], (k) =>
    k === 'op' ? fc.constantFrom('update', 'add', 'remove') : k === 'fields' ? fieldsOf(memberFields.map((f) => f.name)) : any,
  ),
  some([...ADD_KEYS], (k) => (k === 'op' ? fc.constant('add') : k === 'fields' ? fieldsOf(memberFields.map((f) => f.name)) : any)),
  any,
);
const bdtLine = some([...PROPOSAL_KEYS], (k) => {
  switch (k) {
    case 'proposalId':
      return uuidish;
    case 'type':
      return fc.oneof(fc.constantFrom(...PROPOSAL_TYPES), any);
    case 'verval':
      return fc.oneof(
        some([...VERVAL_KEYS], (v) => (v === 'result' ? fc.oneof(fc.integer({ min: 0, max: 7 }), any) : any)),
        any,
      );
    case 'household':
      return fc.oneof(fieldsOf(householdFields.map((f) => f.name)), any);
    case 'members':
      return fc.oneof(fc.array(memberOp, { maxLength: 4 }), any);
    case 'media':
      return fc.oneof(
        fc.array(
          fc.oneof(
            some(['sha256', 'tag'], (m) => (m === 'tag' ? fc.constantFrom(...MEDIA_TAGS) : any)),
            any,
          ),
          { maxLength: 3 },
        ),
        any,
      );
    default:
      return any;
  }
});
const programmeLine = (keys: readonly string[], types: readonly string[]) =>
  some([...keys], (k) => (k === 'type' ? fc.oneof(fc.constantFrom(...types), any) : k === 'proposalId' ? uuidish : any));

/** The checker's answer is a list of well-formed findings. */
function wellFormed(issues: Issue[]): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const i of issues) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.code).toBe('string');
    expect(typeof i.message.id === 'string' && typeof i.message.en === 'string').toBe(true);
  }
}

describe('fuzz: proposal-line checkers', () => {
  it('BDT: any JSON value and any proposal-shaped line is answered with findings, never an exception', { timeout: fuzzTimeout }, () => {
    fc.assert(
      fc.property(fc.oneof(asJson(bdtLine), fc.jsonValue()), fc.boolean(), (line, complete) => {
        wellFormed(checkProposalLine(line, { complete }));
      }),
      fuzzParams(800),
    );
  });

  it('BSP and PBI: any JSON value and any programme-shaped line is answered with findings, never an exception', {
    timeout: fuzzTimeout,
  }, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constant('BSP' as const), fc.oneof(asJson(programmeLine(BSP_LINE_KEYS, BSP_TYPES)), fc.jsonValue())),
          fc.tuple(fc.constant('PBI' as const), fc.oneof(asJson(programmeLine(PBI_LINE_KEYS, PBI_TYPES)), fc.jsonValue())),
        ),
        ([module, line]) => {
          wellFormed(checkProgrammeLine(module, line));
        },
      ),
      fuzzParams(500),
    );
  });
});
