// The audit log's key and checkpoints (ADR 009). One secret file yields the chain's HMAC key and an Ed25519 key
// that signs checkpoints of each chain's head; checkpoints are appended to a file outside the database.
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canonicalJson } from './audit.ts';
import type { Config } from './config.ts';

export interface AuditKeys {
  /** Names the key without revealing it; stored on every keyed row and checkpoint. */
  keyId: string;
  macKey: Buffer;
  signKey: KeyObject;
  publicKey: KeyObject;
  /** The checkpoints' verification key (SPKI DER, base64), safe to publish. */
  publicKeyText: string;
}

export interface AuditPaths {
  keyFile: string;
  checkpointFile: string;
}

export function auditPaths(
  config: Pick<Config, 'DATA_DIR' | 'AUDIT_KEY_FILE' | 'AUDIT_CHECKPOINT_FILE'>,
): AuditPaths {
  const keysDir = join(resolve(config.DATA_DIR), 'keys');
  return {
    keyFile: resolve(config.AUDIT_KEY_FILE ?? join(keysDir, 'audit.key')),
    checkpointFile: resolve(config.AUDIT_CHECKPOINT_FILE ?? join(keysDir, 'audit-checkpoints.jsonl')),
  };
}

const derive = (secret: Buffer, label: string) =>
  createHmac('sha256', secret).update(`chi-bo-so audit ${label}`).digest();

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed.
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

export function deriveAuditKeys(secret: Buffer): AuditKeys {
  if (secret.length < 32) throw new Error('audit key: at least 32 bytes of secret are needed');
  const signKey = createPrivateKey({
    key: Buffer.concat([ed25519Pkcs8Prefix, derive(secret, 'checkpoint')]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(signKey);
  return {
    keyId: derive(secret, 'key id').toString('hex').slice(0, 16),
    macKey: derive(secret, 'chain'),
    signKey,
    publicKey,
    publicKeyText: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** The key in the file, or null when there is no file. A file that is not a key stops everything. */
export function readAuditKey(keyFile: string): AuditKeys | null {
  if (!existsSync(keyFile)) return null;
  const text = readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/.test(text))
    throw new Error(`audit key file ${keyFile} is not a key (expected at least 64 hex digits)`);
  return deriveAuditKeys(Buffer.from(text, 'hex'));
}

/** Creates a new random key, readable by the owner only; never overwrites an existing file. */
export function createAuditKey(keyFile: string): AuditKeys {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  writeFileSync(keyFile, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return deriveAuditKeys(secret);
}

export interface Checkpoint {
  chain: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  sig: string;
}

const signedPart = (c: Omit<Checkpoint, 'sig'>) =>
  Buffer.from(canonicalJson({ chain: c.chain, seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId }));

export function signCheckpoint(
  keys: AuditKeys,
  head: { chain: string; seq: number; hash: string },
  at = new Date(),
): Checkpoint {
  const body = { chain: head.chain, seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keys.keyId };
  return { ...body, sig: sign(null, signedPart(body), keys.signKey).toString('base64') };
}

export function checkpointSignatureValid(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, signedPart(c), publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

/** Appends checkpoints as JSON lines in one write, flushed to disk before returning. */
export function appendCheckpoints(file: string, checkpoints: Checkpoint[]): void {
  if (checkpoints.length === 0) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface CheckpointFile {
  /** False when the file does not exist. */
  present: boolean;
  /** Checkpoints whose signature holds, in file order. */
  checkpoints: Checkpoint[];
  /** Lines that are not valid checkpoints, each named by line number. */
  problems: string[];
}

const isCheckpoint = (v: unknown): v is Checkpoint => {
  const c = v as Checkpoint;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.chain === 'string' &&
    Number.isSafeInteger(c.seq) &&
    c.seq > 0 &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.sig === 'string'
  );
};

/** Reads a checkpoint file; with keys, a checkpoint whose signature fails or that names another key is a problem. */
export function readCheckpoints(file: string, keys: AuditKeys | null): CheckpointFile {
  if (!existsSync(file)) return { present: false, checkpoints: [], problems: [] };
  const result: CheckpointFile = { present: true, checkpoints: [], problems: [] };
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    if (!isCheckpoint(parsed)) result.problems.push(`line ${i + 1}: not a checkpoint`);
    else if (keys && parsed.keyId !== keys.keyId)
      result.problems.push(`line ${i + 1}: signed with another key (${parsed.keyId})`);
    else if (keys && !checkpointSignatureValid(keys.publicKey, parsed))
      result.problems.push(
        `line ${i + 1}: signature does not match (chain ${parsed.chain}, seq ${parsed.seq})`,
      );
    else result.checkpoints.push(parsed);
  });
  return result;
}

/** The newest checkpoint (highest seq) of each chain. */
export function latestCheckpoints(checkpoints: Checkpoint[]): Map<string, Checkpoint> {
  const latest = new Map<string, Checkpoint>();
  for (const c of checkpoints) {
    const had = latest.get(c.chain);
    if (!had || c.seq > had.seq) latest.set(c.chain, c);
  }
  return latest;
}

/** Copies the valid checkpoints to another file (to be kept away from this server); returns how many. */
export function exportCheckpoints(checkpoints: Checkpoint[], to: string): number {
  mkdirSync(dirname(resolve(to)), { recursive: true });
  writeFileSync(to, checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o600 });
  return checkpoints.length;
}
