// Append-only audit log, chained by SHA-256 per province so tampering with any row breaks the chain.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from './db.ts';

export interface AuditEntry {
  chain: string; // province id, or '' for system-wide events
  actorAccountId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const genesisHash = '0'.repeat(64);

export function auditHash(row: {
  chain: string;
  seq: number;
  at: string;
  actorAccountId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
}): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** Writes one audit row inside the caller's transaction; the head row lock orders writers of a chain. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_head (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`,
    [entry.chain, genesisHash],
  );
  const [head] = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE chain = $1 FOR UPDATE',
    [entry.chain],
  );
  const seq = Number(head!.seq) + 1;
  const at = new Date().toISOString();
  const before = entry.before === undefined ? null : JSON.parse(canonicalJson(entry.before));
  const after = entry.after === undefined ? null : JSON.parse(canonicalJson(entry.after));
  const row = {
    chain: entry.chain,
    seq,
    at,
    actorAccountId: entry.actorAccountId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before,
    after,
    ip: entry.ip ?? null,
    prevHash: head!.hash,
  };
  const hash = auditHash(row);
  await tx.query(
    `INSERT INTO audit_log (chain, seq, at, actor_account_id, action, entity, entity_id, before, after, ip, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [
      row.chain,
      seq,
      at,
      row.actorAccountId,
      row.action,
      row.entity,
      row.entityId,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
      row.ip,
      row.prevHash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_head SET seq = $2, hash = $3 WHERE chain = $1', [entry.chain, seq, hash]);
}

export interface VerifyResult {
  chains: number;
  rows: number;
  broken: Array<{ chain: string; seq: number; reason: string }>;
}

/** Recomputes every chain from its first row; reports the first broken link of each chain. */
export async function verifyAuditChain(db: Database, batch = 5000): Promise<VerifyResult> {
  const chains = await db.query<{ chain: string; seq: number; hash: string }>(
    'SELECT chain, seq, hash FROM audit_head ORDER BY chain',
  );
  const result: VerifyResult = { chains: chains.length, rows: 0, broken: [] };
  for (const head of chains) {
    let prev = genesisHash;
    let expectedSeq = 1;
    let lastSeq = 0;
    let ok = true;
    while (ok) {
      const rows = await db.query<{
        seq: number;
        at: Date;
        actor_account_id: string | null;
        action: string;
        entity: string;
        entity_id: string | null;
        before: unknown;
        after: unknown;
        ip: string | null;
        prev_hash: string;
        hash: string;
      }>('SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
        head.chain,
        lastSeq,
        batch,
      ]);
      if (rows.length === 0) break;
      for (const r of rows) {
        result.rows++;
        const seq = Number(r.seq);
        const fail = (reason: string) => {
          result.broken.push({ chain: head.chain, seq, reason });
          ok = false;
        };
        if (seq !== expectedSeq) fail(`missing row before seq ${seq}`);
        else if (r.prev_hash !== prev) fail('prev_hash does not match the previous row');
        else {
          const at = r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString();
          const hash = auditHash({
            chain: head.chain,
            seq,
            at,
            actorAccountId: r.actor_account_id,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            ip: r.ip,
            prevHash: r.prev_hash,
          });
          if (hash !== r.hash) fail('row content does not match its hash');
        }
        if (!ok) break;
        prev = r.hash;
        expectedSeq = seq + 1;
        lastSeq = seq;
      }
    }
    if (ok && (lastSeq !== Number(head.seq) || prev !== head.hash)) {
      result.broken.push({
        chain: head.chain,
        seq: lastSeq,
        reason: 'chain head does not match the last row',
      });
    }
  }
  return result;
}
