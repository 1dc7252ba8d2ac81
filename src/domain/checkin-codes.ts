// Check-in codes that cannot usefully be forwarded (ADR 005, issue 9.10). Pure: the keyed hash is passed in (the
// server keys it with the meeting's secret, which never leaves the server except as codes); the clock is a number.
//
// - The room code on the projector changes every window: an HOTP (RFC 4226) of the window number, as in TOTP
//   (RFC 6238), truncated to a few digits members can type.
// - A member's personal pass, shown as a QR code on their phone and scanned by the secretary, is the same kind of
//   code over the member's id and the window, so a screenshot stops working within a minute or two.
// A code is accepted in its own window and, for a short grace after the window ends, the previous one; an older
// code of the same meeting is refused as expired (with its reason), anything else as wrong.

/** The keyed hash (HMAC) of some bytes. */
export type Mac = (data: Uint8Array) => Uint8Array;

export interface CodeRotation {
  /** how long one code is shown */
  windowSeconds: number;
  /** how long after its window ends a code is still accepted */
  graceSeconds: number;
  /** how many digits a code has */
  digits: number;
  /** how many windows back a refused code is still recognised as expired rather than wrong (bounds the work) */
  lookbackWindows: number;
}

/**
 * The room code on the projector. 30 seconds: long enough to read six digits and type them on a phone (about ten
 * seconds), short enough that a code texted to someone outside the room is stale by the time it is read and typed.
 * 10 seconds of grace for someone who started typing as the code changed. Six digits: one in a million to guess,
 * and guessing is stopped after `maxWrongRoomCodes`. Expired codes are told apart for twelve hours of a meeting.
 * (Not set by any regulation: the product's own rule against forwarded codes.)
 */
export const roomCodeRotation: CodeRotation = {
  windowSeconds: 30,
  graceSeconds: 10,
  digits: 6,
  lookbackWindows: 12 * 120,
};

/**
 * The personal pass on a member's phone. A minute: the phone fetches a new one as the old one ends, and a queue of
 * members at the door is scanned one after the other, so a pass may wait in the queue for its grace too. Eight
 * digits, because the secretary types it when there is no camera and the server matches it against every member
 * on the roll (about a hundred): a wrong pass matches by chance one time in a million. An hour of expired passes is
 * recognised (a hundred members × sixty windows of hashing, on the refusing path only).
 */
export const personalPassRotation: CodeRotation = {
  windowSeconds: 60,
  graceSeconds: 30,
  digits: 8,
  lookbackWindows: 60,
};

/**
 * Wrong room codes a member may type in one meeting before self check-in closes for them (the secretary then marks
 * them present in the room): five guesses at one in a million each, against thousands a script could send.
 */
export const maxWrongRoomCodes = 5;

/** The window a moment falls in (milliseconds since the epoch). */
export const windowAt = (nowMs: number, rotation: CodeRotation): number =>
  Math.floor(nowMs / (rotation.windowSeconds * 1000));

/** When a window starts (milliseconds since the epoch). */
export const windowStartMs = (window: number, rotation: CodeRotation): number =>
  window * rotation.windowSeconds * 1000;

/** When a window's code stops being shown (the grace runs after this). */
export const windowEndMs = (window: number, rotation: CodeRotation): number =>
  windowStartMs(window + 1, rotation);

/** The 8 bytes of a counter, big-endian, as HOTP hashes it. */
export function counterBytes(counter: number): Uint8Array {
  const bytes = new Uint8Array(8);
  let rest = Math.floor(counter);
  for (let i = 7; i >= 0; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}

/** HOTP's dynamic truncation of a keyed hash to `digits` decimal digits (RFC 4226 §5.3), zero-padded. */
export function truncateToDigits(hash: Uint8Array, digits: number): string {
  const offset = hash[hash.length - 1]! & 0x0f;
  const binary =
    ((hash[offset]! & 0x7f) << 24) |
    ((hash[offset + 1]! & 0xff) << 16) |
    ((hash[offset + 2]! & 0xff) << 8) |
    (hash[offset + 3]! & 0xff);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The room's code for a window. */
export const roomCode = (mac: Mac, window: number, rotation: CodeRotation = roomCodeRotation): string =>
  truncateToDigits(mac(counterBytes(window)), rotation.digits);

/** A member's personal pass for a window. */
export const personalPass = (
  mac: Mac,
  memberId: string,
  window: number,
  rotation: CodeRotation = personalPassRotation,
): string => truncateToDigits(mac(new TextEncoder().encode(`pass:${memberId}:${window}`)), rotation.digits);

/** Trims, upper-cases and strips spaces and dashes: ' 123-456 ' → '123456'. */
export function normalizeCheckinCode(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/** Splits a code in groups for reading aloud and typing: '123456' → '123 456', '12345678' → '1234 5678'. */
export const groupCode = (code: string): string =>
  code.length > 4
    ? `${code.slice(0, Math.ceil(code.length / 2))} ${code.slice(Math.ceil(code.length / 2))}`
    : code;

export type CodeVerdict<T> =
  | { verdict: 'valid'; found: T; window: number }
  | { verdict: 'expired'; found: T; window: number }
  | { verdict: 'wrong' };

/**
 * Judges a typed code at `nowMs`: valid in its window or, until the grace after it ends, the previous window's;
 * expired when it is the code of an older window (back to `earliestWindow`, at most `lookbackWindows`); wrong
 * otherwise. `lookup` answers what the code belongs to in a window (the room, or a member), or undefined.
 */
export function judgeCode<T>(
  nowMs: number,
  rotation: CodeRotation,
  earliestWindow: number,
  lookup: (window: number) => T | undefined,
): CodeVerdict<T> {
  const now = windowAt(nowMs, rotation);
  const current = lookup(now);
  if (current !== undefined) return { verdict: 'valid', found: current, window: now };
  const inGrace = nowMs < windowStartMs(now, rotation) + rotation.graceSeconds * 1000;
  const oldest = Math.max(earliestWindow, now - rotation.lookbackWindows);
  for (let w = now - 1; w >= oldest; w--) {
    const found = lookup(w);
    if (found === undefined) continue;
    return { verdict: w === now - 1 && inGrace ? 'valid' : 'expired', found, window: w };
  }
  return { verdict: 'wrong' };
}

/** What a screen shows of the code now: the code, and until when (the countdown), by the server's clock. */
export interface ShownCode {
  code: string;
  window: number;
  validFromMs: number;
  /** the code is replaced on screen at this moment (it is still accepted for the grace after it) */
  validUntilMs: number;
}

export function shownCode(
  codeOf: (window: number) => string,
  nowMs: number,
  rotation: CodeRotation,
): ShownCode {
  const window = windowAt(nowMs, rotation);
  return {
    code: codeOf(window),
    window,
    validFromMs: windowStartMs(window, rotation),
    validUntilMs: windowEndMs(window, rotation),
  };
}
