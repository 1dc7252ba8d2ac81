// Stateless app servers (issue 10.2), with real server processes on one PostgreSQL database: a check-in made
// through one process reaches a live room open on another; WORKERS=2 serves one port from two processes,
// starts again a process that dies and stops cleanly; a periodic job runs once however many processes start.
// PostgreSQL only (the PostgreSQL step of scripts/test.sh): the embedded database is one process by design.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../domain/dates.ts';
import type { Database } from '../platform/db.ts';
import {
  makeAccount,
  makeMember,
  makePosition,
  makeProvince,
  type MemberRef,
  testPassword,
} from '../testing/factories.ts';
import { createPostgresTestDatabase } from '../testing/test-db.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

/** A server started by the test, with what it printed so far and a way to wait for a line. */
interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  lines: string[];
  /** Resolves with the first line (printed before or after) that matches. */
  line(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Server[] = [];
let dataDir = '';
let db: Database;
let url = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `node --import tsx src/server/main.ts` on the test database, DEMO_DATA off, debug logs captured. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      VITEST: '', // the logger is silent under vitest; these processes are servers, not tests
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'off',
      CHECK_RESPONSES: 'on',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      for (const l of parts) {
        lines.push(l);
        for (const w of waiting.filter((x) => x.match(l))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(l);
        }
      }
    });
  }
  const server: Server = {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    lines,
    exited,
    line(match) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiting.push({ match, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`server exited (${code ?? signal}):\n${lines.join('\n')}`)),
        );
      });
    },
  };
  started.push(server);
  return server;
}

const isReady = (l: string) => l.includes('Chi bộ số đang chạy tại');
const logOf = (l: string) => {
  try {
    return JSON.parse(l) as Record<string, any>;
  } catch {
    return null;
  }
};

async function stop(s: Server) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.exited;
  s.child.kill('SIGTERM');
  return s.exited;
}

async function signIn(base: string, identifier: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password: testPassword }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function call(base: string, cookie: string, path: string, json?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** GET /api/health on a new connection each time (so the cluster hands each to the next process). */
function healthPid(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-server-process'])));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Serving pids seen over new connections until `count` different ones answered. */
async function servingPids(port: number, count: number): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let i = 0; i < 200 && pids.size < count; i++) pids.add(await healthPid(port));
  return pids;
}

describe.runIf(serverUrl)('server processes sharing one PostgreSQL', () => {
  let secretary: MemberRef;
  let member: MemberRef;
  let secretaryLogin = '';
  let memberLogin = '';
  let cellId = '';

  beforeAll(async () => {
    ({ db, url } = await createPostgresTestDatabase(serverUrl!));
    dataDir = mkdtempSync(join(tmpdir(), 'chibo-procs-'));
    const p = await makeProvince(db);
    cellId = p.cellA.id;
    secretary = await makeMember(db, p.cellA, { fullName: 'Nguyễn Thị Hường' });
    await makePosition(db, p.cellA, secretary, 'secretary');
    member = await makeMember(db, p.cellA, { fullName: 'Trần Văn Đức' });
    secretaryLogin = (await makeAccount(db, secretary)).identifier;
    memberLogin = (await makeAccount(db, member)).identifier;
  });

  afterAll(async () => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await s.exited;
    }
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a check-in through one process reaches a live room open on another; reminders run once', async () => {
    // Two processes started together on one database: the start-up work (the audit key) is done once.
    const [a, b] = await Promise.all([startServer({ WORKERS: '1' }), startServer({ WORKERS: '1' })]);
    await Promise.all([a!.line(isReady), b!.line(isReady)]);
    const createdKey = [...a!.lines, ...b!.lines].filter((l) => logOf(l)?.message === 'audit key created');
    expect(createdKey).toHaveLength(1);

    // The secretary opens today's meeting through A; the member signed in through A watches through B.
    const sec = await signIn(a!.base, secretaryLogin);
    const today = todayIso();
    const { id: meetingId } = await call(a!.base, sec, `/api/organizations/${cellId}/meetings`, {
      kind: 'regular',
      forMonth: today.slice(0, 7),
      plannedDate: today,
      dateReason: 'Trường hợp đặc biệt: đón đoàn kiểm tra',
      location: 'Nhà văn hóa thôn',
    });
    await call(a!.base, sec, `/api/meetings/${meetingId}/start`, {});
    const cookie = await signIn(a!.base, memberLogin);
    const res = await fetch(`${b!.base}/api/meetings/${meetingId}/events`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const nextRoom = async () => {
      for (;;) {
        const m = /event: room\ndata: (.*)\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return JSON.parse(m[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the live room closed');
        buffer += value;
      }
    };
    const mine = (room: any) => room.attendance.find((r: any) => r.memberId === member.id);
    expect(mine(await nextRoom()).status).not.toBe('present');

    const { code } = await call(a!.base, sec, `/api/meetings/${meetingId}/checkin-code`);
    await call(a!.base, cookie, `/api/meetings/${meetingId}/check-in`, { code });
    let room = await nextRoom();
    while (mine(room).status !== 'present') room = await nextRoom();
    expect(mine(room)).toMatchObject({ status: 'present', checkInMethod: 'code' });
    await reader.cancel();

    // Each process asked for the hour of task reminders at start; exactly one of them ran it.
    const asked = (s: Server) =>
      s.line((l) => logOf(l)?.job === 'task-reminders' && /periodic job/.test(logOf(l)?.message ?? ''));
    const answers = (await Promise.all([asked(a!), asked(b!)])).map((l) => logOf(l)!.message);
    expect(answers.sort()).toEqual(['periodic job claimed', 'periodic job ran elsewhere']);
    const [job] = await db.query<{ runs: number }>(
      `SELECT runs FROM scheduled_job WHERE name = 'task-reminders'`,
    );
    expect(job?.runs).toBe(1);

    expect((await stop(a!)).code).toBe(0);
    expect((await stop(b!)).code).toBe(0);
  });

  it('WORKERS=2 serves one port from two processes, replaces one that dies, and stops cleanly', async () => {
    const s = await startServer({ WORKERS: '2' });
    expect(await s.line(isReady)).toContain('2 tiến trình');
    const workerPids = s.lines
      .map(logOf)
      .filter((l) => l?.message === 'server process ready')
      .map((l) => String(l!.pid));
    expect(new Set(workerPids).size).toBe(2);
    expect(workerPids).not.toContain(String(s.child.pid));
    expect([...(await servingPids(s.port, 2))].sort()).toEqual([...workerPids].sort());

    // One process dies: the primary starts another, and the port is served by two processes again.
    process.kill(Number(workerPids[0]), 'SIGKILL');
    const restarted = logOf(await s.line((l) => logOf(l)?.message === 'server process restarted'))!;
    const now = await servingPids(s.port, 2);
    expect(now).toEqual(new Set([String(restarted.pid), workerPids[1]]));

    const { code } = await stop(s);
    expect(code).toBe(0);
    for (const pid of [restarted.pid, workerPids[1]]) expect(() => process.kill(Number(pid), 0)).toThrow();
  });
});

describe.skipIf(serverUrl)('server processes sharing one database', () => {
  it.skip('need PostgreSQL (TEST_DATABASE_URL): the embedded database serves one process', () => {});
});
