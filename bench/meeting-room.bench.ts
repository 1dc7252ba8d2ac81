// Benchmark of the live room on embedded PGlite over real HTTP: N members (default 100) each hold an open event
// stream; all check in by code within the same moment. Measures check-in latency (p50/p99) and how long after
// the last check-in every open screen shows everyone present.
// Run: npx tsx bench/meeting-room.bench.ts [members] [spread ms]
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { todayIso } from '../src/domain/dates.ts';
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPglite } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { lastBuildMs } from '../src/server/features/meeting-room/meeting-room.service.ts';
import { makeAccount, makeMember, makePosition, makeProvince } from '../src/server/testing/factories.ts';

const n = Number(process.argv[2] ?? 100);
/** Spread the check-ins uniformly over this many ms (0 = all at the same instant). */
const spreadMs = Number(process.argv[3] ?? 3000);
const db = await openPglite();
await migrate(db);
const { cellA: cell } = await makeProvince(db);

async function sessionFor(memberId: string | null, accountId: string) {
  const token = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO session (token_hash, account_id, expires_at) VALUES ($1,$2, now() + interval '1 day')`,
    [createHash('sha256').update(token).digest('hex'), accountId],
  );
  return `chibo_session=${token}`;
}

const secretary = await makeMember(db, cell, { fullName: 'Bí thư chi bộ' });
await makePosition(db, cell, secretary, 'secretary');
const secCookie = await sessionFor(secretary.id, (await makeAccount(db, secretary)).id);
const cookies: string[] = [];
for (let i = 0; i < n; i++) {
  const m = await makeMember(db, cell, { fullName: `Đảng viên ${i}` });
  cookies.push(await sessionFor(m.id, (await makeAccount(db, m)).id));
}
await db.query('ANALYZE');

const app = createApp(db, loadConfig({}));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const call = async (cookie: string, path: string, json?: unknown) => {
  const res = await fetch(base + path, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

// Meetings start only on their day: hold them today.
const today = todayIso();
const reason = 'Trường hợp đặc biệt';
const { id } = await call(secCookie, `/api/organizations/${cell.id}/meetings`, {
  kind: 'regular',
  forMonth: today.slice(0, 7),
  plannedDate: today,
  dateReason: reason,
});
await call(secCookie, `/api/meetings/${id}/start`, {});
const { checkinCode } = await call(secCookie, `/api/meetings/${id}`);

// Every member and the secretary keep the room open: one event stream each.
const target = n + 1;
const screens = [secCookie, ...cookies].map((cookie) => {
  const controller = new AbortController();
  let doneAt = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((r) => (resolveDone = r));
  let resolveFirst: () => void = () => {};
  const first = new Promise<void>((r) => (resolveFirst = r));
  void (async () => {
    const res = await fetch(`${base}/api/meetings/${id}/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = event.split('\n').find((l) => l.startsWith('data:'));
          if (data) resolveFirst();
          if (data && JSON.parse(data.slice(5)).summary.present === target && !doneAt) {
            doneAt = performance.now();
            resolveDone();
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return { controller, done, first, at: () => doneAt };
});
await Promise.all(screens.map((s) => s.first)); // every screen shows the room

const latencies: number[] = [];
const t0 = performance.now();
await Promise.all(
  [secCookie, ...cookies].map(async (cookie, i) => {
    await new Promise((r) => setTimeout(r, (spreadMs * i) / target));
    const s = performance.now();
    await call(cookie, `/api/meetings/${id}/check-in`, { code: checkinCode });
    latencies.push(performance.now() - s);
  }),
);
const lastCheckIn = performance.now();
await Promise.all(screens.map((s) => s.done));
const allUpdated = Math.max(...screens.map((s) => s.at()));
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
console.log(`${target} check-ins within ${spreadMs} ms; ${screens.length} open screens (PGlite, HTTP)`);
console.log(`check-in latency p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms (includes queueing)`);
console.log(`all check-ins answered after ${(lastCheckIn - t0).toFixed(0)} ms`);
console.log(`last room build ${lastBuildMs.toFixed(1)} ms`);
console.log(`every screen up to date ${(allUpdated - lastCheckIn).toFixed(0)} ms after the last check-in`);

// Sequential check-ins (no queueing behind each other): the per-request cost.
await call(secCookie, `/api/meetings/${id}/end`, {});
// Documents of the held meeting through the API (facts read from the database, then rendered).
for (const file of ['minutes.docx', 'minutes.pdf', 'attendance.docx', 'attendance.pdf']) {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    const res = await fetch(`${base}/api/meetings/${id}/documents/${file}`, {
      headers: { cookie: secCookie },
    });
    if (!res.ok) throw new Error(`${file}: ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `GET ${file.padEnd(16)} p50 ${times[5]!.toFixed(0)} ms, max ${times[9]!.toFixed(0)} ms (${target} on the roll)`,
  );
}
const { id: id2 } = await call(secCookie, `/api/organizations/${cell.id}/meetings`, {
  kind: 'thematic',
  forMonth: today.slice(0, 7),
  plannedDate: today,
});
await call(secCookie, `/api/meetings/${id2}/start`, {});
const code2 = (await call(secCookie, `/api/meetings/${id2}`)).checkinCode;
const seq: number[] = [];
for (const cookie of cookies) {
  const s = performance.now();
  await call(cookie, `/api/meetings/${id2}/check-in`, { code: code2 });
  seq.push(performance.now() - s);
}
seq.sort((a, b) => a - b);
console.log(
  `sequential check-in p50 ${seq[Math.floor(seq.length / 2)]!.toFixed(1)} ms, p99 ${seq[Math.ceil(seq.length * 0.99) - 1]!.toFixed(1)} ms`,
);
// Personal passes scanned by the secretary (ADR 010): a pass is matched against everyone on the roll; a wrong one
// hashes every member over the look-back before it is refused (the worst case).
const { id: id3 } = await call(secCookie, `/api/organizations/${cell.id}/meetings`, {
  kind: 'thematic',
  forMonth: today.slice(0, 7),
  plannedDate: today,
});
await call(secCookie, `/api/meetings/${id3}/start`, {});
const quantiles = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  return `p50 ${xs[Math.floor(xs.length / 2)]!.toFixed(1)} ms, p99 ${xs[Math.ceil(xs.length * 0.99) - 1]!.toFixed(1)} ms`;
};
const scans: number[] = [];
for (const cookie of cookies) {
  const { code } = await call(cookie, `/api/meetings/${id3}/my-pass`);
  const s = performance.now();
  await call(secCookie, `/api/meetings/${id3}/attendance/pass`, { code });
  scans.push(performance.now() - s);
}
const wrongScans: number[] = [];
for (let i = 0; i < 30; i++) {
  const s = performance.now();
  const res = await fetch(`${base}/api/meetings/${id3}/attendance/pass`, {
    method: 'POST',
    headers: { cookie: secCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ code: String(10_000_000 + i) }),
  });
  await res.text();
  wrongScans.push(performance.now() - s);
}
console.log(`personal pass scanned, one after another: ${quantiles(scans)} (${target} on the roll)`);
console.log(`wrong personal pass refused: ${quantiles(wrongScans)}`);
for (const s of screens) s.controller.abort();
server.close();
await db.close();
process.exit(0);
