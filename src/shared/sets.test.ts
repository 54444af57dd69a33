import { describe, expect, it } from 'vitest';
import { toggled } from './sets.ts';

describe('toggled', () => {
  it('adds a missing value and removes a present one, leaving the given set as it was', () => {
    const start = new Set(['a', 'b']);
    expect([...toggled(start, 'c')]).toEqual(['a', 'b', 'c']);
    expect([...toggled(start, 'a')]).toEqual(['b']);
    expect([...start]).toEqual(['a', 'b']);
  });
});
