// Audit helpers for tests: a fixed test key, sealing on demand (the server's sealer runs in the background,
// tests seal when they need sealed rows), and verification against the checkpoints sealed here.
import { createHash } from 'node:crypto';
import { type AuditKeys, type Checkpoint, deriveAuditKeys, signCheckpoint } from '../platform/audit-keys.ts';
import { sealPending } from '../platform/audit.ts';
import { type VerifyResult, verifyAuditChain } from '../platform/audit-verify.ts';
import type { Database } from '../platform/db.ts';

export const testAuditKeys: AuditKeys = deriveAuditKeys(
  createHash('sha256').update('chi-bo-so test audit key').digest(),
);

const sealedCheckpoints = new WeakMap<Database, Checkpoint[]>();

/** The checkpoints `sealNow` signed for this database. */
export function checkpointsOf(db: Database): Checkpoint[] {
  return sealedCheckpoints.get(db) ?? [];
}

/** Seals every committed pending event now, signing a checkpoint of each head moved; returns how many. */
export async function sealNow(db: Database, keys = testAuditKeys, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sealPending(db, keys, batch);
    total += r.sealed;
    const list = sealedCheckpoints.get(db) ?? [];
    list.push(...r.heads.map((h) => signCheckpoint(keys, h)));
    sealedCheckpoints.set(db, list);
    if (r.busy || r.sealed < batch) return total;
  }
}

/** Seals, then verifies with the test key and this database's checkpoints. */
export async function verifyNow(db: Database): Promise<VerifyResult> {
  await sealNow(db);
  return verifyAuditChain(db, {
    keys: testAuditKeys,
    checkpoints: { present: true, checkpoints: checkpointsOf(db), problems: [] },
  });
}
