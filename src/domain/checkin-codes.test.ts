import { describe, expect, it } from 'vitest';
import { checkinAlphabet, generateCheckinCode, normalizeCheckinCode } from './checkin-codes.ts';

describe('meetings: check-in codes', () => {
  it('uses an alphabet without look-alikes', () => {
    for (const c of '0O1IL') expect(checkinAlphabet).not.toContain(c);
    expect(new Set(checkinAlphabet).size).toBe(checkinAlphabet.length);
  });

  it.each([
    [() => 0, 'AAAAAA'],
    [() => 0.999999, '999999'],
    [() => 1, '999999'],
    [() => -0.1, 'AAAAAA'],
  ])('generates from a fixed random source (%#)', (random, code) => {
    expect(generateCheckinCode(random)).toBe(code);
  });

  it('generates 6 characters from the alphabet', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 200; i++) {
      const code = generateCheckinCode(random);
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      for (const c of code) expect(checkinAlphabet).toContain(c);
    }
  });

  it.each([
    [' ab3-k7x ', 'AB3K7X'],
    ['AB3 K7X', 'AB3K7X'],
    ['ab3-k7-x', 'AB3K7X'],
    ['\tab3k7x\n', 'AB3K7X'],
    ['', ''],
  ])('normalizes %j → %s', (input, code) => {
    expect(normalizeCheckinCode(input)).toBe(code);
  });

  it('round-trips a generated code through normalization', () => {
    const code = generateCheckinCode(() => 0.37);
    expect(normalizeCheckinCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
  });
});
