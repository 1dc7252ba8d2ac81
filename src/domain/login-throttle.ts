// Back-off after failed sign-ins (ADR 004), counted twice: per account (every identifier of it shares one
// counter) and per client address. Each counter gives a number of free failures, then a lock that doubles with
// each further failure, up to a ceiling; a counter left alone long enough starts over. An attempt is reserved
// (counted as a failure) before its password is checked, so a burst in parallel checks no more than the free
// failures; a successful sign-in gives its reservation back.

export interface ThrottlePolicy {
  /** Failures allowed before the first lock (the last of them sets the lock). */
  freeAttempts: number;
  firstLockSeconds: number;
  maxLockSeconds: number;
  /** A counter with no attempt for this long, and not locked, starts over. */
  forgetAfterSeconds: number;
}

/** The limits, as data (ADR 004). */
export const loginThrottlePolicies = {
  /** One account, whichever identifier was typed; an identifier of no account is counted the same way. */
  account: { freeAttempts: 5, firstLockSeconds: 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 24 * 3600 },
  /** One client address, over every identifier: wider, since an office or a phone network shares an address. */
  address: { freeAttempts: 20, firstLockSeconds: 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 60 * 60 },
} as const satisfies Record<string, ThrottlePolicy>;

/** Seconds to lock after the `failures`-th consecutive failure (0 = no lock). */
export function lockSecondsAfter(
  failures: number,
  policy: ThrottlePolicy = loginThrottlePolicies.account,
): number {
  if (failures < policy.freeAttempts) return 0;
  return Math.min(policy.firstLockSeconds * 2 ** (failures - policy.freeAttempts), policy.maxLockSeconds);
}

/** Identifiers are compared trimmed and case-insensitively, so "A@x.vn" and "a@x.vn " share a counter. */
export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}

/**
 * The counters a sign-in attempt is charged to: its account's (or, when no account has the identifier, the
 * identifier's own, so that a lock does not tell whether an account exists) and its client address's (none
 * when the request came without a socket address, as in-process requests do).
 */
export function throttleKeys(
  accountId: string | null,
  identifier: string,
  address: string | null,
): { account: string; address: string | null } {
  return {
    account: accountId ? `account:${accountId}` : `identifier:${normalizeIdentifier(identifier)}`,
    address: address ? `address:${address}` : null,
  };
}
