import { describe, expect, it } from 'vitest';
import { makeClock } from './clock.ts';

describe('clock', () => {
  it('reads the system clock without a test instant', () => {
    const c = makeClock(undefined, () => Date.parse('2026-12-04T21:00:00Z'));
    expect(c.now().toISOString()).toBe('2026-12-04T21:00:00.000Z');
  });

  it('starts at SIKS_TEST_CLOCK and advances in real time', () => {
    let real = Date.parse('2026-07-01T08:00:00Z');
    const c = makeClock('2026-12-04T23:30:00Z', () => real);
    expect(c.now().toISOString()).toBe('2026-12-04T23:30:00.000Z');
    real += 90_000;
    expect(c.now().toISOString()).toBe('2026-12-04T23:31:30.000Z');
  });

  it('refuses a value that is not an instant', () => {
    expect(() => makeClock('tomorrow')).toThrow(/SIKS_TEST_CLOCK/);
  });
});
