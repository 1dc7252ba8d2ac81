// Service tests of the tamper-evident audit log (ADR 009): keyed chain, signed checkpoints outside the database,
// pending events sealed in batches off the request path, and writers that never wait on one another.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointsOf, sealNow, testAuditKeys, verifyNow } from '../testing/audit.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import {
  appendCheckpoints,
  type AuditKeys,
  auditPaths,
  deriveAuditKeys,
  readAuditKey,
  readCheckpoints,
} from './audit-keys.ts';
import { AuditSealer } from './audit-sealer.ts';
import { openAuditKeys, verifyAuditChain } from './audit-verify.ts';
import {
  auditHash,
  auditMac,
  type AuditRow,
  canonicalJson,
  countPending,
  genesisHash,
  linkOf,
  recordAudit,
  sealPending,
  writeAuditedBatch,
} from './audit.ts';
import { type Database, openPglite, type Queryable } from './db.ts';
import { migrate } from './migrate.ts';
import { projectRoot } from './paths.ts';

let db: Database;
const tempDirs: string[] = [];
/** A fresh folder under the system's temp, removed after the test. */
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const event = (chain: string, n: number) => ({
  chain,
  actorAccountId: null,
  action: 'member.update',
  entity: 'member',
  entityId: `m${n}`,
  before: { name: `cũ ${n}` },
  after: { name: `mới ${n}`, nested: { b: 1, a: [n] } },
  ip: '192.0.2.1',
});

async function append(chain: string, count: number, from = 1) {
  for (let i = 0; i < count; i++) await db.transaction((tx) => recordAudit(tx, event(chain, from + i)));
}

/** What someone with table-owner rights (but not the key) can do: edit behind the append-only guard. */
async function asOwner(fn: (q: Queryable) => Promise<void>) {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await fn(db);
  await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
}

/** Rewrites a chain from row `from` on, recomputing every later link with `link` (and audit_head to match). */
async function recompute(
  chain: string,
  from: number,
  link: (r: AuditRow, seq: number, prev: string) => [string, string | null],
) {
  const rows = await db.query<AuditRow>(
    'SELECT * FROM audit_log WHERE chain = $1 AND seq IS NOT NULL ORDER BY seq',
    [chain],
  );
  let prev = genesisHash;
  await asOwner(async (q) => {
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq >= from) {
        const [hash, keyId] = link(r, seq, prev);
        await q.query('UPDATE audit_log SET prev_hash = $2, hash = $3, key_id = $4 WHERE id = $1', [
          r.id,
          prev,
          hash,
          keyId,
        ]);
        prev = hash;
      } else prev = r.hash!;
    }
    await q.query('UPDATE audit_head SET hash = $2 WHERE chain = $1', [chain, prev]);
  });
}

const verdict = async () => {
  const r = await verifyNow(db);
  return { ok: r.ok, reasons: [...r.problems, ...r.broken.map((b) => `${b.seq}: ${b.reason}`)] };
};

describe('keyed chain and signed checkpoints', () => {
  it('verifies an honest log and pins each chain’s head', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await append(a, 4);
    await append(b, 2);
    const r = await verifyNow(db);
    expect(r).toMatchObject({ ok: true, rows: 6, keyedRows: 6, pending: 0, broken: [], problems: [] });
    expect(r.latest.map((c) => [c.chain, c.seq]).sort()).toEqual(
      [
        [a, 4],
        [b, 2],
      ].sort(),
    );
    const [row] = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq = 4', [a]);
    expect(row!.key_id).toBe(testAuditKeys.keyId);
    expect(row!.after).toEqual({ name: 'mới 4', nested: { b: 1, a: [4] } });
  });

  it('keeps rows append-only: no update of a sealed row, no delete', async () => {
    await append('', 1);
    await sealNow(db);
    await expect(db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_log SET seq = 9, hash = 'x', prev_hash = 'y'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('fails on a changed row', async () => {
    const chain = randomUUID();
    await append(chain, 5);
    await sealNow(db);
    await asOwner((q) =>
      q
        .query(`UPDATE audit_log SET ip = '10.0.0.1' WHERE chain = $1 AND seq = 3`, [chain])
        .then(() => undefined),
    );
    expect(await verdict()).toEqual({ ok: false, reasons: ['3: row content does not match its keyed hash'] });
  });

  it('fails on deleted newest rows, even with audit_head moved back to the new last row', async () => {
    const chain = randomUUID();
    await append(chain, 5);
    await sealNow(db);
    await asOwner(async (q) => {
      await q.query('DELETE FROM audit_log WHERE chain = $1 AND seq > 3', [chain]);
      await q.query(
        'UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE chain = $1 AND seq = 3) WHERE chain = $1',
        [chain],
      );
    });
    const v = await verdict();
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual([
      expect.stringMatching(/^4: rows 4–5 are missing \(a checkpoint signed at .* holds seq 5\)$/),
    ]);
  });

  it('fails on a whole chain deleted, head included', async () => {
    const chain = randomUUID();
    await append(chain, 2);
    await sealNow(db);
    await asOwner(async (q) => {
      await q.query('DELETE FROM audit_log WHERE chain = $1', [chain]);
      await q.query('DELETE FROM audit_head WHERE chain = $1', [chain]);
    });
    expect((await verdict()).reasons).toEqual([
      '1: rows 1–2 are missing (a checkpoint signed at ' + checkpointsOf(db)[0]!.at + ' holds seq 2)',
    ]);
  });

  it('fails on a changed row with every later hash recomputed by the unkeyed function', async () => {
    const chain = randomUUID();
    await append(chain, 5);
    await sealNow(db);
    await asOwner((q) =>
      q
        .query(`UPDATE audit_log SET entity_id = 'forged' WHERE chain = $1 AND seq = 2`, [chain])
        .then(() => undefined),
    );
    // Keeping key_id: the MAC does not match. Clearing it (posing as rows from before the key): the checkpoint does not.
    await recompute(chain, 2, (r, seq, prev) => [auditHash(linkOf(r, seq, prev)), r.key_id]);
    expect((await verdict()).reasons).toEqual(['2: row content does not match its keyed hash']);
    await recompute(chain, 1, (r, seq, prev) => [auditHash(linkOf(r, seq, prev)), null]);
    const v = await verdict();
    expect(v.ok).toBe(false);
    expect(v.reasons[0]).toMatch(/^5: row differs from the checkpoint signed at /);
  });

  it('fails on a changed row with every later hash recomputed under another key', async () => {
    const chain = randomUUID();
    await append(chain, 4);
    await sealNow(db);
    const attacker: AuditKeys = deriveAuditKeys(Buffer.alloc(32, 7));
    await asOwner((q) =>
      q
        .query(`UPDATE audit_log SET action = 'forged' WHERE chain = $1 AND seq = 2`, [chain])
        .then(() => undefined),
    );
    await recompute(chain, 2, (r, seq, prev) => [
      auditMac({ ...attacker, keyId: testAuditKeys.keyId }, linkOf(r, seq, prev)),
      r.key_id,
    ]);
    expect((await verdict()).reasons).toEqual(['2: row content does not match its keyed hash']);
    await recompute(chain, 2, (r, seq, prev) => [auditMac(attacker, linkOf(r, seq, prev)), attacker.keyId]);
    expect((await verdict()).reasons).toEqual([`2: row sealed with another key (${attacker.keyId})`]);
  });

  it('rows from before the key: verified unkeyed, and rewriting them is caught by the first keyed row', async () => {
    const chain = randomUUID();
    // Two rows as the unkeyed chain of migration 0001 wrote them, then keyed rows on top.
    let prev = genesisHash;
    await asOwner(async (q) => {
      for (const seq of [1, 2]) {
        const at = new Date(Date.UTC(2026, 0, seq)).toISOString();
        const e = event(chain, seq);
        const hash = auditHash({
          chain,
          seq,
          at,
          actorAccountId: null,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          before: e.before,
          after: e.after,
          ip: e.ip,
          prevHash: prev,
        });
        await q.query(
          `INSERT INTO audit_log (chain, seq, at, action, entity, entity_id, before, after, ip, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [
            chain,
            seq,
            at,
            e.action,
            e.entity,
            e.entityId,
            JSON.stringify(e.before),
            JSON.stringify(e.after),
            e.ip,
            prev,
            hash,
          ],
        );
        prev = hash;
      }
      await q.query('INSERT INTO audit_head (chain, seq, hash) VALUES ($1, 2, $2)', [chain, prev]);
    });
    await append(chain, 2, 3);
    const ok = await verifyNow(db);
    expect(ok).toMatchObject({ ok: true, rows: 4, keyedRows: 2 });
    const [first] = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq = 3', [chain]);
    expect(first!.prev_hash).toBe(prev);
    // Rewrite an old row and recompute the whole unkeyed part: the first keyed row's MAC covers the old head.
    await asOwner((q) =>
      q.query(`UPDATE audit_log SET ip = NULL WHERE chain = $1 AND seq = 1`, [chain]).then(() => undefined),
    );
    await recompute(chain, 1, (r, seq, p) =>
      seq <= 2 ? [auditHash(linkOf(r, seq, p)), null] : [r.hash!, r.key_id],
    );
    expect((await verdict()).reasons).toEqual(['3: row content does not match its keyed hash']);
  });

  it('an unkeyed row after keyed rows is refused', async () => {
    const chain = randomUUID();
    await append(chain, 3);
    await sealNow(db);
    await recompute(chain, 3, (r, seq, prev) => [auditHash(linkOf(r, seq, prev)), null]);
    expect((await verdict()).reasons).toEqual(['3: an unkeyed row after keyed rows']);
  });
});

describe('checkpoint file', () => {
  const dir = () => tempDir('chibo-audit-');

  it('reports a checkpoint whose line was edited, one signed with another key, and a line that is not one', async () => {
    const chain = randomUUID();
    await append(chain, 3);
    await sealNow(db);
    const file = join(dir(), 'cp.jsonl');
    appendCheckpoints(file, checkpointsOf(db));
    expect(readCheckpoints(file, testAuditKeys)).toMatchObject({ present: true, problems: [] });
    const good = checkpointsOf(db)[0]!;
    const other = deriveAuditKeys(Buffer.alloc(32, 1));
    writeFileSync(
      file,
      [
        JSON.stringify(good),
        JSON.stringify({ ...good, seq: 2 }),
        JSON.stringify({ ...good, keyId: other.keyId }),
        'garbage',
        '',
      ].join('\n'),
    );
    const read = readCheckpoints(file, testAuditKeys);
    expect(read.checkpoints).toEqual([good]);
    expect(read.problems).toEqual([
      `line 2: signature does not match (chain ${chain}, seq 2)`,
      `line 3: signed with another key (${other.keyId})`,
      'line 4: not a checkpoint',
    ]);
    const v = await verifyAuditChain(db, { keys: testAuditKeys, checkpoints: read });
    expect(v.ok).toBe(false);
    expect(v.broken).toEqual([]);
  });

  it('fails when the checkpoint file is missing, or when the key is', async () => {
    await append(randomUUID(), 2);
    await sealNow(db);
    const missing = readCheckpoints(join(dir(), 'none.jsonl'), testAuditKeys);
    expect(missing.present).toBe(false);
    const v = await verifyAuditChain(db, { keys: testAuditKeys, checkpoints: missing });
    expect(v.problems).toEqual(['the checkpoint file is missing: deleted newest rows could not be detected']);
    const w = await verifyAuditChain(db, { keys: null, checkpoints: missing });
    expect(w.ok).toBe(false);
    expect(w.problems).toContain('the audit key is missing');
  });
});

describe('key at start-up', () => {
  it('creates the key (owner-only) on first start, reuses it, and refuses a missing or different key', async () => {
    const data = tempDir('chibo-data-');
    const paths = auditPaths({ DATA_DIR: data });
    expect(paths.keyFile).toBe(join(data, 'keys', 'audit.key'));
    const first = await openAuditKeys(db, paths);
    expect(first.created).toBe(true);
    expect(statSync(paths.keyFile).mode & 0o777).toBe(0o600);
    const again = await openAuditKeys(db, paths);
    expect(again).toMatchObject({ created: false, keys: { keyId: first.keys.keyId } });
    await append(randomUUID(), 1);
    await sealNow(db, first.keys);
    const elsewhere = auditPaths({ DATA_DIR: data, AUDIT_KEY_FILE: join(data, 'other', 'audit.key') });
    await expect(openAuditKeys(db, elsewhere)).rejects.toThrow(
      new RegExp(`sealed with key ${first.keys.keyId}, but the key file .*other/audit.key is missing`),
    );
    expect(existsSync(elsewhere.keyFile)).toBe(false);
    mkdirSync(dirname(elsewhere.keyFile));
    writeFileSync(elsewhere.keyFile, `${'ab'.repeat(32)}\n`);
    await expect(openAuditKeys(db, elsewhere)).rejects.toThrow(/holds key [0-9a-f]{16}/);
    expect(readAuditKey(paths.keyFile)!.keyId).toBe(first.keys.keyId);
  });
});

describe('sealing', () => {
  it('leaves events pending until sealed; readers see them with seq NULL', async () => {
    const chain = randomUUID();
    await append(chain, 3);
    const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY id', [chain]);
    expect(rows.map((r) => [r.seq, r.hash, r.action])).toEqual([
      [null, null, 'member.update'],
      [null, null, 'member.update'],
      [null, null, 'member.update'],
    ]);
    expect(await countPending(db)).toBe(3);
    const v = await verifyAuditChain(db, {
      keys: testAuditKeys,
      checkpoints: { present: false, checkpoints: [], problems: [] },
    });
    expect(v).toMatchObject({ ok: true, pending: 3, rows: 0 });
  });

  it('seals in batches, oldest first, and only one sealer at a time', async () => {
    const chain = randomUUID();
    await append(chain, 5);
    const sizes: number[] = [];
    for (;;) {
      const r = await sealPending(db, testAuditKeys, 2);
      if (r.sealed === 0) break;
      sizes.push(r.sealed);
    }
    expect(sizes).toEqual([2, 2, 1]);
    const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY id', [chain]);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    await append(chain, 1, 6);
    const held = await db.transaction(async (tx) => {
      const [mine] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(9009001) AS ok');
      if (db.kind === 'pglite') return mine!.ok; // one connection: the lock is re-entrant
      const other = await sealPending(db, testAuditKeys);
      expect(other).toEqual({ busy: true, sealed: 0, heads: [] });
      return mine!.ok;
    });
    expect(held).toBe(true);
  });

  it('a batch write appends one event per item it changed, as recordAudit would, sealed and verified like any', async () => {
    const chain = randomUUID();
    await db.query('CREATE TABLE batch_item (k int PRIMARY KEY, done boolean NOT NULL DEFAULT false)');
    await db.query('INSERT INTO batch_item (k) SELECT generate_series(1, 3)');
    const write = (keys: number[]) => ({
      name: 'test_batch_item_done',
      sql: `UPDATE batch_item b SET done = true FROM unnest($1::int[]) WITH ORDINALITY AS i(k, n)
             WHERE b.k = i.k AND NOT b.done RETURNING i.n`,
      params: [keys],
    });
    const events = [event(chain, 1), event(chain, 2), event(chain, 3)];
    // Key 9 does not exist: its item changes nothing and gets no event.
    expect(await writeAuditedBatch(db, write([1, 9, 2]), events)).toEqual([true, false, true]);
    expect(await writeAuditedBatch(db, write([2, 3]), events.slice(1))).toEqual([false, true]);
    await append(chain, 1, 4); // one by recordAudit, to compare with
    const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY id', [chain]);
    const fields = (r: AuditRow) => [
      r.action,
      r.entity,
      r.entity_id,
      r.before,
      r.after,
      r.ip,
      r.actor_account_id,
    ];
    const expected = (e: ReturnType<typeof event>) => [
      e.action,
      e.entity,
      e.entityId,
      e.before,
      e.after,
      e.ip,
      e.actorAccountId,
    ];
    // Items 1 and 3 of the first batch (keys 1 and 2), item 2 of the second (key 3), then recordAudit's.
    const sorted = (xs: unknown[][]) => xs.map((x) => canonicalJson(x)).sort();
    expect(sorted(rows.map(fields))).toEqual(
      sorted([events[0]!, events[2]!, events[2]!, event(chain, 4)].map(expected)),
    );
    await sealPending(db, testAuditKeys);
    const v = await verifyAuditChain(db, {
      keys: testAuditKeys,
      checkpoints: { present: false, checkpoints: [], problems: [] },
    });
    // Sealed and unbroken (no checkpoint file here: `ok` needs one).
    expect(v).toMatchObject({ rows: 4, keyedRows: 4, pending: 0, broken: [] });
  });

  it('the background sealer seals soon after a write, and everything at stop, with checkpoints in the file', async () => {
    const file = join(tempDir('chibo-audit-'), 'keys', 'cp.jsonl');
    const sealer = new AuditSealer(db, testAuditKeys, {
      checkpointFile: file,
      debounceMs: 1,
      intervalMs: 60_000,
    });
    await sealer.start();
    const chain = randomUUID();
    await append(chain, 2);
    await vi.waitFor(async () => expect(await countPending(db)).toBe(0), { timeout: 20_000, interval: 20 });
    await append(chain, 1, 3);
    await sealer.stop();
    expect(await countPending(db)).toBe(0);
    const cps = readCheckpoints(file, testAuditKeys);
    expect(cps.problems).toEqual([]);
    expect(Math.max(...cps.checkpoints.filter((c) => c.chain === chain).map((c) => c.seq))).toBe(3);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBe(cps.checkpoints.length);
    expect((await verifyAuditChain(db, { keys: testAuditKeys, checkpoints: cps })).ok).toBe(true);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('concurrent writers on PostgreSQL', () => {
  /** Opens a transaction that appends to `chain` and stays open until `release` is called. */
  function heldWriter(chain: string) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const ready = new Promise<void>((r) => (appended = r));
    const done = db.transaction(async (tx) => {
      await recordAudit(tx, event(chain, 1));
      appended();
      await gate;
    });
    return { ready, release, done };
  }

  it('two transactions auditing the same chain do not wait for each other', async () => {
    const chain = randomUUID();
    const first = heldWriter(chain);
    await first.ready;
    // If the second writer waited on the first, lock_timeout would fail it instead of hanging the test.
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '5s'`);
      await recordAudit(tx, event(chain, 2));
    });
    expect(await sealNow(db)).toBe(1); // the open one is invisible, not skipped
    first.release();
    await first.done;
    expect(await sealNow(db)).toBe(1);
    const rows = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY seq', [chain]);
    // The late-committing event (lower id) is sealed after the one that committed first.
    expect(rows.map((r) => [Number(r.seq), r.entity_id])).toEqual([
      [1, 'm2'],
      [2, 'm1'],
    ]);
    expect(Number(rows[0]!.id)).toBeGreaterThan(Number(rows[1]!.id));
    expect((await verifyNow(db)).ok).toBe(true);
  });

  it('sealing does not block writers either', async () => {
    const chain = randomUUID();
    await append(chain, 1);
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(9009001)'); // as if a sealer were mid-batch
      await db.transaction(async (other) => {
        await other.query(`SET LOCAL lock_timeout = '5s'`);
        await recordAudit(other, event(chain, 2));
      });
    });
    expect(await countPending(db)).toBe(2);
  });
});

describe('npm run audit:verify', () => {
  const { DATABASE_URL: _server, ...withoutDatabaseUrl } = process.env;
  const cli = (dataDir: string, ...args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'src/server/cli/verify-audit.ts'), ...args],
        { env: { ...withoutDatabaseUrl, DATA_DIR: dataDir }, cwd: projectRoot },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
      );
    });

  it('prints the newest checkpoint and a verdict; exports; exits 1 when the newest rows are deleted', async () => {
    const dataDir = tempDir('chibo-cli-');
    const paths = auditPaths({ DATA_DIR: dataDir });
    let local = await openPglite(dataDir);
    await migrate(local);
    const { keys } = await openAuditKeys(local, paths);
    const sealer = new AuditSealer(local, keys, { checkpointFile: paths.checkpointFile });
    await sealer.start();
    const chain = randomUUID();
    for (let i = 1; i <= 3; i++) await local.transaction((tx) => recordAudit(tx, event(chain, i)));
    await sealer.stop();
    await local.close();

    const exported = join(dataDir, 'elsewhere', 'checkpoints.jsonl');
    const honest = await cli(dataDir, '--export', exported);
    expect(honest).toMatchObject({ code: 0 });
    expect(honest.out).toContain(`chuỗi ${chain}: số 3`);
    expect(honest.out).toContain('Đang chờ niêm phong: 0 sự kiện.');
    expect(honest.out).toContain('KẾT LUẬN: toàn vẹn — 3 bản ghi (3 có khoá) trong 1 chuỗi.');
    expect(readCheckpoints(exported, keys).checkpoints.map((c) => c.seq)).toEqual([3]);

    local = await openPglite(dataDir);
    await local.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await local.query('DELETE FROM audit_log WHERE seq = 3');
    await local.query(
      `UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2) WHERE chain = $1`,
      [chain],
    );
    await local.close();
    const truncated = await cli(dataDir, '--checkpoints', exported);
    expect(truncated.code).toBe(1);
    expect(truncated.out).toContain('KẾT LUẬN: nhật ký kiểm toán bị sửa đổi');
    expect(truncated.out).toMatch(/tại số 3: rows 3–3 are missing/);
  }, 180_000);
});
