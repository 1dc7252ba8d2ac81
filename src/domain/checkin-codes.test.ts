import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CodeRotation,
  counterBytes,
  groupCode,
  judgeCode,
  type Mac,
  normalizeCheckinCode,
  personalPass,
  personalPassRotation,
  roomCode,
  roomCodeRotation,
  shownCode,
  truncateToDigits,
  windowAt,
  windowEndMs,
  windowStartMs,
} from './checkin-codes.ts';

const macOf =
  (key: string | Buffer): Mac =>
  (data) =>
    createHmac('sha256', key).update(data).digest();

describe('check-in codes: HOTP over the window number', () => {
  // RFC 6238, appendix B: TOTP with HMAC-SHA256, 8 digits, 30-second steps, the 32-byte ASCII key below.
  const rfcKey = '12345678901234567890123456789012';
  const rfc: CodeRotation = { windowSeconds: 30, graceSeconds: 0, digits: 8, lookbackWindows: 0 };
  it.each([
    [59, '46119246'],
    [1_111_111_109, '68084774'],
    [1_111_111_111, '67062674'],
    [1_234_567_890, '91819424'],
    [2_000_000_000, '90698825'],
    [20_000_000_000, '77737706'],
  ])('matches the RFC 6238 test vector at %i s', (seconds, code) => {
    expect(roomCode(macOf(rfcKey), windowAt(seconds * 1000, rfc), rfc)).toBe(code);
  });

  it('writes the counter big-endian in 8 bytes', () => {
    expect([...counterBytes(1)]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...counterBytes(0x0102030405)]).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
  });

  it('pads short codes with zeros', () => {
    const hash = new Uint8Array(20); // offset 0, value 0
    hash[3] = 7;
    expect(truncateToDigits(hash, 6)).toBe('000007');
  });

  it('gives six digits in the room and eight on a personal pass, different for each member and window', () => {
    const mac = macOf(Buffer.alloc(32, 1));
    expect(roomCode(mac, 100)).toMatch(/^\d{6}$/);
    expect(personalPass(mac, 'a', 100)).toMatch(/^\d{8}$/);
    expect(personalPass(mac, 'a', 100)).not.toBe(personalPass(mac, 'b', 100));
    expect(personalPass(mac, 'a', 100)).not.toBe(personalPass(mac, 'a', 101));
    expect(roomCode(macOf(Buffer.alloc(32, 2)), 100)).not.toBe(roomCode(mac, 100));
  });
});

describe('check-in codes: windows', () => {
  it('cuts time into 30-second windows in the room and 60-second ones for passes', () => {
    expect(roomCodeRotation.windowSeconds).toBe(30);
    expect(windowAt(0, roomCodeRotation)).toBe(0);
    expect(windowAt(29_999, roomCodeRotation)).toBe(0);
    expect(windowAt(30_000, roomCodeRotation)).toBe(1);
    expect(windowAt(59_999, personalPassRotation)).toBe(0);
    expect(windowStartMs(3, roomCodeRotation)).toBe(90_000);
    expect(windowEndMs(3, roomCodeRotation)).toBe(120_000);
  });

  it('shows the current code with the moment it is replaced', () => {
    const shown = shownCode((w) => `code-${w}`, 95_000, roomCodeRotation);
    expect(shown).toEqual({ code: 'code-3', window: 3, validFromMs: 90_000, validUntilMs: 120_000 });
  });
});

describe('check-in codes: judging a typed code (clock injected)', () => {
  const r = roomCodeRotation; // 30 s windows, 10 s grace
  // The code of window w is `c<w>`; the meeting started in window 10.
  const judge = (typed: string, nowMs: number) =>
    judgeCode(nowMs, r, 10, (w) => (`c${w}` === typed ? w : undefined)).verdict;
  const start = (w: number) => w * 30_000;

  it('accepts the current window from its first to its last millisecond', () => {
    expect(judge('c20', start(20))).toBe('valid');
    expect(judge('c20', start(21) - 1)).toBe('valid');
  });

  it('accepts the previous window during the grace, and not one millisecond after', () => {
    expect(judge('c19', start(20))).toBe('valid');
    expect(judge('c19', start(20) + 9_999)).toBe('valid');
    expect(judge('c19', start(20) + 10_000)).toBe('expired');
  });

  it('refuses an older code of the meeting as expired, back to the meeting start', () => {
    expect(judge('c18', start(20))).toBe('expired');
    expect(judge('c10', start(20))).toBe('expired');
    expect(judge('c9', start(20))).toBe('wrong');
  });

  it('refuses a code of the next window or of no window as wrong', () => {
    expect(judge('c21', start(20) + 29_000)).toBe('wrong');
    expect(judge('nonsense', start(20))).toBe('wrong');
  });

  it('looks back no further than the rotation says', () => {
    const late = start(10 + r.lookbackWindows + 5);
    expect(judge('c10', late)).toBe('wrong');
    expect(judge(`c${10 + r.lookbackWindows + 5 - r.lookbackWindows}`, late)).toBe('expired');
  });

  it('answers what the code belongs to and in which window', () => {
    expect(judgeCode(start(20) + 1, r, 0, (w) => (w === 19 ? 'member-x' : undefined))).toEqual({
      verdict: 'valid',
      found: 'member-x',
      window: 19,
    });
  });
});

describe('check-in codes: typing', () => {
  it.each([
    [' 123-456 ', '123456'],
    ['123 456', '123456'],
    ['\t1234 5678\n', '12345678'],
    ['', ''],
  ])('normalizes %j → %s', (input, code) => {
    expect(normalizeCheckinCode(input)).toBe(code);
  });

  it('groups digits for reading', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(normalizeCheckinCode(groupCode('12345678'))).toBe('12345678');
  });
});
