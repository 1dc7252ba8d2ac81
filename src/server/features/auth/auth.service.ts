// Sign-in, sessions, the current actor and passwords.
import { createHash, randomBytes } from 'node:crypto';
import type { MeResponse } from '../../../contracts/auth.ts';
import type { OrganizationKind, PositionKind } from '../../../contracts/organizations.ts';
import { loginThrottlePolicies, normalizeIdentifier, throttleKeys } from '../../../domain/login-throttle.ts';
import { type Actor, can, type MemberResource } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/password.ts';
import * as repo from './auth.repository.ts';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a real hash when no account matches keeps the timing of both answers alike.
let decoyHash: Promise<string> | null = null;
const getDecoyHash = () => {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
};

/**
 * Signs in. The attempt is first reserved on the client address's counter and then on the account's (every
 * identifier of an account shares one; an identifier of no account has its own, so a lock reveals nothing), each
 * in one atomic statement (ADR 004): a locked counter refuses before any password is checked, so a burst of
 * parallel guesses checks no more than the free attempts. A success gives its reservations back and starts the
 * account's counter over.
 */
export async function login(
  db: Database,
  input: { identifier: string; password: string },
  meta: RequestMeta,
  sessionDays: number,
): Promise<{ token: string; expiresAt: Date; accountId: string }> {
  const identifier = input.identifier.trim();
  const account = await repo.findAccountByIdentifier(db, identifier);
  const keys = throttleKeys(account?.id ?? null, identifier, meta.ip);
  const policies = loginThrottlePolicies;
  const byAddress = keys.address ? await repo.reserveAttempt(db, keys.address, policies.address) : null;
  if (byAddress && !byAddress.granted) throw lockedError(byAddress.lockedUntil);
  const byAccount = await repo.reserveAttempt(db, keys.account, policies.account);
  if (!byAccount.granted) {
    // No password was checked: the address does not pay for it.
    if (keys.address) await repo.releaseAttempt(db, keys.address, policies.address);
    throw lockedError(byAccount.lockedUntil);
  }
  const ok = account
    ? await verifyPassword(account.password_hash, input.password)
    : (await verifyPassword(await getDecoyHash(), input.password)) && false;
  if (!account || !ok) {
    const lockedUntil = laterOf(byAccount.lockedUntil, byAddress?.lockedUntil ?? null);
    // A failed sign-in is a security event: audited with the kind of identifier, never the identifier or password.
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        chain: account?.province_id ?? '',
        actorAccountId: null,
        action: 'auth.login.failed',
        entity: 'account',
        entityId: account?.id ?? null,
        after: {
          identifierKind: identifierKind(normalizeIdentifier(identifier)),
          failures: byAccount.failures,
          locked: lockedUntil !== null,
        },
        ip: meta.ip,
      });
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('invalid_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionDays * 86_400_000);
  await db.transaction(async (tx) => {
    await repo.clearThrottle(tx, keys.account);
    if (keys.address) await repo.releaseAttempt(tx, keys.address, policies.address);
    await repo.insertSession(tx, { tokenHash: hashToken(token), accountId: account.id, expiresAt, ...meta });
    await recordAudit(tx, {
      chain: account.province_id ?? '',
      actorAccountId: account.id,
      action: 'auth.login',
      entity: 'account',
      entityId: account.id,
      after: { identifierKind: identifierKind(normalizeIdentifier(identifier)) },
      ip: meta.ip,
    });
  });
  return { token, expiresAt, accountId: account.id };
}

const laterOf = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** Which kind of identifier was typed (the columns `findAccountByIdentifier` matches), for the audit log. */
function identifierKind(key: string): 'email' | 'phone' | 'party_card' | 'username' {
  if (key.includes('@')) return 'email';
  if (/^0\d{9,10}$/.test(key)) return 'phone';
  return /^\d+$/.test(key) ? 'party_card' : 'username';
}

function lockedError(until: Date | null): AppError {
  const minutes = Math.max(1, Math.ceil(((until?.getTime() ?? 0) - Date.now()) / 60_000));
  return new AppError('temporarily_locked', message('account.locked_for_minutes', { minutes }));
}

/** How often a session in use slides its expiry (and records when it was last seen). */
export const touchEveryMs = 5 * 60_000;

/** Resolves a session cookie to its session; slides the expiry at most every few minutes. */
export async function resolveSession(
  db: Database,
  token: string,
  sessionDays: number,
): Promise<{ tokenHash: string; accountId: string } | null> {
  const tokenHash = hashToken(token);
  const session = await resolveSessionRow(db, tokenHash, sessionDays);
  return session ? { tokenHash, accountId: session.accountId } : null;
}

/** The live session of a token hash with its expiry and last use (after sliding them when due), or null. */
export async function resolveSessionRow(
  db: Database,
  tokenHash: string,
  sessionDays: number,
): Promise<{ accountId: string; expiresAt: Date; lastSeenAt: Date } | null> {
  const session = await repo.findLiveSession(db, tokenHash);
  if (!session) return null;
  if (Date.now() - session.last_seen_at.getTime() > touchEveryMs) {
    const expiresAt = new Date(Date.now() + sessionDays * 86_400_000);
    await repo.touchSession(db, tokenHash, expiresAt);
    return { accountId: session.account_id, expiresAt, lastSeenAt: new Date() };
  }
  return { accountId: session.account_id, expiresAt: session.expires_at, lastSeenAt: session.last_seen_at };
}

/** Slides a session's expiry and records its use now. */
export async function touchSessionAt(db: Database, tokenHash: string, expiresAt: Date) {
  await repo.touchSession(db, tokenHash, expiresAt);
}

export async function resolveActor(db: Database, accountId: string): Promise<Actor | null> {
  const account = await repo.findAccount(db, accountId);
  if (!account) return null;
  const scopes = await repo.listScopes(db, account.id, account.member_id);
  return {
    accountId: account.id,
    memberId: account.member_id,
    isSystemAdmin: account.is_system_admin,
    scopes: scopes.map((s) => ({
      role: s.role,
      organizationId: s.organization_id,
      organizationKind: s.organization_kind as OrganizationKind,
      position: (s.position as PositionKind | null) ?? null,
    })),
  };
}

export async function logout(db: Database, tokenHash: string, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    const accountId = await repo.revokeSession(tx, tokenHash);
    if (!accountId) return;
    await recordAudit(tx, {
      chain: (await repo.findAccount(tx, accountId))?.province_id ?? '',
      actorAccountId: accountId,
      action: 'auth.logout',
      entity: 'session',
      entityId: tokenHash.slice(0, 16),
      ip: meta.ip,
    });
  });
}

export async function getMe(db: Database, actor: Actor): Promise<MeResponse> {
  const account = await repo.findAccount(db, actor.accountId);
  if (!account) throw new AppError('unauthenticated');
  const member = account.member_id ? await repo.findMemberSummary(db, account.member_id) : null;
  const scopes = await repo.listScopes(db, account.id, account.member_id);
  const roles: MeResponse['roles'] = scopes.map((s) => ({
    role: s.role,
    organizationId: s.organization_id,
    organizationName: s.organization_name,
    organizationKind: s.organization_kind as OrganizationKind,
    position: (s.position as PositionKind | null) ?? null,
  }));
  if (account.is_system_admin) {
    roles.unshift({
      role: 'system_admin',
      organizationId: null,
      organizationName: null,
      organizationKind: null,
      position: null,
    });
  }
  return {
    account: {
      id: account.id,
      displayName: account.display_name,
      isSystemAdmin: account.is_system_admin,
      mustChangePassword: account.must_change_password,
    },
    member: member
      ? {
          id: member.id,
          fullName: member.full_name,
          status: member.status,
          organizationId: member.organization_id,
          organizationName: member.organization_name,
        }
      : null,
    roles,
  };
}

export async function listSessions(db: Database, actor: Actor, currentTokenHash: string) {
  const rows = await repo.listLiveSessions(db, actor.accountId);
  return rows.map((s) => ({
    id: s.token_hash.slice(0, 16),
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    userAgent: s.user_agent,
    ip: s.ip,
    isCurrent: s.token_hash === currentTokenHash,
  }));
}

export async function revokeSession(db: Database, actor: Actor, handle: string, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    const n = await repo.revokeSessionByHandle(tx, actor.accountId, handle);
    if (n === 0) throw notFound(message('account.session_not_found'));
    await recordAudit(tx, {
      chain: (await repo.findAccount(tx, actor.accountId))?.province_id ?? '',
      actorAccountId: actor.accountId,
      action: 'auth.session.revoke',
      entity: 'session',
      entityId: handle,
      ip: meta.ip,
    });
  });
}

export async function changePassword(
  db: Database,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentTokenHash: string,
  meta: RequestMeta,
) {
  const account = await repo.findAccount(db, actor.accountId);
  if (!account) throw new AppError('unauthenticated');
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw fieldError('validation_failed', 'currentPassword', 'account.wrong_current_password');
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updatePassword(tx, account.id, hash, false);
    // Other devices must sign in again with the new password.
    await repo.revokeAllSessions(tx, account.id, currentTokenHash);
    await recordAudit(tx, {
      chain: account.province_id ?? '',
      actorAccountId: actor.accountId,
      action: 'auth.password.change',
      entity: 'account',
      entityId: account.id,
      ip: meta.ip,
    });
  });
}

/** An administrator or organisation-board officer sets a temporary password for a member's account. */
export async function resetPassword(
  db: Database,
  actor: Actor,
  member: MemberResource & { provinceId: string; fullName: string },
  newPassword: string,
  meta: RequestMeta,
) {
  if (!can(actor, 'member.view', member)) throw notFound(message('member.not_found'));
  if (!can(actor, 'account.resetPassword', member)) {
    throw new AppError('forbidden', message('account.reset_forbidden'));
  }
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const existing = await repo.findAccountByMember(tx, member.memberId);
    const accountId = existing
      ? existing.id
      : await repo.createAccountForMember(tx, {
          memberId: member.memberId,
          provinceId: member.provinceId,
          displayName: member.fullName,
          passwordHash: hash,
        });
    if (existing) {
      await repo.updatePassword(tx, accountId, hash, true);
      await repo.revokeAllSessions(tx, accountId, null);
    }
    await recordAudit(tx, {
      chain: member.provinceId,
      actorAccountId: actor.accountId,
      action: existing ? 'account.password.reset' : 'account.create',
      entity: 'account',
      entityId: accountId,
      ip: meta.ip,
    });
  });
}
