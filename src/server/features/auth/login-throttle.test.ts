// Service tests of login throttling (ADR 004): per account over all its identifiers, per client address, reserved
// atomically before a password is checked, so a burst in parallel checks no more than the free attempts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginThrottlePolicies } from '../../../domain/login-throttle.ts';
import type { Database } from '../../platform/db.ts';
import type * as passwords from '../../platform/password.ts';
import { AppError } from '../../platform/errors.ts';
import { makeAccount, makeMember, makeProvince, type OrgRef, testPassword } from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import { reserveAttempt } from './auth.repository.ts';
import { login } from './auth.service.ts';

// Counts every password verification the service makes (the decoy one for an unknown identifier included).
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../platform/password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.count++;
      return real.verifyPassword(hash, password);
    },
  };
});

let db: Database;
let cell: OrgRef;
let serial = 0;
beforeAll(async () => {
  db = await createTestDatabase();
  cell = (await makeProvince(db)).cellA;
});
afterAll(async () => db.close());
beforeEach(() => {
  verified.count = 0;
});

/** A member with an account, known by phone, party card number and email. */
async function person() {
  serial++;
  const member = await makeMember(db, cell, {
    partyCardNumber: `93${String(serial).padStart(6, '0')}`,
    email: `dang.vien${serial}@example.vn`,
  });
  const account = await makeAccount(db, member);
  return {
    accountId: account.id,
    phone: member.phone,
    partyCard: `93${String(serial).padStart(6, '0')}`,
    email: `Dang.Vien${serial}@Example.VN`,
  };
}

/** Signs in; answers 200 or the refusal's status and message code. */
async function attempt(identifier: string, password: string, ip: string | null = '198.51.100.1') {
  try {
    await login(db, { identifier, password }, { ip, userAgent: null }, 14);
    return { status: 200, code: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { status: e.code === 'temporarily_locked' ? 429 : 401, code: e.detail.code };
  }
}

const tally = (answers: Array<{ status: number }>) =>
  answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

const failedAudits = async (accountId: string | null) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login.failed' AND entity_id IS NOT DISTINCT FROM $1`,
      [accountId],
    )
  )[0]!.n;

const free = loginThrottlePolicies.account.freeAttempts;

describe('a burst of wrong passwords in parallel', () => {
  it('checks no more passwords than the free attempts, then the account is locked under every identifier', async () => {
    const p = await person();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(p.partyCard, `SaiMatKhau${i}`, `198.51.100.${i}`)),
    );
    expect(verified.count).toBe(free);
    expect(await failedAudits(p.accountId)).toBe(free);
    // The last free failure sets the lock, so it answers with the lock too.
    expect(tally(answers)).toEqual({ 401: free - 1, 429: 30 - free + 1 });
    expect(answers.find((a) => a.status === 429)!.code).toBe('account.locked_for_minutes');

    // The same account by its phone or email (any case) is locked too, even with the right password.
    verified.count = 0;
    for (const identifier of [p.phone, p.email, ` ${p.partyCard} `]) {
      expect(await attempt(identifier, testPassword, '192.0.2.9'), identifier).toEqual({
        status: 429,
        code: 'account.locked_for_minutes',
      });
    }
    expect(verified.count).toBe(0);
  });

  it('answers an identifier of no account exactly as one of an account, so a lock reveals nothing', async () => {
    const p = await person();
    const known = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(p.email, 'SaiMatKhau1', `203.0.113.${i}`)),
    );
    const knownChecks = verified.count;
    verified.count = 0;
    const unknown = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attempt('khong.co.ai@example.vn', 'SaiMatKhau1', `203.0.113.${i}`),
      ),
    );
    expect(verified.count).toBe(knownChecks);
    expect(tally(unknown)).toEqual(tally(known));
    expect(unknown.map((a) => a.code).sort()).toEqual(known.map((a) => a.code).sort());
  });
});

describe('the account counter', () => {
  it('starts over after a successful sign-in, whichever identifier succeeded', async () => {
    const p = await person();
    for (let i = 0; i < free - 1; i++) expect((await attempt(p.phone, 'SaiMatKhau1')).status).toBe(401);
    expect((await attempt(p.email, testPassword)).status).toBe(200);
    for (let i = 0; i < free - 1; i++) expect((await attempt(p.partyCard, 'SaiMatKhau1')).status).toBe(401);
    expect((await attempt(p.partyCard, 'SaiMatKhau1')).status).toBe(429);
  });
});

describe('the client address counter', () => {
  const limit = loginThrottlePolicies.address.freeAttempts;

  it('locks an address after its free failures over different identifiers, known or not', async () => {
    const ip = '192.0.2.77';
    const people = await Promise.all(Array.from({ length: 6 }, () => person()));
    // Half unknown identifiers, half six accounts (three attempts each: under the account limit).
    const answers = await Promise.all(
      Array.from({ length: limit + 10 }, (_, i) =>
        attempt(i % 2 ? `khong-co-${i}@example.vn` : people[(i / 2) % 6]!.phone, 'SaiMatKhau1', ip),
      ),
    );
    // No account reached its own limit, yet the address checked no more than its free attempts.
    expect(verified.count).toBe(limit);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
    // A fresh account from that address is refused; from another address it signs in.
    const fresh = await person();
    expect(await attempt(fresh.phone, testPassword, ip)).toEqual({
      status: 429,
      code: 'account.locked_for_minutes',
    });
    expect((await attempt(fresh.phone, testPassword, '192.0.2.78')).status).toBe(200);
  });

  it('is not spent by successful sign-ins, so an office sharing one address keeps signing in', async () => {
    const ip = '192.0.2.88';
    const p = await person();
    for (let i = 0; i < limit + 5; i++) expect((await attempt(p.phone, testPassword, ip)).status).toBe(200);
    // Nor by attempts refused because their account is locked (no password was checked).
    const locked = await person();
    for (let i = 0; i < free; i++) await attempt(locked.phone, 'SaiMatKhau1', '192.0.2.89');
    for (let i = 0; i < limit + 5; i++) expect((await attempt(locked.phone, 'x', ip)).status).toBe(429);
    expect((await attempt(p.phone, testPassword, ip)).status).toBe(200);
  });
});

describe('reserving an attempt', () => {
  it('grants the free attempts, refuses while locked, then grants one more and doubles the lock', async () => {
    const policy = { freeAttempts: 2, firstLockSeconds: 0.2, maxLockSeconds: 60, forgetAfterSeconds: 3600 };
    const key = `address:test-${serial++}`;
    expect(await reserveAttempt(db, key, policy)).toMatchObject({
      granted: true,
      failures: 1,
      lockedUntil: null,
    });
    const second = await reserveAttempt(db, key, policy);
    expect(second).toMatchObject({ granted: true, failures: 2 });
    expect(second.lockedUntil).not.toBeNull();
    expect(await reserveAttempt(db, key, policy)).toMatchObject({ granted: false, failures: 2 });
    // Waits for the lock to end (a refused reservation changes nothing), then the next attempt is granted.
    let third = await reserveAttempt(db, key, policy);
    while (!third.granted) third = await reserveAttempt(db, key, policy);
    expect(third.failures).toBe(3);
    // Reserved after the first lock ended, the second lock (0.4 s) ends at least 0.4 s after the first one.
    expect(third.lockedUntil!.getTime() - second.lockedUntil!.getTime()).toBeGreaterThanOrEqual(400);
  });
});
