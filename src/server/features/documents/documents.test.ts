// Party documents rendered from a realistic meeting: the DOCX text is read from word/document.xml (unzip),
// the PDF text with pdftotext and its fonts with pdffonts (poppler-utils, installed by scripts/setup-system.sh).
// No database. The rendered files are left in .tmp/documents/ to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleMeeting } from '../../../../bench/documents.bench.ts';
import { projectRoot } from '../../platform/paths.ts';
import {
  attendanceSheetDocument,
  decisionDocument,
  meetingTitle,
  minutesDocument,
  percentVi,
  stampVi,
  type MeetingRecord,
} from './meeting-documents.ts';
import { placeDateLine, recipientLines, type PartyDocument } from './party-document.ts';
import { renderDocx } from './render-docx.ts';
import { findFontsDir, renderPdf } from './render-pdf.ts';

const outDir = join(projectRoot, '.tmp', 'documents');

/** Collapses whitespace (pdftotext breaks lines where the PDF does). */
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function write(name: string, data: Buffer): string {
  const file = join(outDir, name);
  writeFileSync(file, data);
  return file;
}

/** The visible text of a .docx: paragraphs on their own lines, runs joined, entities decoded. */
function docxText(file: string): string {
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

let rec: MeetingRecord;

beforeAll(() => {
  mkdirSync(outDir, { recursive: true });
  rec = sampleMeeting();
});

describe('text helpers', () => {
  it('writes the place and date line with leading zeros for days 1–9 and months 1–2 only', () => {
    expect(placeDateLine('Tân Lập', '2026-12-03')).toBe('Tân Lập, ngày 03 tháng 12 năm 2026');
    expect(placeDateLine('Đồng Nai', '2024-01-03')).toBe('Đồng Nai, ngày 03 tháng 01 năm 2024');
    expect(placeDateLine('Quảng Bình', '2021-02-14')).toBe('Quảng Bình, ngày 14 tháng 02 năm 2021');
    expect(placeDateLine('Tân Lập', '2026-03-09')).toBe('Tân Lập, ngày 09 tháng 3 năm 2026');
  });

  it('formats percentages with a comma and times in Vietnam', () => {
    expect(percentVi(12 / 14)).toBe('85,7%');
    expect(percentVi(1)).toBe('100%');
    expect(percentVi(2 / 3)).toBe('66,7%');
    expect(stampVi('2026-12-03T14:10:00Z')).toBe('21:10 03/12/2026');
    expect(stampVi('2026-12-31T18:30:00Z')).toBe('01:30 01/01/2027');
  });

  it('ends the recipients with a full stop', () => {
    expect(recipientLines(['Đảng ủy xã Tân Lập (để b/c)', 'Lưu chi bộ'])).toEqual([
      '- Đảng ủy xã Tân Lập (để b/c),',
      '- Lưu chi bộ.',
    ]);
  });

  it('names each kind of meeting', () => {
    expect(meetingTitle({ kind: 'regular', month: 12, year: 2026 })).toBe(
      'Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026',
    );
    expect(meetingTitle({ kind: 'regular_thematic', month: 3, year: 2026 })).toBe(
      'Sinh hoạt chi bộ thường kỳ kết hợp chuyên đề tháng 3 năm 2026',
    );
    expect(meetingTitle({ kind: 'committee', month: 3, year: 2026 })).toBe('Họp chi ủy tháng 3 năm 2026');
  });
});

describe('document models', () => {
  it('builds the resolution with its number, tables, vote line, recipients and signature', () => {
    const doc = decisionDocument(rec);
    expect(doc.typeName).toBe('NGHỊ QUYẾT');
    expect(doc.header.number).toBe('03-NQ/CB');
    expect(doc.subject).toBe('Lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026');
    expect(doc.signature).toEqual({ authority: 'T/M CHI BỘ', position: 'BÍ THƯ', name: 'Nguyễn Văn An' });
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]!.rows.map((r) => r[4])).toEqual([
      'Đạt: hoàn thành 1,2 km',
      'Đạt: đạt 92% kế hoạch',
      'Chưa đạt',
    ]);
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain('Tỷ lệ nhiệm vụ hoàn thành: 66,7% (2/3 nhiệm vụ đạt)');
    expect(text).toContain('12/14 đồng chí tán thành, đạt 85,7%');
  });

  it('labels a conclusion KẾT LUẬN and a task not reported "Chưa báo cáo"', () => {
    const r = sampleMeeting();
    r.decision!.type = 'KL';
    r.decision!.previousTasks[2]!.achieved = null;
    const doc = decisionDocument(r);
    expect(doc.typeName).toBe('KẾT LUẬN');
    expect(JSON.stringify(doc.blocks)).toContain('Chưa báo cáo');
  });

  it('refuses a resolution for a meeting without one', () => {
    expect(() => decisionDocument({ ...rec, decision: null })).toThrow();
  });

  it('signs the minutes by the minute-taker (left) and the chair (right) with the signing times', () => {
    const doc = minutesDocument(rec);
    expect(doc.header.number).toBeNull();
    expect(doc.signature).toMatchObject({ position: 'CHỦ TRÌ', name: 'Nguyễn Văn An' });
    expect(doc.signature?.note).toBe('(Đã ký lúc 21:10 03/12/2026)');
    expect(doc.secondSignature).toMatchObject({ position: 'THƯ KÝ', name: 'Nguyễn Thị Hường' });
    expect(doc.secondSignature?.note).toBe('(Đã ký lúc 21:08 03/12/2026)');
    const unsigned = minutesDocument({ ...rec, chairSignedAt: null, minuteTakerSignedAt: null });
    expect(unsigned.signature?.note).toBeNull();
  });
});

describe('rendering', () => {
  const cases: [string, () => PartyDocument][] = [
    ['minutes', () => minutesDocument(rec)],
    ['resolution', () => decisionDocument(rec)],
    ['attendance', () => attendanceSheetDocument(rec)],
  ];

  /** What every document shows, plus what each one must show. */
  const common = [
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    'ĐẢNG ỦY XÃ TÂN LẬP',
    'CHI BỘ THÔN ĐÔNG HẠ',
    'Tân Lập, ngày 03 tháng 12 năm 2026',
  ];
  const expected: Record<string, string[]> = {
    minutes: [
      'BIÊN BẢN',
      'Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026',
      'Thời gian: từ 19 giờ 30 phút đến 21 giờ 05 phút, ngày 03/12/2026 (thời lượng 95 phút).',
      'Tổng số đảng viên của chi bộ: 15 đồng chí, trong đó: chính thức 13, dự bị 2; sinh hoạt tạm thời: 1; miễn sinh hoạt: 1.',
      'Có mặt: 12 đồng chí (chính thức 10, dự bị 2, sinh hoạt tạm thời 1).',
      'Vắng có lý do: 1 đồng chí (đồng chí Lê Thị Thu: đi công tác tại Hà Nội).',
      'Vắng không lý do: 1 đồng chí (đồng chí Phạm Văn Hùng).',
      'Khách mời: đồng chí Trần Văn Bình, Đảng ủy viên, phụ trách chi bộ.',
      'Thư ký: đồng chí Nguyễn Thị Hường.',
      'Đồng chí Đặng Quốc Khánh: Đề nghị chi bộ quan tâm hơn',
      'Kết luận: Chi bộ đánh giá hoàn thành tốt nhiệm vụ',
      'Thông qua nghị quyết: 12/14 đồng chí tán thành, đạt 85,7%.',
      'Tỷ lệ đảng viên có mặt phát biểu ý kiến: 50%.',
      'Buổi sinh hoạt kết thúc hồi 21 giờ 05 phút cùng ngày.',
      'THƯ KÝ',
      'CHỦ TRÌ',
      '(Đã ký lúc 21:10 03/12/2026)',
      'Phụ lục bổ sung ngày 05/12/2026: Bổ sung ý kiến của đồng chí Lê Thị Thu',
    ],
    resolution: [
      'NGHỊ QUYẾT',
      'Số 03-NQ/CB',
      'Lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026',
      'I. Kết quả lãnh đạo thực hiện nhiệm vụ tháng 11',
      'III. Kết quả thực hiện nhiệm vụ theo nghị quyết kỳ trước',
      'Ngô Văn Lượng',
      'Chưa đạt',
      'Tỷ lệ nhiệm vụ hoàn thành: 66,7%',
      'IV. Phân công thực hiện nhiệm vụ',
      'Nghị quyết đã được chi bộ thông qua tại kỳ sinh hoạt với 12/14 đồng chí tán thành, đạt 85,7%.',
      'Nơi nhận:',
      '- Đảng ủy xã Tân Lập (để b/c),',
      '- Lưu chi bộ.',
      'T/M CHI BỘ',
      'BÍ THƯ',
      'Nguyễn Văn An',
    ],
    attendance: [
      'DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT',
      'Họ và tên',
      'Giờ điểm danh',
      'Nguyễn Thị Hường',
      'Trịnh Thị Nguyệt',
      'Vắng có lý do',
      'Vắng không lý do',
      'Miễn SH',
      'Tuổi cao, sức yếu',
      'Tổng số: 15 đồng chí; có mặt: 12; vắng có lý do: 1; vắng không lý do: 1; miễn sinh hoạt: 1.',
    ],
  };

  for (const [name, build] of cases) {
    it(`renders the ${name} as DOCX (Times New Roman 14 pt, A4, 20/20/30/15 mm) with every diacritic`, async () => {
      const file = write(`${name}.docx`, await renderDocx([build()]));
      const text = squash(docxText(file));
      for (const s of [...common, ...expected[name]!]) expect(text).toContain(s);
      const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
      const sect = /<w:sectPr>.*?<\/w:sectPr>/s.exec(xml)?.[0] ?? '';
      expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(sect).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      const styles = execFileSync('unzip', ['-p', file, 'word/styles.xml'], { encoding: 'utf8' });
      const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)?.[0] ?? '';
      expect(defaults).toContain('w:ascii="Times New Roman"');
      expect(defaults).toContain('<w:sz w:val="28"/>');
    });

    it(`renders the ${name} as PDF with Liberation Serif embedded and every diacritic`, async () => {
      const file = write(`${name}.pdf`, await renderPdf([build()]));
      const text = squash(pdfText(file));
      for (const s of [...common, ...expected[name]!]) expect(text).toContain(s);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      for (const f of ['LiberationSerif ', 'LiberationSerif-Bold ', 'LiberationSerif-Italic ']) {
        expect(fonts).toMatch(new RegExp(`\\+${f}.* yes +yes +yes`));
      }
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      // The first page as a picture, to look at the layout (.tmp/documents/<name>-1.png).
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, join(outDir, name)]);
      expect(existsSync(join(outDir, `${name}-1.png`))).toBe(true);
    });
  }

  it('makes a book of three meetings: one file, each meeting from a new page', async () => {
    const book = [10, 11, 12].map((m) => minutesDocument(sampleMeeting(m)));
    const docx = docxText(write('minutes-book.docx', await renderDocx(book)));
    const pdfFile = write('minutes-book.pdf', await renderPdf(book));
    const pdf = pdfText(pdfFile);
    for (const text of [squash(docx), squash(pdf)]) {
      for (const m of [10, 11, 12]) expect(text).toContain(`Sinh hoạt chi bộ thường kỳ tháng ${m} năm 2026`);
      expect(text.match(/ĐẢNG CỘNG SẢN VIỆT NAM/g)).toHaveLength(3);
    }
    // Each meeting starts a page: its header is the first text of a page (pdftotext ends pages with \f).
    const pages = pdf.split('\f');
    expect(pages.filter((p) => /^\s*ĐẢNG ỦY XÃ TÂN LẬP/.test(p) || /^\s*ĐẢNG CỘNG SẢN/.test(p))).toHaveLength(
      3,
    );
    expect(pdfPages(pdfFile)).toBeGreaterThanOrEqual(3);
    // DOCX: one section per meeting, each starting a new page.
    const xml = execFileSync('unzip', ['-p', join(outDir, 'minutes-book.docx'), 'word/document.xml'], {
      encoding: 'utf8',
    });
    expect(xml.match(/<w:sectPr/g)).toHaveLength(3);

    const resolutions = [10, 11, 12].map((m) => decisionDocument(sampleMeeting(m)));
    const rtext = squash(pdfText(write('resolutions-book.pdf', await renderPdf(resolutions))));
    for (const n of ['Số 01-NQ/CB', 'Số 02-NQ/CB', 'Số 03-NQ/CB']) expect(rtext).toContain(n);
  });

  it('finds the fonts from the bundle folder when the working directory is elsewhere', () => {
    const fromDist = findFontsDir(join(projectRoot, 'dist', 'server'), '/');
    expect(fromDist).toBe(join(projectRoot, 'fonts'));
  });
});
