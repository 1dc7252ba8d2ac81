// The worker pool for heavy work (worker-pool.ts): what comes back through the pool is what the same code gives
// on the request thread; one account cannot hold more than its share; and the API keeps answering while minutes
// books render (checked by the order of events, never by time).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMeeting } from '../../../bench/documents.bench.ts';
import { createDemoData, demoAccounts, demoPassword } from '../demo/demo-data.ts';
import { minutesDocument, decisionDocument } from '../features/documents/meeting-documents.ts';
import { renderDocx } from '../features/documents/render-docx.ts';
import { renderPdf } from '../features/documents/render-pdf.ts';
import { readSheets, writeRosterWorkbook } from '../features/roster-import/roster-sheets.ts';
import { makeClient } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import type { Database } from './db.ts';
import { AppError } from './errors.ts';
import { HeavyPool, heavyPool, stopHeavyWork } from './worker-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'chibo-pool-'));
const book = [10, 11, 12].map((m) => minutesDocument(sampleMeeting(m)));

/** A PDF without what differs between two renders of the same documents: its creation time and file id. */
const stablePdf = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID []');

/** Every part of a .docx (a zip) by name, but docProps/core.xml (which stamps the time of rendering). */
function docxParts(b: Uint8Array, name: string): Record<string, string> {
  const file = join(dir, `${name}.docx`);
  const into = join(dir, name);
  writeFileSync(file, b);
  execFileSync('unzip', ['-q', '-o', file, '-d', into]);
  const out: Record<string, string> = {};
  for (const n of readdirSync(into, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(into, n);
    if (n !== join('docProps', 'core.xml') && statSync(path).isFile()) out[n] = readFileSync(path, 'latin1');
  }
  return out;
}

let pool: HeavyPool;
beforeAll(() => {
  pool = new HeavyPool({ threads: 2, perAccount: 2 });
});
afterAll(async () => {
  await pool?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('HeavyPool', () => {
  it('renders the same PDF and DOCX through the pool as on the request thread', async () => {
    const docs = [...book, decisionDocument(sampleMeeting(12))];
    const [pdfHere, pdfThere, docxHere, docxThere] = await Promise.all([
      renderPdf(docs),
      pool.run('a', 'renderPdf', docs),
      renderDocx(docs),
      pool.run('b', 'renderDocx', docs),
    ]);
    expect(pdfThere.byteLength).toBe(pdfHere.byteLength);
    expect(stablePdf(pdfThere)).toBe(stablePdf(pdfHere));
    const partsHere = docxParts(docxHere, 'here');
    expect(Object.keys(partsHere)).toContain('word/document.xml');
    expect(docxParts(docxThere, 'there')).toEqual(partsHere);
  });

  it('reads and writes roster spreadsheets through the pool as on the request thread', async () => {
    const spec = {
      titles: { organization: 'Chi bộ thôn Đông Hạ', asOf: 'Tính đến ngày 22 tháng 11 năm 2026' },
      columns: [
        { label: 'STT', field: 'index' },
        { label: 'Họ và tên', field: 'fullName' },
        { label: 'Ngày sinh', field: 'dateOfBirth' },
        { label: 'Số thẻ đảng viên', field: 'partyCardNumber' },
      ],
      cellColumn: 'Chi bộ',
      rows: [
        [1, 'Nguyễn Văn An', new Date(Date.UTC(1980, 4, 19)), '012345678901', 'Chi bộ thôn Đông Hạ'],
        [2, 'Lê Thị Thu', new Date(Date.UTC(1992, 0, 2)), '012345678902', 'Chi bộ thôn Đông Hạ'],
      ],
    };
    const xlsx = await pool.run('a', 'writeRosterWorkbook', spec);
    const here = await readSheets({ bytes: await writeRosterWorkbook(spec), kind: 'xlsx' });
    const there = await pool.run('a', 'readSheets', { bytes: xlsx, kind: 'xlsx' });
    expect(there).toEqual(here);
    expect('sheets' in there && there.sheets[0]![5]).toEqual(spec.rows[0]);

    const csv = new TextEncoder().encode('\uFEFFHọ và tên;Ngày sinh\nNguyễn Văn An;19/05/1980\n');
    expect(await pool.run('b', 'readSheets', { bytes: csv, kind: 'csv' })).toEqual(
      await readSheets({ bytes: csv, kind: 'csv' }),
    );
    // A failure comes back as its reason, for the request side to answer with.
    const latin1 = new Uint8Array([0x48, 0xe0, 0x0a]);
    expect(await pool.run('b', 'readSheets', { bytes: latin1, kind: 'csv' })).toEqual({
      failure: 'csv_not_utf8',
    });
    expect(await pool.run('b', 'readSheets', { bytes: csv, kind: 'xlsx' })).toEqual({
      failure: 'broken_xlsx',
    });
  });

  it('refuses a third job of one account at once, takes other accounts, and frees the place when done', async () => {
    const first = pool.run('a', 'renderPdf', book);
    const second = pool.run('a', 'renderPdf', book);
    expect(pool.running('a')).toBe(2);
    const third = pool.run('a', 'renderPdf', book);
    await expect(third).rejects.toBeInstanceOf(AppError);
    await expect(third).rejects.toMatchObject({
      code: 'too_busy',
      detail: { code: 'request.heavy_per_account', params: { limit: 2 } },
    });
    const other = pool.run('b', 'renderDocx', book);
    expect(pool.running('b')).toBe(1);
    await Promise.all([first, second, other]);
    expect(pool.running('a')).toBe(0);
    expect(pool.running('b')).toBe(0);
    const again = await pool.run('a', 'renderDocx', book);
    expect(again.byteLength).toBeGreaterThan(1000);
  });

  it('frees the place of a job that fails', async () => {
    await expect(pool.run('a', 'renderPdf', [])).rejects.toThrow(/no documents/);
    expect(pool.running('a')).toBe(0);
  });

  it('refuses new work once stopped', async () => {
    const stopping = new HeavyPool({ threads: 1 });
    await stopping.stop();
    await expect(stopping.run('a', 'renderPdf', book)).rejects.toMatchObject({
      code: 'too_busy',
      detail: { code: 'request.heavy_stopping' },
    });
  });
});

describe('heavy work through the API', () => {
  let db: Database;
  let cellId: string;
  let accountOf: Record<'cellSecretary' | 'communeSecretary', string>;
  type Request = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
  let secretary: Request;
  let commune: Request;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createDemoData(db, { seed: 20250701, members: 200, today: '2026-11-22' });
    const { signIn } = makeClient(db);
    const identifier = (key: string) => demoAccounts.find((a) => a.key === key)!.identifier;
    secretary = await signIn(identifier('cellSecretary'), demoPassword);
    commune = await signIn(identifier('communeSecretary'), demoPassword);
    const cellName = demoAccounts.find((a) => a.key === 'cellSecretary')!.organizationName;
    const [cell] = await db.query<{ id: string }>(
      `SELECT organization_id AS id FROM organization_period WHERE name = $1 AND valid_to IS NULL`,
      [cellName],
    );
    cellId = cell!.id;
    const accounts = await db.query<{ id: string; phone: string }>(
      `SELECT a.id, m.phone FROM account a JOIN member m ON m.id = a.member_id WHERE m.phone = ANY($1)`,
      [[identifier('cellSecretary'), identifier('communeSecretary')]],
    );
    const idOf = (key: string) => accounts.find((a) => a.phone === identifier(key))!.id;
    accountOf = { cellSecretary: idOf('cellSecretary'), communeSecretary: idOf('communeSecretary') };
  });

  afterAll(async () => {
    await stopHeavyWork();
    await db?.close();
  });

  const bookUrl = (file: string) => `/api/organizations/${cellId}/books/2025/${file}`;

  it('answers /api/health and a member list while four resolutions books render in the pool', async () => {
    const done: string[] = [];
    const books = [
      secretary(bookUrl('decisions.pdf')),
      secretary(bookUrl('decisions.pdf')),
      commune(bookUrl('decisions.pdf')),
      commune(bookUrl('decisions.pdf')),
    ].map((p, i) =>
      Promise.resolve(p).then(async (res) => {
        done.push(`book ${i}`);
        return {
          status: res.status,
          head: Buffer.from(await res.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        };
      }),
    );
    // Wait until the four books are in the pool (their data has been read), then ask the light questions.
    const inPool = () =>
      heavyPool().running(accountOf.cellSecretary) + heavyPool().running(accountOf.communeSecretary);
    while (inPool() < 4 && done.length === 0) await new Promise((r) => setImmediate(r));
    const inPoolWhenAsked = inPool();
    const health = await secretary('/api/health');
    done.push('health');
    const list = await commune(`/api/members?organizationId=${cellId}&limit=20`);
    done.push('member list');
    expect(health.status).toBe(200);
    expect(list.status).toBe(200);
    const results = await Promise.all(books);
    expect(results).toEqual(Array(4).fill({ status: 200, head: '%PDF-' }));
    // The light answers came while the books were still rendering: before any book was finished.
    expect(inPoolWhenAsked).toBe(4);
    expect(done.slice(0, 2)).toEqual(['health', 'member list']);
  });

  it('answers 429 with its message to an account that already has two files in the making', async () => {
    const release = [
      heavyPool().reserve(accountOf.cellSecretary),
      heavyPool().reserve(accountOf.cellSecretary),
    ];
    try {
      const refused = await secretary(bookUrl('minutes.docx'));
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as {
        error: { code: string; messageCode: string; message: string };
      };
      expect(body.error).toMatchObject({ code: 'too_busy', messageCode: 'request.heavy_per_account' });
      expect(body.error.message).toBe(
        'Bạn đang có 2 tệp đang được tạo hoặc đọc; hãy chờ các tệp đó xong rồi thử lại',
      );
      // Another account is served meanwhile.
      expect((await commune(bookUrl('minutes.docx'))).status).toBe(200);
    } finally {
      release.forEach((r) => r());
    }
    expect((await secretary(bookUrl('minutes.docx'))).status).toBe(200);
  });
});
