// A kill -9 in the middle of a stream of writes on the embedded database: the real server process (as the
// browser journeys start it) takes member creations from four writers at once, is killed with SIGKILL while
// requests are in flight, and is started again on the same data folder. Every write it acknowledged (201) is
// there after the restart, exactly as sent.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPglite } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { makeAccount, makeMember, makePosition, makeProvince, testPassword } from './testing/factories.ts';
import { snapshotFile } from './testing/test-db.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'chibo-kill-'));
let server: ChildProcess | null = null;

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGKILL');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `node --import tsx src/server/main.ts` on the data folder and resolves once /api/health answers. */
async function start(port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'error',
  };
  delete env.DATABASE_URL;
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: 'ignore' });
  server = child;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(base: string, identifier: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password: testPassword }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

it('keeps every acknowledged write through a kill -9 of the server', { timeout: 180_000 }, async () => {
  // A cell and its secretary, written before the server starts.
  const seed = existsSync(snapshotFile)
    ? await openPglite(dataDir, new Blob([readFileSync(snapshotFile)]))
    : await openPglite(dataDir);
  await migrate(seed);
  const { cellA } = await makeProvince(seed);
  const secretary = await makeMember(seed, cellA);
  await makePosition(seed, cellA, secretary, 'secretary');
  const account = await makeAccount(seed, secretary);
  await seed.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const first = await start(port);
  const cookie = await signIn(base, account.identifier);

  // Four writers create members one after another until the server dies; the kill comes with the 40th
  // acknowledgement, while the other writers' requests are on the wire.
  const acknowledged: { id: string; fullName: string; partyCardNumber: string }[] = [];
  let sent = 0;
  let inFlightAtKill = -1;
  const exited = new Promise<NodeJS.Signals | null>((r) => first.once('exit', (_code, signal) => r(signal)));
  async function writer(w: number) {
    for (let i = 0; ; i++) {
      const fullName = `Người ghi ${w}-${i}`;
      const partyCardNumber = `7${String(w)}${String(i).padStart(6, '0')}`;
      sent++;
      let id: string;
      try {
        const res = await fetch(`${base}/api/members`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({
            organizationId: cellA.id,
            joinedOn: '2024-05-19',
            fullName,
            status: 'probationary',
            admissionDate: '2024-05-19',
            partyCardNumber,
          }),
        });
        if (res.status !== 201) throw new Error(`status ${res.status}: ${await res.text()}`);
        id = ((await res.json()) as { id: string }).id;
      } catch (err) {
        if (inFlightAtKill >= 0) return; // the server is gone
        throw err;
      }
      acknowledged.push({ id, fullName, partyCardNumber });
      if (acknowledged.length === 40 && inFlightAtKill < 0) {
        inFlightAtKill = sent - acknowledged.length;
        first.kill('SIGKILL');
      }
      if (inFlightAtKill >= 0) return;
    }
  }
  await Promise.all([0, 1, 2, 3].map(writer));
  expect(await exited).toBe('SIGKILL');
  // The kill came mid-stream: requests had been sent and not yet answered.
  expect(inFlightAtKill).toBeGreaterThan(0);
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);

  // Restarted on the same data folder, every acknowledged member is there as sent.
  const second = await start(port);
  const again = await signIn(base, account.identifier);
  const missing: string[] = [];
  for (const a of acknowledged) {
    const res = await fetch(`${base}/api/members/${a.id}`, { headers: { cookie: again } });
    if (res.status !== 200) {
      missing.push(`${a.fullName}: ${res.status}`);
      continue;
    }
    const m = (await res.json()) as { fullName: string; partyCardNumber: string | null };
    expect(m).toMatchObject({ fullName: a.fullName, partyCardNumber: a.partyCardNumber });
  }
  expect(missing).toEqual([]);
  // The server still takes writes after the recovery.
  const after = await fetch(`${base}/api/members`, {
    method: 'POST',
    headers: { cookie: again, 'content-type': 'application/json' },
    body: JSON.stringify({
      organizationId: cellA.id,
      joinedOn: '2024-05-19',
      fullName: 'Người ghi sau khi khởi động lại',
      status: 'probationary',
      admissionDate: '2024-05-19',
      partyCardNumber: '79999999',
    }),
  });
  expect(after.status).toBe(201);

  const stopped = new Promise((r) => second.once('exit', r));
  second.kill('SIGTERM');
  await stopped;
});
