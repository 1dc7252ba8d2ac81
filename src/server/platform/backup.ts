// Backup and restore of the whole installation: the database (embedded PGlite in DATA_DIR, or PostgreSQL at
// DATABASE_URL) and the data folder's key area (<DATA_DIR>/keys/) when there is one. `npm run backup` and
// `npm run restore` (src/server/cli) are thin shells around createBackup and restoreBackup.
//
// A backup is one .tar.gz holding:
//   manifest.json      what it is (kind, time, migrations) and every table's row count and md5
//   database.tar.gz    PGlite: its own dump of the data directory (dumpDataDir), restored with loadDataDir
//   database.dump      PostgreSQL: pg_dump's custom format, restored with pg_restore
//   keys/              a copy of <DATA_DIR>/keys/, if it exists
// A restore checks every table against the manifest before it says it is done, and refuses to write over a
// database (or key area) that is not empty unless told to (force): then the old data folder or key area is kept
// beside the new one, and a PostgreSQL database is cleaned of the backup's objects in the restore's own
// transaction (a failed restore leaves it as it was).
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { hasTables, type TableSum, tableSums } from './backup.repository.ts';
import { openPglite, openPostgres, type Queryable, type wrapPglite } from './db.ts';

const run = promisify(execFile);

export type BackupKind = 'pglite' | 'postgresql';

export interface Manifest {
  format: 'chi-bo-so-backup';
  version: 1;
  kind: BackupKind;
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableSum>;
  /** Files of the key area, relative to keys/. */
  keys: string[];
}

export interface Target {
  dataDir: string;
  databaseUrl?: string;
}

/** A refusal or a failure the commands print as it is, without a stack. */
export class BackupError extends Error {}

/** The newest PostgreSQL client tools (PG_BIN, else Debian's /usr/lib/postgresql/<v>/bin, else the PATH). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.PG_BIN;
  if (dir) return join(dir, name);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(a) - Number(b));
    if (versions.length) return join(root, versions.at(-1)!, 'bin', name);
  }
  return name;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const keysDir = (dataDir: string) => join(dataDir, 'keys');
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

async function migrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migration ORDER BY version');
  return rows.map((r) => r.version);
}

/** Whether DATA_DIR holds a PGlite database. */
const isPgliteDir = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

export interface BackupReport {
  file: string;
  kind: BackupKind;
  tables: number;
  rows: number;
  keys: number;
}

/**
 * Writes a backup of `target` to `out` (default backups/chi-bo-so-<kind>-<time>.tar.gz). The embedded database
 * must not be open in a running server (PGlite is one process's): its data folder's lock file says it is,
 * unless the server was killed; `force` skips that check.
 */
export async function createBackup(
  target: Target,
  opts: { out?: string; force?: boolean; now?: Date } = {},
): Promise<BackupReport> {
  const now = opts.now ?? new Date();
  const kind: BackupKind = target.databaseUrl ? 'postgresql' : 'pglite';
  const out = resolve(opts.out ?? join('backups', `chi-bo-so-${kind}-${stamp(now)}.tar.gz`));
  const stage = mkdtempSync(join(tmpdir(), 'chibo-backup-'));
  try {
    let tables: Record<string, TableSum>;
    let versions: string[];
    if (target.databaseUrl) {
      const url = target.databaseUrl;
      const db = openPostgres(url, 1);
      try {
        // One snapshot for the checksums and pg_dump, so the manifest describes exactly what was dumped even
        // while the server keeps writing.
        [tables, versions] = await db.transaction(async (tx) => {
          await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          const [snap] = await tx.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
          const dump = run(pgTool('pg_dump'), [
            '--format=custom',
            `--snapshot=${snap!.id}`,
            `--file=${join(stage, 'database.dump')}`,
            `--dbname=${url}`,
          ]);
          const sums = await tableSums(tx);
          const v = await migrations(tx);
          await dump;
          return [sums, v] as const;
        });
      } catch (err) {
        throw new BackupError(
          `pg_dump thất bại: ${(err as { stderr?: string }).stderr?.trim() || String(err)}`,
        );
      } finally {
        await db.close();
      }
    } else {
      const dir = resolve(target.dataDir);
      if (!isPgliteDir(dir)) throw new BackupError(`Không có cơ sở dữ liệu nhúng trong ${dir} (DATA_DIR).`);
      if (existsSync(join(dir, 'postmaster.pid')) && !opts.force) {
        throw new BackupError(
          `Cơ sở dữ liệu trong ${dir} đang được máy chủ mở (hoặc máy chủ đã dừng đột ngột). ` +
            'Hãy dừng máy chủ rồi chạy lại; nếu chắc chắn không có máy chủ nào đang chạy, thêm --force.',
        );
      }
      const db = (await openPglite(dir)) as ReturnType<typeof wrapPglite>;
      try {
        tables = await tableSums(db);
        versions = await migrations(db);
        const dump = await db.raw.dumpDataDir('gzip');
        writeFileSync(join(stage, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    const keys = filesUnder(keysDir(target.dataDir));
    if (keys.length) cpSync(keysDir(target.dataDir), join(stage, 'keys'), { recursive: true });
    const manifest: Manifest = {
      format: 'chi-bo-so-backup',
      version: 1,
      kind,
      createdAt: now.toISOString(),
      migrations: versions,
      tables,
      keys,
    };
    writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(dirname(out), { recursive: true });
    await run('tar', ['-czf', out, '-C', stage, '.']);
    const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
    return { file: out, kind, tables: Object.keys(tables).length, rows, keys: keys.length };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export interface RestoreReport {
  kind: BackupKind;
  /** The data folder (PGlite) or the database's address without its password (PostgreSQL). */
  target: string;
  createdAt: string;
  tables: number;
  rows: number;
  keys: number;
  /** Where what was there before was kept (force). */
  keptAside: string[];
  /** Tables in the target that the backup does not have (left as they were). */
  extraTables: string[];
}

function readManifest(stage: string, file: string): Manifest {
  const path = join(stage, 'manifest.json');
  if (!existsSync(path))
    throw new BackupError(`${file} không phải bản sao lưu của Chi bộ số (thiếu manifest.json).`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (m.format !== 'chi-bo-so-backup' || m.version !== 1) {
    throw new BackupError(`${file} không phải bản sao lưu Chi bộ số phiên bản 1.`);
  }
  return m;
}

const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/** Compares the restored tables with the manifest; throws naming every difference. */
function verify(manifest: Manifest, got: Record<string, TableSum>): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(manifest.tables)) {
    const have = got[name];
    if (!have) problems.push(`bảng ${name} không có sau khi khôi phục`);
    else if (have.rows !== want.rows || have.md5 !== want.md5) {
      problems.push(
        `bảng ${name}: ${have.rows} dòng (md5 ${have.md5}), bản sao lưu có ${want.rows} dòng (md5 ${want.md5})`,
      );
    }
  }
  if (problems.length)
    throw new BackupError(`Dữ liệu khôi phục khác bản sao lưu:\n  ${problems.join('\n  ')}`);
  return Object.keys(got).filter((t) => !(t in manifest.tables));
}

/** Moves `path` to `<path>.before-restore-<time>` and returns the new name. */
function keepAside(path: string, now: Date): string {
  const aside = `${path}.before-restore-${stamp(now)}`;
  renameSync(path, aside);
  return aside;
}

/**
 * Restores the backup `file` into `target`: into an empty DATA_DIR for a PGlite backup, or into the database
 * at DATABASE_URL for a PostgreSQL one (a backup restores into the same kind of database it was taken from).
 */
export async function restoreBackup(
  target: Target,
  file: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<RestoreReport> {
  const now = opts.now ?? new Date();
  const path = resolve(file);
  if (!existsSync(path)) throw new BackupError(`Không tìm thấy tệp sao lưu ${path}.`);
  const stage = mkdtempSync(join(tmpdir(), 'chibo-restore-'));
  try {
    try {
      await run('tar', ['-xzf', path, '-C', stage]);
    } catch {
      throw new BackupError(`Không đọc được ${path}: tệp không phải .tar.gz hoặc bị hỏng.`);
    }
    const manifest = readManifest(stage, path);
    const keptAside: string[] = [];
    const dataDir = resolve(target.dataDir);
    const backupKeys = join(stage, 'keys');
    const targetKeys = keysDir(dataDir);
    const keysThere = filesUnder(targetKeys).length > 0;
    let got: Record<string, TableSum>;
    let where: string;

    if (target.databaseUrl) {
      if (manifest.kind !== 'postgresql') {
        throw new BackupError(
          'Bản sao lưu này là của cơ sở dữ liệu nhúng (PGlite): hãy khôi phục vào DATA_DIR (bỏ DATABASE_URL).',
        );
      }
      where = redact(target.databaseUrl);
      const db = openPostgres(target.databaseUrl, 1);
      try {
        const full = await hasTables(db);
        if ((full || (keysThere && existsSync(backupKeys))) && !opts.force) {
          throw new BackupError(
            `Cơ sở dữ liệu ${where}${full ? '' : ` (khu vực khóa ${targetKeys})`} không trống: không khôi phục ` +
              'đè lên. Thêm --force để thay dữ liệu hiện có bằng bản sao lưu.',
          );
        }
        const args = ['--no-owner', '--no-acl', '--single-transaction', '--exit-on-error'];
        if (full) args.push('--clean', '--if-exists');
        try {
          await run(pgTool('pg_restore'), [
            ...args,
            `--dbname=${target.databaseUrl}`,
            join(stage, 'database.dump'),
          ]);
        } catch (err) {
          throw new BackupError(
            `pg_restore thất bại, cơ sở dữ liệu giữ nguyên như trước: ${(err as { stderr?: string }).stderr?.trim() || String(err)}`,
          );
        }
        got = await tableSums(db);
      } finally {
        await db.close();
      }
    } else {
      if (manifest.kind !== 'pglite') {
        throw new BackupError(
          'Bản sao lưu này là của PostgreSQL: hãy khôi phục với DATABASE_URL trỏ tới một cơ sở dữ liệu PostgreSQL.',
        );
      }
      where = dataDir;
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        if (!opts.force) {
          throw new BackupError(
            `Thư mục dữ liệu ${dataDir} không trống: không khôi phục đè lên. Dừng máy chủ, rồi chọn một DATA_DIR ` +
              'trống, hoặc thêm --force (thư mục hiện có được giữ lại bên cạnh, không bị xóa).',
          );
        }
        keptAside.push(keepAside(dataDir, now));
      }
      mkdirSync(dirname(dataDir), { recursive: true });
      const blob = new Blob([readFileSync(join(stage, 'database.tar.gz'))]);
      const db = await openPglite(dataDir, blob);
      try {
        got = await tableSums(db);
      } finally {
        await db.close();
      }
    }
    const extraTables = verify(manifest, got);

    let keys = 0;
    if (existsSync(backupKeys)) {
      if (existsSync(targetKeys) && target.databaseUrl) keptAside.push(keepAside(targetKeys, now));
      // A PGlite data folder may carry keys/ inside its own dump: the backup's copy is the one that counts.
      rmSync(targetKeys, { recursive: true, force: true });
      cpSync(backupKeys, targetKeys, { recursive: true });
      keys = filesUnder(targetKeys).length;
    }
    const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
    return {
      kind: manifest.kind,
      target: where,
      createdAt: manifest.createdAt,
      tables: Object.keys(manifest.tables).length,
      rows,
      keys,
      keptAside,
      extraTables,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
