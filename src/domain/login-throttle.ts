// Back-off after failed sign-ins: free attempts, then a lock that doubles with each further failure.

export const freeAttempts = 5;
export const firstLockSeconds = 60;
export const maxLockSeconds = 60 * 60;

/** Seconds to lock the identifier after its `failures`-th consecutive failure (0 = no lock). */
export function lockSecondsAfter(failures: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(firstLockSeconds * 2 ** (failures - freeAttempts), maxLockSeconds);
}

/** Identifiers are compared trimmed and case-insensitively, so "A@x.vn" and "a@x.vn " share a counter. */
export function normalizeIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase();
}
