// What the fuzz properties share: how many runs (a few hundred each inside `npm test`; FUZZ_RUNS
// each under `npm run fuzz`), the fixed seed (FUZZ_SEED to replay another; fast-check prints the
// seed and path of a failing case), and random mutations of valid bytes.
import fc from 'fast-check';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_205);

/** fast-check parameters: `runs` in the ordinary test run, FUZZ_RUNS when set; always seeded. */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
  const override = Number(process.env.FUZZ_RUNS);
  return { seed, numRuns: Number.isInteger(override) && override > 0 ? override : runs, endOnFailure: true };
}

/** Test time out scaled for FUZZ_RUNS (ms). */
export const fuzzTimeout = process.env.FUZZ_RUNS ? 3_600_000 : 30_000;

// 32-bit values a mutation writes over a field: declared sizes and offsets at and past every limit.
const EXTREMES = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x0001_0000, 0x0c80_0000];

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; byte: number }
  | { op: 'u32'; at: number; value: number }
  | { op: 'u16'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; keep: number };

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), at, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('u32' as const), at, value: fc.oneof(fc.constantFrom(...EXTREMES), fc.nat()) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('u16' as const), at, value: fc.constantFrom(0, 1, 0xffff, 0x8000, 8, 99) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), keep: at }) },
);

/** One to six mutations. */
export const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

/** `base` with the mutations applied in turn (positions taken modulo the current length). */
export function mutate(base: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Uint8Array.from(base);
  for (const m of ms) {
    const n = b.length;
    if (m.op === 'truncate') {
      b = b.subarray(0, n === 0 ? 0 : m.keep % n);
      continue;
    }
    if (n === 0) continue;
    const i = m.at % n;
    if (m.op === 'flip') b[i] = b[i]! ^ (1 << m.bit);
    else if (m.op === 'set') b[i] = m.byte;
    else if (m.op === 'u32' || m.op === 'u16') {
      const width = m.op === 'u32' ? 4 : 2;
      for (let k = 0; k < width && i + k < n; k++) b[i + k] = (m.value >>> (8 * k)) & 0xff;
    } else if (m.op === 'insert') {
      const next = new Uint8Array(n + m.bytes.length);
      next.set(b.subarray(0, i), 0);
      next.set(m.bytes, i);
      next.set(b.subarray(i), i + m.bytes.length);
      b = next;
    } else {
      b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(Math.min(n, i + m.length))]);
    }
  }
  return b;
}
