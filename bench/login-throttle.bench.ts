// Benchmark of login throttling under a burst, over real HTTP (issue 9.2). One member's account, known by phone,
// email and party card number; 30 sign-ins with wrong passwords fired in parallel at its party card number; then
// the right password by phone and by email. Counts the passwords actually checked (the audited failures: every
// checked failure leaves one `auth.login.failed` row, a refused attempt none). A second burst fires 30 wrong
// sign-ins with 30 different unknown identifiers from the same address (the per-address counter).
// On embedded PGlite by default; with TEST_DATABASE_URL (scripts/with-postgres.sh) on PostgreSQL, with the burst
// split over two app servers, each with its own connection pool, as two processes would be.
// Run: npx tsx bench/login-throttle.bench.ts [burst]
//  or: bash scripts/with-postgres.sh npx tsx bench/login-throttle.bench.ts [burst]
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loginThrottlePolicies } from '../src/domain/login-throttle.ts';
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { type Database, openPglite, openPostgres } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { makeAccount, makeMember, makeProvince, testPassword } from '../src/server/testing/factories.ts';

const burst = Number(process.argv[2] ?? 30);
const url = process.env.TEST_DATABASE_URL;
const dbs: Database[] = url ? [openPostgres(url), openPostgres(url)] : [await openPglite()];
const db = dbs[0]!;
await migrate(db);
const { cellA } = await makeProvince(db);
const partyCard = `97${Date.now().toString().slice(-6)}`;
const email = `burst${Date.now()}@example.vn`;
const member = await makeMember(db, cellA, { partyCardNumber: partyCard, email });
const account = await makeAccount(db, member);

const servers = dbs.map((d) =>
  serve({ fetch: createApp(d, loadConfig({})).fetch, port: 0, hostname: '127.0.0.1' }),
);
await Promise.all(servers.map((s) => new Promise((r) => s.once('listening', r))));
const bases = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`);

const signIn = async (i: number, identifier: string, password: string) => {
  const res = await fetch(`${bases[i % bases.length]}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const body = (await res.json()) as { error?: { messageCode: string } };
  return { status: res.status, code: body.error?.messageCode ?? null };
};
const tally = (answers: Array<{ status: number }>) =>
  answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});
const failedChecks = async (accountId: string | null, since: number) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'auth.login.failed' AND entity_id IS NOT DISTINCT FROM $1 AND id > $2`,
      [accountId, since],
    )
  )[0]!.n;
const lastAuditId = async () =>
  Number((await db.query<{ id: string }>('SELECT COALESCE(max(id), 0) AS id FROM audit_log'))[0]!.id);

let mark = await lastAuditId();
let t0 = performance.now();
const answers = await Promise.all(
  Array.from({ length: burst }, (_, i) => signIn(i, partyCard, `SaiMatKhau${i}`)),
);
const burstMs = performance.now() - t0;
const checked = await failedChecks(account.id, mark);
const byPhone = await signIn(0, member.phone, testPassword);
const byEmail = await signIn(1, email.toUpperCase(), testPassword);

// Second burst: different unknown identifiers from one address.
mark = await lastAuditId();
t0 = performance.now();
const spread = await Promise.all(
  Array.from({ length: burst }, (_, i) => signIn(i, `khong-co-${i}@example.vn`, 'SaiMatKhau1')),
);
const spreadMs = performance.now() - t0;
const spreadChecked = await failedChecks(null, mark);

console.log(
  JSON.stringify(
    {
      database: url ? 'postgresql (2 app servers, own pools)' : 'pglite',
      burst,
      oneAccount: {
        limit: loginThrottlePolicies.account.freeAttempts,
        passwordsChecked: checked,
        answers: tally(answers),
        ms: Math.round(burstMs),
        thenRightPasswordByPhone: byPhone,
        thenRightPasswordByEmail: byEmail,
      },
      oneAddressManyIdentifiers: {
        limit: loginThrottlePolicies.address.freeAttempts,
        passwordsChecked: spreadChecked,
        // The first burst came from the same address: its checked failures count here too.
        passwordsCheckedFromTheAddressInBothBursts: checked + spreadChecked,
        answers: tally(spread),
        ms: Math.round(spreadMs),
      },
    },
    null,
    2,
  ),
);
for (const s of servers) s.close();
for (const d of dbs) await d.close();
