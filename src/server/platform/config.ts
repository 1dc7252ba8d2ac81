// Environment configuration, parsed once with zod; a bad value stops start-up with a clear message.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  // Server processes sharing the port on PostgreSQL (node:cluster); the embedded database runs one process.
  WORKERS: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  // A PostgreSQL streaming replica for read-only pages (ADR 012); needs DATABASE_URL (the primary).
  DATABASE_REPLICA_URL: z.string().url().optional(),
  // After a write, the same browser reads from the primary for this many seconds, so it sees what it wrote.
  REPLICA_STICKY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  DATA_DIR: z.string().default('./data'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  DEMO_MEMBERS: z.coerce.number().int().min(50).max(6_000_000).default(3000),
  DEMO_SEED: z.coerce.number().int().default(20250701),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  COOKIE_SECURE: z.enum(['on', 'off']).default('off'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // The audit log's secret and its signed checkpoints (ADR 009); default <DATA_DIR>/keys/. Keep them off the
  // database server: whoever can write the database but not read this key cannot rewrite the log unseen.
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  // Check every JSON answer against its route's contract (and every live-room event against the room's): on in
  // the tests and the browser journeys, where a server that drifts from its contracts must fail; off in
  // production, where the web trusts the contracts' types (ADR 011).
  CHECK_RESPONSES: z.enum(['on', 'off']).default('off'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.DATABASE_REPLICA_URL && !parsed.data.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (the embedded database has no replica)',
    );
  }
  return parsed.data;
}
