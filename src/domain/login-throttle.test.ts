import { describe, expect, it } from 'vitest';
import {
  lockSecondsAfter,
  loginThrottlePolicies,
  normalizeIdentifier,
  throttleKeys,
} from './login-throttle.ts';

describe('login back-off', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 60],
    [6, 120],
    [8, 480],
    [20, 3600],
  ])('after %i failures of an account locks %i s', (failures, seconds) => {
    expect(lockSecondsAfter(failures)).toBe(seconds);
  });
  it.each([
    [19, 0],
    [20, 60],
    [21, 120],
    [40, 3600],
  ])('after %i failures from an address locks %i s', (failures, seconds) => {
    expect(lockSecondsAfter(failures, loginThrottlePolicies.address)).toBe(seconds);
  });
  it('normalises identifiers', () => {
    expect(normalizeIdentifier(' Lan@Example.VN ')).toBe('lan@example.vn');
  });
  it('charges an account once whichever identifier was typed, and an unknown identifier on its own', () => {
    expect(throttleKeys('a1', '0912345678', '10.0.0.1')).toEqual({
      account: 'account:a1',
      address: 'address:10.0.0.1',
    });
    expect(throttleKeys('a1', 'Lan@Example.vn', '10.0.0.1').account).toBe('account:a1');
    expect(throttleKeys(null, ' Lan@Example.VN ', null)).toEqual({
      account: 'identifier:lan@example.vn',
      address: null,
    });
  });
});
