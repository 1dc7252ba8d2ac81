// SQL of accounts, sessions, login throttling and the actor's scopes.
import type { ThrottlePolicy } from '../../../domain/login-throttle.ts';
import { prepared, type Queryable } from '../../platform/db.ts';

export interface AccountRow {
  id: string;
  member_id: string | null;
  province_id: string | null;
  display_name: string;
  password_hash: string;
  is_system_admin: boolean;
  must_change_password: boolean;
}

/** Finds the account whose username, or whose member's phone, email or party card number, is the identifier. */
export async function findAccountByIdentifier(q: Queryable, identifier: string): Promise<AccountRow | null> {
  const rows = await q.query<AccountRow>(
    `SELECT a.id, a.member_id, a.province_id, a.display_name, a.password_hash, a.is_system_admin, a.must_change_password
       FROM account a LEFT JOIN member m ON m.id = a.member_id
      WHERE a.username = $1 OR m.phone = $1 OR lower(m.email) = lower($1) OR m.party_card_number = $1
      LIMIT 1`,
    [identifier],
  );
  return rows[0] ?? null;
}

const findAccountSql = prepared<AccountRow>(
  'auth_find_account',
  `SELECT id, member_id, province_id, display_name, password_hash, is_system_admin, must_change_password
     FROM account WHERE id = $1`,
);

export async function findAccount(q: Queryable, id: string): Promise<AccountRow | null> {
  const rows = await findAccountSql(q, [id]);
  return rows[0] ?? null;
}

export async function findAccountByMember(q: Queryable, memberId: string): Promise<AccountRow | null> {
  const rows = await q.query<AccountRow>(
    `SELECT id, member_id, province_id, display_name, password_hash, is_system_admin, must_change_password
       FROM account WHERE member_id = $1`,
    [memberId],
  );
  return rows[0] ?? null;
}

export async function updatePassword(q: Queryable, accountId: string, hash: string, mustChange: boolean) {
  await q.query(
    `UPDATE account SET password_hash = $2, password_changed_at = now(), must_change_password = $3 WHERE id = $1`,
    [accountId, hash, mustChange],
  );
}

export async function createAccountForMember(
  q: Queryable,
  a: { memberId: string; provinceId: string; displayName: string; passwordHash: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO account (member_id, province_id, display_name, password_hash, must_change_password)
     VALUES ($1,$2,$3,$4,true) RETURNING id`,
    [a.memberId, a.provinceId, a.displayName, a.passwordHash],
  );
  return row!.id;
}

export interface Reservation {
  /** Whether this attempt may check its password (the counter was not locked). */
  granted: boolean;
  /** Failures counted, this attempt included when granted. */
  failures: number;
  lockedUntil: Date | null;
}

/**
 * Reserves one sign-in attempt on a throttle counter, in one statement: unless the counter is locked, counts the
 * attempt as a failure and, when that reaches the policy's free attempts, sets the lock (doubling per further
 * failure). The row lock of INSERT … ON CONFLICT DO UPDATE serialises parallel attempts across processes, and the
 * statement answers whether this attempt was granted.
 */
export async function reserveAttempt(q: Queryable, key: string, p: ThrottlePolicy): Promise<Reservation> {
  // The counter after this attempt: unchanged while locked, started over when forgotten, else one more.
  const locked = 't.locked_until > now()';
  const next = `CASE WHEN ${locked} THEN t.failures
                     WHEN t.last_attempt_at < now() - make_interval(secs => $5) THEN 1
                     ELSE t.failures + 1 END`;
  const lockFor = (failures: string) =>
    `CASE WHEN ${failures} >= $2 THEN now() + make_interval(secs => least($3 * power(2, ${failures} - $2), $4)) END`;
  const [row] = await q.query<{ granted: boolean; failures: number; locked_until: Date | null }>(
    `INSERT INTO login_throttle AS t (key, failures, locked_until, last_attempt_at, granted)
     VALUES ($1, 1, ${lockFor('1')}, now(), true)
     ON CONFLICT (key) DO UPDATE SET
       failures = ${next},
       locked_until = CASE WHEN ${locked} THEN t.locked_until ELSE ${lockFor(next)} END,
       last_attempt_at = CASE WHEN ${locked} THEN t.last_attempt_at ELSE now() END,
       granted = NOT coalesce(${locked}, false)
     RETURNING granted, failures, locked_until`,
    [key, p.freeAttempts, p.firstLockSeconds, p.maxLockSeconds, p.forgetAfterSeconds],
  );
  return { granted: row!.granted, failures: row!.failures, lockedUntil: row!.locked_until };
}

/** Gives a reserved attempt back (it succeeded or was not checked); lifts the lock it set, if any. */
export async function releaseAttempt(q: Queryable, key: string, p: ThrottlePolicy) {
  await q.query(
    `UPDATE login_throttle
        SET failures = greatest(failures - 1, 0),
            locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END
      WHERE key = $1`,
    [key, p.freeAttempts],
  );
}

/** Starts a counter over (an account's, after a successful sign-in). */
export async function clearThrottle(q: Queryable, key: string) {
  await q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; accountId: string; expiresAt: Date; userAgent: string | null; ip: string | null },
) {
  await q.query(
    `INSERT INTO session (token_hash, account_id, expires_at, user_agent, ip) VALUES ($1,$2,$3,$4,$5)`,
    [s.tokenHash, s.accountId, s.expiresAt, s.userAgent, s.ip],
  );
}

export interface SessionRow {
  token_hash: string;
  account_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

const findLiveSessionSql = prepared<SessionRow>(
  'auth_find_live_session',
  `SELECT token_hash, account_id, created_at, last_seen_at, expires_at, user_agent, ip
     FROM session WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
);

export async function findLiveSession(q: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const rows = await findLiveSessionSql(q, [tokenHash]);
  return rows[0] ?? null;
}

const touchSessionSql = prepared(
  'auth_touch_session',
  'UPDATE session SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1',
);

export async function touchSession(q: Queryable, tokenHash: string, expiresAt: Date) {
  await touchSessionSql(q, [tokenHash, expiresAt]);
}

export async function listLiveSessions(q: Queryable, accountId: string): Promise<SessionRow[]> {
  return q.query<SessionRow>(
    `SELECT token_hash, account_id, created_at, last_seen_at, expires_at, user_agent, ip
       FROM session WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now()
      ORDER BY last_seen_at DESC`,
    [accountId],
  );
}

/** Revokes the account's live sessions whose hash starts with the public handle; returns how many. */
export async function revokeSessionByHandle(
  q: Queryable,
  accountId: string,
  handle: string,
): Promise<number> {
  const rows = await q.query(
    `UPDATE session SET revoked_at = now()
      WHERE account_id = $1 AND revoked_at IS NULL AND left(token_hash, 16) = $2 RETURNING 1`,
    [accountId, handle],
  );
  return rows.length;
}

/** Revokes a live session; answers its account, or null when there was none. */
export async function revokeSession(q: Queryable, tokenHash: string): Promise<string | null> {
  const rows = await q.query<{ account_id: string }>(
    'UPDATE session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING account_id',
    [tokenHash],
  );
  return rows[0]?.account_id ?? null;
}

export async function revokeAllSessions(q: Queryable, accountId: string, exceptTokenHash: string | null) {
  await q.query(
    `UPDATE session SET revoked_at = now()
      WHERE account_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR token_hash <> $2)`,
    [accountId, exceptTokenHash],
  );
}

export interface ScopeRow {
  role: 'member' | 'cell_leadership' | 'committee' | 'board_officer' | 'follower';
  organization_id: string;
  organization_kind: string;
  organization_name: string;
  position: string | null;
}

const listScopesSql = prepared<ScopeRow>(
  'auth_list_scopes',
  `WITH today AS (SELECT current_date AS d)
     SELECT 'member' AS role, ms.organization_id, o.kind AS organization_kind, op.name AS organization_name,
            NULL::text AS position
       FROM membership ms JOIN organization o ON o.id = ms.organization_id
       JOIN organization_period op ON op.organization_id = o.id AND op.valid_to IS NULL, today
      WHERE ms.member_id = $2 AND ms.valid_from <= today.d AND (ms.valid_to IS NULL OR ms.valid_to > today.d)
     UNION ALL
     SELECT CASE WHEN o.kind IN ('cell','grassroots_cell','party_group') THEN 'cell_leadership' ELSE 'committee' END,
            p.organization_id, o.kind, op.name, p.kind
       FROM position p JOIN organization o ON o.id = p.organization_id
       JOIN organization_period op ON op.organization_id = o.id AND op.valid_to IS NULL, today
      WHERE p.member_id = $2 AND p.valid_from <= today.d AND (p.valid_to IS NULL OR p.valid_to > today.d)
     UNION ALL
     SELECT r.role, r.organization_id, o.kind, op.name, NULL
       FROM role_assignment r JOIN organization o ON o.id = r.organization_id
       JOIN organization_period op ON op.organization_id = o.id AND op.valid_to IS NULL, today
      WHERE r.account_id = $1 AND r.valid_from <= today.d AND (r.valid_to IS NULL OR r.valid_to > today.d)`,
);

/** Every current role of an account: memberships, positions and assigned roles, with organisation names. */
export async function listScopes(
  q: Queryable,
  accountId: string,
  memberId: string | null,
): Promise<ScopeRow[]> {
  return listScopesSql(q, [accountId, memberId]);
}

export interface MemberSummaryRow {
  id: string;
  full_name: string;
  status: 'probationary' | 'full';
  organization_id: string | null;
  organization_name: string | null;
}

const findMemberSummarySql = prepared<MemberSummaryRow>(
  'auth_member_summary',
  `SELECT m.id, m.full_name, m.status, ms.organization_id, op.name AS organization_name
     FROM member m
     LEFT JOIN membership ms ON ms.member_id = m.id AND ms.kind = 'official' AND ms.valid_to IS NULL
     LEFT JOIN organization_period op ON op.organization_id = ms.organization_id AND op.valid_to IS NULL
    WHERE m.id = $1`,
);

/** The member behind an account, with the cell of the official membership (every page's /me). */
export async function findMemberSummary(q: Queryable, memberId: string): Promise<MemberSummaryRow | null> {
  const rows = await findMemberSummarySql(q, [memberId]);
  return rows[0] ?? null;
}
