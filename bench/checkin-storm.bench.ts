// The ngày 03 check-in storm (issue 10.1): members of many cells check in by room code to their meetings in
// session, each with a real session cookie, through HTTP, against PostgreSQL with durable commits (fsync and
// synchronous_commit on: an answer is on disk before it is sent). Prints check-ins per second, p50/p99, errors and
// lost check-ins (attendance rows against acknowledged answers), then bare PostgreSQL's one-row-transaction ceiling
// measured in the same run on the same cluster with the same concurrency (pgbench, a prepared one-row UPDATE per
// transaction), and the ratio.
//
// Starts its own throwaway cluster (initdb under /tmp; scripts/with-postgres.sh turns fsync off, so it is not used),
// N app server processes (bench/checkin-storm.server.ts) and the clients in this process.
// The clients use node:http with one keep-alive Agent (not fetch), so their own CPU takes as little as it can from
// the cores the app and PostgreSQL share with them. The work is sized for the run: each cell gets enough meetings
// that every member has a check-in left until the deadline at `budget` check-ins per second.
// Besides the rate it prints the CPU time per check-in of the app processes (every process of each server's process
// group, from /proc), of PostgreSQL (the postmaster and all its children: backends, WAL writer, checkpointer...) and
// of the clients (this process): figures that move far less with the machine's other load than the rate does.
// Run: npx tsx bench/checkin-storm.bench.ts [seconds=60] [clients=64] [processes=1] [cells=100]
//      [meetings per cell=0: sized for the run] [members per cell=30] [pool per process=10] [budget=2500/s]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { roomCode, roomCodeRotation, windowAt } from '../src/domain/checkin-codes.ts';
import { todayIso } from '../src/domain/dates.ts';
import { macOf } from '../src/server/features/meetings/meeting-checkin.service.ts';
import { openPostgres } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import {
  makeAccount,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
} from '../src/server/testing/factories.ts';

const arg = (i: number, d: number) => Number(process.argv[2 + i] ?? d);
const seconds = arg(0, 60);
const clients = arg(1, 64);
const processes = arg(2, 1);
const cellCount = arg(3, 100);
const membersPerCell = arg(5, 30);
const poolPerProcess = arg(6, 10);
const budget = arg(7, 2500);
const meetingsPerCell = arg(4, 0) || Math.ceil((seconds * budget) / (cellCount * membersPerCell));

/** CPU time (user + system, in ms) of the processes whose /proc stat matches: by process group or parent. */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
function cpuMsOf(match: (pid: number, ppid: number, pgrp: number) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // After the command name (in parentheses, may hold spaces): state ppid pgrp ... utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (match(Number(entry), Number(f[1]), Number(f[2]))) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

// ---- a durable PostgreSQL cluster of our own --------------------------------------------------------------
const pgBin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'])
  .toString()
  .trim();
const asPg = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
const run = (cmd: string, args: string[]) => {
  const [c, ...rest] = [...asPg, cmd, ...args];
  return execFileSync(c!, rest, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] }).toString();
};
const dir = mkdtempSync('/tmp/chibo-storm-');
chmodSync(dir, 0o777);
const data = join(dir, 'data');
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
run(join(pgBin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
const settings = [
  'fsync=on',
  'synchronous_commit=on',
  'full_page_writes=on',
  `max_connections=${Math.max(100, processes * (poolPerProcess + 5) + clients + 20)}`,
  'shared_buffers=256MB',
  'listen_addresses=127.0.0.1',
  `port=${port}`,
  `unix_socket_directories=${data}`,
  // STORM_SLOW_MS=n logs statements slower than n ms; the server log is kept in /tmp/checkin-storm-server.log.
  ...(process.env.STORM_SLOW_MS ? [`log_min_duration_statement=${process.env.STORM_SLOW_MS}`] : []),
];
run(join(pgBin, 'pg_ctl'), [
  '-D',
  data,
  '-l',
  join(dir, 'server.log'),
  '-w',
  '-o',
  settings.map((s) => `-c ${s}`).join(' '),
  'start',
]);
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
const children: ChildProcess[] = [];
let stopped = false;
const stopServers = () => {
  for (const c of children.splice(0)) {
    try {
      process.kill(-c.pid!, 'SIGTERM');
    } catch {
      // gone already
    }
  }
};
const stopAll = () => {
  if (stopped) return;
  stopped = true;
  stopServers();
  try {
    run(join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  } catch {
    // already down
  }
  if (process.env.STORM_SLOW_MS) copyFileSync(join(dir, 'server.log'), '/tmp/checkin-storm-server.log');
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const db = openPostgres(url, 16);
const log = (s: string) => process.stdout.write(`${s}\n`);
try {
  const durable = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','server_version')`,
  );
  log(`PostgreSQL ${durable.map((r) => `${r.name}=${r.setting}`).join(' ')}`);
  await migrate(db);

  // ---- a province: cells, members with accounts and live sessions, secretaries ------------------------------
  const started = Date.now();
  const { commune } = await makeProvince(db);
  const cells = await Promise.all(
    Array.from({ length: cellCount }, () => makeOrganization(db, { kind: 'cell', parent: commune })),
  );
  const newSession = async (accountId: string) => {
    const token = randomBytes(24).toString('base64url');
    await db.query(
      `INSERT INTO session (token_hash, account_id, expires_at) VALUES ($1,$2, now() + interval '1 day')`,
      [createHash('sha256').update(token).digest('hex'), accountId],
    );
    return `chibo_session=${token}`;
  };
  const secretaries: string[] = [];
  const members: { cell: number; id: string; cookie: string }[] = [];
  await Promise.all(
    cells.map(async (cell, ci) => {
      const sec = await makeMember(db, cell, { fullName: `Bí thư ${ci}` });
      await makePosition(db, cell, sec, 'secretary');
      secretaries[ci] = await newSession((await makeAccount(db, sec)).id);
      for (let i = 0; i < membersPerCell; i++) {
        const m = await makeMember(db, cell, { fullName: `Đảng viên ${ci}.${i}` });
        members.push({ cell: ci, id: m.id, cookie: await newSession((await makeAccount(db, m)).id) });
      }
    }),
  );
  await db.query('ANALYZE');
  log(`province: ${cellCount} cells, ${members.length} members with sessions (${Date.now() - started} ms)`);

  // ---- the app servers --------------------------------------------------------------------------------------
  const ports: number[] = [];
  for (let i = 0; i < processes; i++) {
    const child = spawn(
      process.env.STORM_PROFILE ? 'node' : 'npx',
      [
        ...(process.env.STORM_PROFILE
          ? ['--cpu-prof', '--cpu-prof-dir=/tmp/storm-prof', '--import', 'tsx']
          : ['tsx']),
        'bench/checkin-storm.server.ts',
        url,
        String(poolPerProcess),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true, // its own process group: npx, tsx and node are stopped together
      },
    );
    children.push(child);
    ports.push(
      await new Promise<number>((resolve, reject) => {
        child.stdout!.on('data', (b: Buffer) => {
          const m = /listening (\d+)/.exec(b.toString());
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`app server exited (${code})`)));
      }),
    );
  }
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  // One keep-alive Agent: each client keeps its own connection open, as a phone's browser does.
  const agent = new Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  const send = (method: string, base: string, cookie: string, path: string, json?: unknown) =>
    new Promise<{ status: number; text: () => Promise<string>; json: () => Promise<unknown> }>(
      (resolve, reject) => {
        const body = json === undefined ? undefined : JSON.stringify(json);
        const headers: Record<string, string | number> = { cookie };
        if (body !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = Buffer.byteLength(body);
        }
        const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({
              status: res.statusCode ?? 0,
              text: async () => text,
              json: async () => JSON.parse(text),
            });
          });
        });
        req.on('error', reject);
        req.end(body);
      },
    );
  const post = (base: string, cookie: string, path: string, json: unknown) =>
    send('POST', base, cookie, path, json);

  // ---- meetings in session: created and started by each cell's secretary ------------------------------------
  const today = todayIso();
  const meetings: { id: string; cell: number; secret: Uint8Array }[] = [];
  await Promise.all(
    cells.map(async (cell, ci) => {
      for (let k = 0; k < meetingsPerCell; k++) {
        const base = bases[(ci + k) % bases.length]!;
        const res = await post(base, secretaries[ci]!, `/api/organizations/${cell.id}/meetings`, {
          kind: k === 0 ? 'regular' : 'thematic',
          forMonth: today.slice(0, 7),
          plannedDate: today,
          dateReason: 'Trường hợp đặc biệt: ngày 03 hằng tháng',
          location: 'Hội trường',
        });
        if (res.status !== 201 && res.status !== 200)
          throw new Error(`create: ${res.status} ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        const s = await post(base, secretaries[ci]!, `/api/meetings/${id}/start`, {});
        if (s.status !== 200) throw new Error(`start: ${s.status} ${await s.text()}`);
        meetings.push({ id, cell: ci, secret: new Uint8Array() });
      }
    }),
  );
  const secrets = await db.query<{ id: string; checkin_secret: Uint8Array }>(
    'SELECT id, checkin_secret FROM meeting WHERE id = ANY($1::uuid[])',
    [meetings.map((m) => m.id)],
  );
  const secretOf = new Map(secrets.map((r) => [r.id, r.checkin_secret]));
  for (const m of meetings) m.secret = secretOf.get(m.id)!;
  await db.query('ANALYZE');
  log(
    `${meetings.length} meetings in session (${meetingsPerCell} per cell; ` +
      `${Date.now() - started} ms since the start)`,
  );

  // ---- members open the app (not measured): as on the day, the session is in use before the code is typed ----
  const warm = Date.now();
  let w = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = w++; i < members.length; i = w++) {
        const res = await send('GET', bases[c % bases.length]!, members[i]!.cookie, '/api/me');
        if (res.status !== 200) throw new Error(`me: ${res.status}`);
      }
    }),
  );
  log(`${members.length} members opened the app (${Date.now() - warm} ms)`);

  // ---- the storm ------------------------------------------------------------------------------------------
  // The work: every member checks in to each of their cell's meetings, one meeting round after another, cells
  // interleaved, so at any moment the clients hit many meetings and several members of one meeting.
  const byCell = new Map<number, { id: string; secret: Uint8Array }[]>();
  for (const m of meetings) byCell.set(m.cell, [...(byCell.get(m.cell) ?? []), m]);
  const macs = new Map(meetings.map((m) => [m.id, macOf(m.secret, 'room')]));
  const membersOf = new Map<number, typeof members>();
  for (const m of members) membersOf.set(m.cell, [...(membersOf.get(m.cell) ?? []), m]);
  const work: { meetingId: string; cookie: string; memberId: string }[] = [];
  for (let k = 0; k < meetingsPerCell; k++) {
    for (let i = 0; i < membersPerCell; i++) {
      for (let ci = 0; ci < cellCount; ci++) {
        const member = membersOf.get(ci)?.[i];
        const meeting = byCell.get(ci)![k];
        if (member && meeting)
          work.push({ meetingId: meeting.id, cookie: member.cookie, memberId: member.id });
      }
    }
  }
  let next = 0;
  const latencies: number[] = [];
  const acknowledged: { meetingId: string; memberId: string }[] = [];
  const errors = new Map<string, number>();
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const groups = new Set(children.map((c) => c.pid!));
  const appCpu = () => cpuMsOf((_, __, pgrp) => groups.has(pgrp));
  const pgCpu = () => cpuMsOf((pid, ppid) => pid === postmaster || ppid === postmaster);
  log(
    `storm starts: load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const cpu0 = { app: appCpu(), pg: pgCpu(), client: process.cpuUsage() };
  const deadline = performance.now() + seconds * 1000;
  const stormStart = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const base = bases[c % bases.length]!;
      while (performance.now() < deadline && next < work.length) {
        const w = work[next++]!;
        const code = roomCode(macs.get(w.meetingId)!, windowAt(Date.now(), roomCodeRotation));
        const t0 = performance.now();
        try {
          const res = await post(base, w.cookie, `/api/meetings/${w.meetingId}/check-in`, { code });
          const body = await res.text();
          latencies.push(performance.now() - t0);
          if (res.status === 200) acknowledged.push(w);
          else {
            const key = `${res.status} ${body.slice(0, 160)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
        } catch (e) {
          errors.set(String(e), (errors.get(String(e)) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - stormStart) / 1000;
  const clientUsage = process.cpuUsage(cpu0.client);
  const cpu = {
    app: appCpu() - cpu0.app,
    pg: pgCpu() - cpu0.pg,
    client: (clientUsage.user + clientUsage.system) / 1000,
  };
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const present = await db.query<{ meeting_id: string; member_id: string }>(
    `SELECT meeting_id, member_id FROM meeting_attendance
      WHERE meeting_id = ANY($1::uuid[]) AND status = 'present' AND check_in_method = 'code'`,
    [meetings.map((m) => m.id)],
  );
  const stored = new Set(present.map((r) => `${r.meeting_id}/${r.member_id}`));
  const lost = acknowledged.filter((a) => !stored.has(`${a.meetingId}/${a.memberId}`)).length;
  const audited = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.checkIn'`)
  )[0]!.n;
  const rate = acknowledged.length / elapsed;
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  log(
    `storm: ${acknowledged.length} check-ins in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)}/s ` +
      `(${clients} clients, ${processes} app process(es), pool ${poolPerProcess} each)` +
      (next >= work.length ? ' [ran out of work before the deadline]' : ''),
  );
  log(`latency: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`);
  const perCheckin = (ms: number) => (acknowledged.length ? ms / acknowledged.length : 0).toFixed(3);
  log(
    `cpu per check-in: app ${perCheckin(cpu.app)} ms, PostgreSQL ${perCheckin(cpu.pg)} ms, ` +
      `client ${perCheckin(cpu.client)} ms (cpu s: app ${(cpu.app / 1000).toFixed(1)}, ` +
      `PostgreSQL ${(cpu.pg / 1000).toFixed(1)}, client ${(cpu.client / 1000).toFixed(1)})`,
  );
  log(`errors: ${errorCount}${errorCount ? ` ${JSON.stringify(Object.fromEntries(errors))}` : ''}`);
  log(
    `lost: ${lost} (acknowledged ${acknowledged.length}, present by code ${present.length}, audited ${audited})`,
  );
  agent.destroy();
  stopServers();

  // ---- bare PostgreSQL: one-row transactions at the same concurrency -----------------------------------------
  await db.query('CREATE TABLE bench_row (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)');
  await db.query('INSERT INTO bench_row (id) SELECT generate_series(1, 100000)');
  await db.query('ANALYZE bench_row');
  const script = join(dir, 'one-row.sql');
  writeFileSync(script, '\\set id random(1, 100000)\nUPDATE bench_row SET n = n + 1 WHERE id = :id;\n');
  chmodSync(script, 0o644);
  const out = run(join(pgBin, 'pgbench'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    script,
    'postgres',
  ]);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  log(
    `ceiling: bare PostgreSQL ${tps.toFixed(0)} one-row transactions/s (pgbench -M prepared -c ${clients} -j 2 -T ${seconds})`,
  );
  log(`ratio: ${((100 * rate) / tps).toFixed(1)}% of the ceiling`);
  log(
    `machine: ${process.env.HOSTNAME ?? ''} load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} catch (e) {
  process.stderr.write(`checkin-storm: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  stopAll();
  process.exit(process.exitCode ?? 0);
}
