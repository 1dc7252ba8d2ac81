// Benchmark of the Party-document renderers: the minutes, the resolution and the attendance sheet of one
// realistic meeting, each rendered N times as DOCX and as PDF (after one warm-up), with p50/p95 per document.
// Run: npx tsx bench/documents.bench.ts [N=30]
// The meeting record is exported for the renderers' tests (src/server/features/documents/documents.test.ts).
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  attendanceSheetDocument,
  decisionDocument,
  minutesDocument,
  type MeetingRecord,
} from '../src/server/features/documents/meeting-documents.ts';
import type { PartyDocument } from '../src/server/features/documents/party-document.ts';
import { renderDocx } from '../src/server/features/documents/render-docx.ts';
import { renderPdf } from '../src/server/features/documents/render-pdf.ts';

const members: [string, 'full' | 'probationary', boolean][] = [
  ['Nguyễn Văn An', 'full', false],
  ['Nguyễn Thị Hường', 'full', false],
  ['Lê Thị Thu', 'full', false],
  ['Phạm Văn Hùng', 'full', false],
  ['Hoàng Văn Đức', 'full', false],
  ['Vũ Thị Ngọc Ánh', 'full', false],
  ['Đặng Quốc Khánh', 'full', true],
  ['Bùi Thị Mỹ Lệ', 'full', false],
  ['Đỗ Văn Thắng', 'full', false],
  ['Hồ Thị Thủy', 'full', false],
  ['Ngô Văn Lượng', 'full', false],
  ['Dương Thị Huyền', 'full', false],
  ['Lý Văn Phúc', 'full', false],
  ['Trịnh Thị Nguyệt', 'probationary', false],
  ['Cao Xuân Trường', 'probationary', false],
];

/**
 * A realistic monthly meeting of Chi bộ thôn Đông Hạ (15 members: 13 full, 2 probationary, 1 attending
 * temporarily, 1 exempt; 12 present, one absent with reason, one without) with its resolution Số 03-NQ/CB.
 * `month` 10–12 gives the three meetings of the book tests; the number follows the month.
 */
export function sampleMeeting(month = 12, year = 2026): MeetingRecord {
  const seq = String(month - 9).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const date = `${year}-${mm}-03`;
  const statusOf = (name: string): MeetingRecord['attendance'][number]['status'] =>
    name === 'Lê Thị Thu'
      ? 'absent_excused'
      : name === 'Phạm Văn Hùng'
        ? 'absent_unexcused'
        : name === 'Hồ Thị Thủy'
          ? 'exempt'
          : 'present';
  return {
    superiorName: 'Đảng ủy xã Tân Lập',
    organizationName: 'Chi bộ thôn Đông Hạ',
    place: 'Tân Lập',
    kind: 'regular',
    month,
    year,
    date,
    startTime: '19:30',
    endTime: '21:05',
    durationMinutes: 95,
    location: 'Nhà văn hóa thôn Đông Hạ',
    chair: { name: 'Nguyễn Văn An', title: 'Bí thư chi bộ' },
    minuteTaker: { name: 'Nguyễn Thị Hường' },
    counts: {
      total: 15,
      full: 13,
      probationary: 2,
      temporary: 1,
      exempt: 1,
      present: 12,
      presentFull: 10,
      presentProbationary: 2,
      presentTemporary: 1,
      absentExcused: [{ name: 'Lê Thị Thu', reason: 'đi công tác tại Hà Nội' }],
      absentUnexcused: [{ name: 'Phạm Văn Hùng' }],
    },
    guests: [{ name: 'Trần Văn Bình', title: 'Đảng ủy viên, phụ trách chi bộ' }],
    agenda: [
      {
        section: 'opening',
        title: 'Khai mạc, thông qua chương trình sinh hoạt',
        contributions: [
          {
            speaker: 'Nguyễn Văn An',
            summary: 'Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình; chi bộ nhất trí 100%.',
          },
        ],
        conclusion: null,
      },
      {
        section: 'main',
        title: 'Thông tin thời sự, chủ trương, chính sách mới',
        contributions: [
          {
            speaker: 'Vũ Thị Ngọc Ánh',
            summary:
              'Phổ biến Quy định số 01-QĐ/TW về đảng phí và kế hoạch chuyển đổi số của Đảng ủy xã; đề nghị đảng viên cài đặt, sử dụng Sổ tay đảng viên điện tử.',
          },
        ],
        conclusion: 'Mỗi đảng viên nghiên cứu, quán triệt và tuyên truyền đến gia đình, nhân dân nơi cư trú.',
      },
      {
        section: 'main',
        title: `Đánh giá kết quả thực hiện nghị quyết tháng ${month - 1}`,
        contributions: [
          {
            speaker: 'Nguyễn Văn An',
            summary:
              'Báo cáo kết quả: hoàn thành nạo vét kênh mương nội đồng, thu quỹ khuyến học đạt 92%; còn 01 hộ chưa hoàn thành cam kết xây dựng nông thôn mới.',
          },
          {
            speaker: 'Đặng Quốc Khánh',
            summary: 'Đề nghị chi bộ quan tâm hơn việc giữ gìn vệ sinh môi trường khu dân cư xóm Giữa.',
          },
          {
            speaker: 'Bùi Thị Mỹ Lệ',
            summary:
              'Nhất trí với báo cáo; đề nghị biểu dương Chi hội Phụ nữ thôn đã vận động thu quỹ vượt chỉ tiêu.',
          },
        ],
        conclusion:
          'Chi bộ đánh giá hoàn thành tốt nhiệm vụ; 2/3 nhiệm vụ của nghị quyết kỳ trước đạt yêu cầu.',
      },
      {
        section: 'main',
        title: `Thảo luận phương hướng, nhiệm vụ tháng ${month}`,
        contributions: [
          {
            speaker: 'Đỗ Văn Thắng',
            summary: 'Đề xuất tổ chức ra quân làm đường bê tông ngõ xóm Đông trước Tết Nguyên đán.',
          },
          {
            speaker: 'Nguyễn Thị Hường',
            summary: 'Đề nghị phân công đảng viên trẻ hỗ trợ người cao tuổi cài đặt ứng dụng VNeID.',
          },
        ],
        conclusion: 'Chi bộ thống nhất 03 nhiệm vụ trọng tâm và phân công cụ thể cho từng đồng chí.',
      },
      {
        section: 'closing',
        title: 'Biểu quyết thông qua nghị quyết và bế mạc',
        contributions: [],
        conclusion: null,
      },
    ],
    votes: [
      {
        subject: 'Thông qua nghị quyết',
        forCount: 12,
        againstCount: 0,
        abstainCount: 0,
        base: 14,
        passed: true,
        line: '12/14 đồng chí tán thành, đạt 85,7%',
      },
    ],
    speakersShare: 6 / 12,
    decision: {
      type: 'NQ',
      number: `${seq}-NQ/CB`,
      title: `Lãnh đạo thực hiện nhiệm vụ tháng ${month} năm ${year}`,
      issuedOn: date,
      intro: null,
      sections: [
        {
          heading: `Kết quả lãnh đạo thực hiện nhiệm vụ tháng ${month - 1}`,
          paragraphs: [
            'Công tác chính trị tư tưởng: đảng viên chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; tư tưởng ổn định.',
            'Lãnh đạo thực hiện nhiệm vụ chính trị: hoàn thành nạo vét 1,2 km kênh mương nội đồng; thu quỹ khuyến học đạt 92% kế hoạch.',
            'Hạn chế: việc thu gom rác thải tại xóm Giữa chưa thường xuyên; một số đảng viên chưa sử dụng Sổ tay đảng viên điện tử.',
          ],
        },
        {
          heading: `Phương hướng, nhiệm vụ tháng ${month}`,
          paragraphs: [
            'Tiếp tục học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; chuẩn bị tổ chức Tết Nguyên đán vui tươi, lành mạnh, tiết kiệm.',
            'Vận động nhân dân hiến đất, góp công làm đường bê tông ngõ xóm Đông; giữ gìn an ninh trật tự trên địa bàn thôn.',
          ],
        },
      ],
      previousTasks: [
        {
          title: 'Nạo vét kênh mương nội đồng xứ Đồng Cửa',
          assignee: 'Đỗ Văn Thắng',
          deadline: `${year}-${String(month - 1).padStart(2, '0')}-25`,
          result: 'hoàn thành 1,2 km',
          achieved: true,
        },
        {
          title: 'Vận động thu quỹ khuyến học năm học mới',
          assignee: 'Bùi Thị Mỹ Lệ',
          deadline: `${year}-${String(month - 1).padStart(2, '0')}-30`,
          result: 'đạt 92% kế hoạch',
          achieved: true,
        },
        {
          title: 'Hoàn thành cam kết tiêu chí nông thôn mới của hộ ông Lượng',
          assignee: 'Ngô Văn Lượng',
          deadline: `${year}-${String(month - 1).padStart(2, '0')}-30`,
          result: null,
          achieved: false,
        },
      ],
      previousAchievementShare: 2 / 3,
      nextTasks: [
        {
          title: 'Tổ chức ra quân làm đường bê tông ngõ xóm Đông',
          assignee: 'Đỗ Văn Thắng',
          deadline: `${year}-${mm}-20`,
          expectedResult: 'Hoàn thành 350 m đường',
        },
        {
          title: 'Hỗ trợ người cao tuổi cài đặt, sử dụng ứng dụng VNeID',
          assignee: 'Nguyễn Thị Hường',
          deadline: `${year}-${mm}-25`,
          expectedResult: '100% người cao tuổi có nhu cầu được hỗ trợ',
        },
        {
          title: 'Kiểm tra việc giữ gìn vệ sinh môi trường xóm Giữa',
          assignee: 'Đặng Quốc Khánh',
          deadline: null,
          expectedResult: null,
        },
      ],
      voteLine: '12/14 đồng chí tán thành, đạt 85,7%',
      signer: { authority: 'T/M CHI BỘ', position: 'BÍ THƯ', name: 'Nguyễn Văn An' },
      recipients: ['Đảng ủy xã Tân Lập (để b/c)', 'Đảng viên trong chi bộ', 'Lưu chi bộ'],
    },
    attendance: members.map(([name, memberClass, temporary], i) => {
      const status = statusOf(name);
      return {
        name,
        memberClass,
        temporary,
        status,
        reason:
          status === 'absent_excused'
            ? 'Đi công tác tại Hà Nội'
            : status === 'exempt'
              ? 'Tuổi cao, sức yếu'
              : null,
        checkedInAt: status === 'present' ? `19:${String(10 + i).padStart(2, '0')}` : null,
      };
    }),
    minutesAdoptedAt: `${date}T14:02:00Z`,
    chairSignedAt: `${date}T14:10:00Z`,
    minuteTakerSignedAt: `${date}T14:08:00Z`,
    addenda: [
      {
        date: `${year}-${mm}-05`,
        text: 'Bổ sung ý kiến của đồng chí Lê Thị Thu gửi bằng văn bản: nhất trí với nội dung nghị quyết.',
      },
    ],
  };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function time(label: string, n: number, render: () => Promise<Buffer>): Promise<void> {
  const warm = await render(); // first call loads the fonts / modules
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await render();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const f = (x: number): string => x.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(24)} p50 ${f(percentile(ms, 0.5))} ms   p95 ${f(percentile(ms, 0.95))} ms   ` +
      `(${n} runs, ${(warm.length / 1024).toFixed(0)} KiB)`,
  );
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 30);
  const rec = sampleMeeting();
  const docs: [string, PartyDocument][] = [
    ['minutes', minutesDocument(rec)],
    ['resolution', decisionDocument(rec)],
    ['attendance sheet', attendanceSheetDocument(rec)],
  ];
  const t0 = performance.now();
  await renderPdf([docs[0]![1]]);
  console.log(`first PDF (loads pdfmake and the fonts): ${(performance.now() - t0).toFixed(0)} ms`);
  for (const [name, doc] of docs) await time(`${name} DOCX`, n, () => renderDocx([doc]));
  for (const [name, doc] of docs) await time(`${name} PDF`, n, () => renderPdf([doc]));
  const book = [10, 11, 12].map((m) => minutesDocument(sampleMeeting(m)));
  await time('3-meeting book DOCX', n, () => renderDocx(book));
  await time('3-meeting book PDF', n, () => renderPdf(book));
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();
