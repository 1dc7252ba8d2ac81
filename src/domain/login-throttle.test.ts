import { describe, expect, it } from 'vitest';
import { lockSecondsAfter, normalizeIdentifier } from './login-throttle.ts';

describe('login back-off', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 60],
    [6, 120],
    [8, 480],
    [20, 3600],
  ])('after %i failures locks %i s', (failures, seconds) => {
    expect(lockSecondsAfter(failures)).toBe(seconds);
  });
  it('normalises identifiers', () => {
    expect(normalizeIdentifier(' Lan@Example.VN ')).toBe('lan@example.vn');
  });
});
