// Verifies the audit log (ADR 009): recomputes every chain (unkeyed SHA-256 for rows from before the key,
// HMAC-SHA-256 after), and checks it against the signed checkpoints kept outside the database, so a changed
// row, recomputed later hashes, or deleted newest rows all fail. Also the start-up check of the key.
import {
  type AuditKeys,
  type AuditPaths,
  type Checkpoint,
  type CheckpointFile,
  createAuditKey,
  latestCheckpoints,
  readAuditKey,
} from './audit-keys.ts';
import { auditHash, auditMac, type AuditRow, countPending, genesisHash, linkOf } from './audit.ts';
import type { Database } from './db.ts';

export interface VerifyOptions {
  /** The server's key; without it keyed rows cannot be checked and verification fails. */
  keys: AuditKeys | null;
  checkpoints: CheckpointFile;
  batch?: number;
}

export interface VerifyResult {
  chains: number;
  rows: number;
  keyedRows: number;
  pending: number;
  /** The first broken link of each broken chain. */
  broken: Array<{ chain: string; seq: number; reason: string }>;
  /** Failures not tied to a row: the key, the checkpoint file. */
  problems: string[];
  /** The newest valid checkpoint of each chain. */
  latest: Checkpoint[];
  /** Chains with keyed rows but no checkpoint yet (their newest rows are not pinned). */
  unpinned: string[];
  ok: boolean;
}

interface ChainState {
  prev: string;
  expected: number;
  keyed: boolean;
  failed: boolean;
}

function checkRow(
  r: AuditRow,
  s: ChainState,
  keys: AuditKeys | null,
  pins: Map<number, Checkpoint[]>,
): string | null {
  const seq = Number(r.seq);
  if (seq !== s.expected) return `rows ${s.expected}–${seq - 1} are missing`;
  if (r.prev_hash !== s.prev) return 'prev_hash does not match the previous row';
  const link = linkOf(r, seq, r.prev_hash);
  if (r.key_id === null) {
    if (s.keyed) return 'an unkeyed row after keyed rows';
    if (auditHash(link) !== r.hash) return 'row content does not match its hash';
  } else {
    s.keyed = true;
    if (!keys) return `row sealed with key ${r.key_id}, but the audit key is missing`;
    if (r.key_id !== keys.keyId) return `row sealed with another key (${r.key_id})`;
    if (auditMac(keys, link) !== r.hash) return 'row content does not match its keyed hash';
  }
  for (const pin of pins.get(seq) ?? [])
    if (pin.hash !== r.hash) return `row differs from the checkpoint signed at ${pin.at}`;
  return null;
}

export async function verifyAuditChain(db: Database, options: VerifyOptions): Promise<VerifyResult> {
  const { keys, checkpoints } = options;
  const batch = options.batch ?? 5000;
  const heads = new Map(
    (
      await db.query<{ chain: string; seq: number; hash: string }>('SELECT chain, seq, hash FROM audit_head')
    ).map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]),
  );
  const logged = await db.query<{ chain: string }>(
    'SELECT DISTINCT chain FROM audit_log WHERE seq IS NOT NULL',
  );
  const latest = latestCheckpoints(checkpoints.checkpoints);
  const chains = [...new Set([...heads.keys(), ...logged.map((r) => r.chain), ...latest.keys()])].sort();
  const result: VerifyResult = {
    chains: chains.length,
    rows: 0,
    keyedRows: 0,
    pending: await countPending(db),
    broken: [],
    problems: [...checkpoints.problems],
    latest: chains.flatMap((c) => (latest.has(c) ? [latest.get(c)!] : [])),
    unpinned: [],
    ok: false,
  };
  const pinsByChain = new Map<string, Map<number, Checkpoint[]>>();
  for (const c of checkpoints.checkpoints) {
    const pins = pinsByChain.get(c.chain) ?? new Map<number, Checkpoint[]>();
    pins.set(c.seq, [...(pins.get(c.seq) ?? []), c]);
    pinsByChain.set(c.chain, pins);
  }
  for (const chain of chains) {
    const pins = pinsByChain.get(chain) ?? new Map<number, Checkpoint[]>();
    const s: ChainState = { prev: genesisHash, expected: 1, keyed: false, failed: false };
    const fail = (seq: number, reason: string) => {
      result.broken.push({ chain, seq, reason });
      s.failed = true;
    };
    while (!s.failed) {
      const rows = await db.query<AuditRow>(
        'SELECT * FROM audit_log WHERE chain = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
        [chain, s.expected, batch],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        result.rows++;
        if (r.key_id !== null) result.keyedRows++;
        const reason = checkRow(r, s, keys, pins);
        if (reason) {
          fail(Number(r.seq), reason);
          break;
        }
        s.prev = r.hash!;
        s.expected = Number(r.seq) + 1;
      }
    }
    if (s.failed) continue;
    const last = s.expected - 1;
    const pin = latest.get(chain);
    const head = heads.get(chain);
    if (pin && pin.seq > last)
      fail(
        last + 1,
        `rows ${last + 1}–${pin.seq} are missing (a checkpoint signed at ${pin.at} holds seq ${pin.seq})`,
      );
    else if (!head && last > 0) fail(last, 'the chain has no head');
    else if (head && (head.seq !== last || head.hash !== s.prev))
      fail(last, 'chain head does not match the last row');
    else if (s.keyed && !pin) result.unpinned.push(chain);
  }
  if (result.keyedRows > 0 && !checkpoints.present)
    result.problems.push('the checkpoint file is missing: deleted newest rows could not be detected');
  if (result.keyedRows > 0 && !keys) result.problems.push('the audit key is missing');
  result.ok = result.broken.length === 0 && result.problems.length === 0;
  return result;
}

/**
 * The key for this database at start-up: the key file's, or a new one when neither the file nor a keyed row
 * exists. Refuses to start when rows were sealed with a key that is missing or not the one in the file, since
 * sealing on with another key would leave the log unverifiable.
 */
export async function openAuditKeys(
  db: Database,
  paths: AuditPaths,
): Promise<{ keys: AuditKeys; created: boolean }> {
  const keys = readAuditKey(paths.keyFile);
  const [row] = await db.query<{ key_id: string }>(
    'SELECT key_id FROM audit_log WHERE key_id IS NOT NULL ORDER BY id DESC LIMIT 1',
  );
  if (row && !keys)
    throw new Error(
      `The audit log was sealed with key ${row.key_id}, but the key file ${paths.keyFile} is missing. ` +
        'Restore it from the backup of the data folder (or set AUDIT_KEY_FILE to where it is); ' +
        'a new key would leave the log unverifiable.',
    );
  if (row && keys && row.key_id !== keys.keyId)
    throw new Error(
      `The audit log was sealed with key ${row.key_id}, but ${paths.keyFile} holds key ${keys.keyId}. ` +
        'Restore the right key file (or set AUDIT_KEY_FILE to it).',
    );
  if (keys) return { keys, created: false };
  return { keys: createAuditKey(paths.keyFile), created: true };
}
