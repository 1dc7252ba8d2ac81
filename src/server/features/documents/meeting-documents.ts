// Builders from a plain meeting record to Party documents: the minutes (biên bản, reference §3.6), the resolution
// or conclusion (nghị quyết / kết luận, §3.7) and the attendance sheet. Pure functions: no database, no clock.
import type { Block, PartyDocument, PartySignature, TextRun } from './party-document.ts';

export interface MeetingRecord {
  superiorName: string; // 'Đảng ủy xã Tân Lập' (renderer upper-cases header names)
  organizationName: string; // 'Chi bộ thôn Đông Hạ'
  place: string; // locality for the date line, e.g. 'Tân Lập'
  kind: 'regular' | 'thematic' | 'regular_thematic' | 'committee' | 'general_assembly' | 'extraordinary';
  month: number;
  year: number; // the month the meeting is for
  date: string; // ISO date held
  startTime: string | null; // 'HH:mm' (Vietnam time)
  endTime: string | null;
  durationMinutes: number | null;
  location: string; // meeting room/address
  chair: { name: string; title: string } | null;
  minuteTaker: { name: string } | null;
  counts: {
    total: number;
    full: number;
    probationary: number;
    temporary: number;
    exempt: number;
    present: number;
    presentFull: number;
    presentProbationary: number;
    presentTemporary: number;
    absentExcused: { name: string; reason: string }[];
    absentUnexcused: { name: string }[];
  };
  guests: { name: string; title: string }[];
  agenda: {
    section: 'opening' | 'main' | 'closing';
    title: string;
    /** speaker '' = the minute-taker's own record of the item */
    contributions: { speaker: string; summary: string }[];
    conclusion: string | null;
  }[];
  votes: {
    subject: string;
    forCount: number;
    againstCount: number;
    abstainCount: number;
    base: number;
    passed: boolean;
    line: string;
  }[];
  speakersShare: number | null; // 0..1
  decision: null | {
    type: 'NQ' | 'KL';
    number: string /* '03-NQ/CB' */;
    title: string /* 'Lãnh đạo thực hiện nhiệm vụ tháng 12 năm 2026' */;
    issuedOn: string;
    intro: string | null;
    sections: { heading: string; paragraphs: string[] }[]; // e.g. I. Kết quả tháng trước …
    previousTasks: {
      title: string;
      assignee: string;
      deadline: string | null;
      result: string | null;
      achieved: boolean | null;
    }[];
    previousAchievementShare: number | null;
    nextTasks: { title: string; assignee: string; deadline: string | null; expectedResult: string | null }[];
    voteLine: string | null; // '12/14 đồng chí tán thành, đạt 85,7%'
    signer: { authority: string; position: string; name: string };
    recipients: string[]; // ['Đảng ủy xã Tân Lập (để b/c)', 'Đảng viên trong chi bộ', 'Lưu chi bộ']
  };
  attendance: {
    name: string;
    memberClass: 'full' | 'probationary';
    temporary: boolean;
    status: 'present' | 'absent_excused' | 'absent_unexcused' | 'exempt' | null;
    reason: string | null;
    checkedInAt: string | null /* 'HH:mm' */;
  }[];
  minutesAdoptedAt: string | null; // ISO timestamp
  chairSignedAt: string | null;
  minuteTakerSignedAt: string | null;
  addenda: { date: string; text: string }[];
}

// ---- text helpers ----

const kindLabels: Record<MeetingRecord['kind'], string> = {
  regular: 'thường kỳ',
  thematic: 'chuyên đề',
  regular_thematic: 'thường kỳ kết hợp chuyên đề',
  committee: 'họp chi ủy',
  general_assembly: 'hội nghị đảng bộ',
  extraordinary: 'bất thường',
};

/** 'Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026', 'Họp chi ủy tháng 12 năm 2026', … */
export function meetingTitle(rec: Pick<MeetingRecord, 'kind' | 'month' | 'year'>): string {
  const period = `tháng ${rec.month} năm ${rec.year}`;
  if (rec.kind === 'committee') return `Họp chi ủy ${period}`;
  if (rec.kind === 'general_assembly') return `Hội nghị đảng bộ ${period}`;
  return `Sinh hoạt chi bộ ${kindLabels[rec.kind]} ${period}`;
}

const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** '2026-12-03' → '03/12/2026'. */
export function dmy(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 0.857 → '85,7%', 1 → '100%' (comma decimal, one digit, no trailing ',0'). */
export function percentVi(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1).replace(/\.0$/, '').replace('.', ',')}%`;
}

/** '19:30' → '19 giờ 30 phút'. */
function clockVi(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${h} giờ ${m} phút`;
}

/** An ISO timestamp in Vietnam time (UTC+7) → '21:10 03/12/2026'. */
export function stampVi(isoTimestamp: string): string {
  const d = new Date(new Date(isoTimestamp).getTime() + 7 * 3_600_000).toISOString();
  return `${d.slice(11, 16)} ${dmy(d)}`;
}

const p = (text: string, extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({
  kind: 'paragraph',
  text,
  ...extra,
});
const runs = (...r: TextRun[]): Block => ({ kind: 'paragraph', runs: r });
const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });
const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const romanOf = (i: number): string => roman[i] ?? String(i + 1);
/** Adds "I. " unless the heading already starts with a Roman or Arabic number. */
const numbered = (i: number, heading: string): string =>
  /^([IVXLC]+|\d+)[.)]\s/.test(heading) ? heading : `${romanOf(i)}. ${heading}`;

function header(rec: MeetingRecord, number: string | null, date: string): PartyDocument['header'] {
  return { superior: rec.superiorName, issuer: rec.organizationName, number, place: rec.place, date };
}

function names(list: { name: string }[]): string {
  return list.map((x) => `đồng chí ${x.name}`).join(', ');
}

function countsParagraphs(rec: MeetingRecord): Block[] {
  const c = rec.counts;
  const out: Block[] = [
    p(
      `Tổng số đảng viên của chi bộ: ${c.total} đồng chí, trong đó: chính thức ${c.full}, dự bị ${c.probationary}; ` +
        `sinh hoạt tạm thời: ${c.temporary}; miễn sinh hoạt: ${c.exempt}.`,
    ),
    p(
      `Có mặt: ${c.present} đồng chí (chính thức ${c.presentFull}, dự bị ${c.presentProbationary}, ` +
        `sinh hoạt tạm thời ${c.presentTemporary}).`,
    ),
  ];
  out.push(
    p(
      c.absentExcused.length === 0
        ? 'Vắng có lý do: không.'
        : `Vắng có lý do: ${c.absentExcused.length} đồng chí (` +
            c.absentExcused.map((a) => `đồng chí ${a.name}: ${a.reason}`).join('; ') +
            ').',
    ),
  );
  out.push(
    p(
      c.absentUnexcused.length === 0
        ? 'Vắng không lý do: không.'
        : `Vắng không lý do: ${c.absentUnexcused.length} đồng chí (${names(c.absentUnexcused)}).`,
    ),
  );
  return out;
}

function timeSentence(rec: MeetingRecord): string {
  const parts: string[] = [];
  if (rec.startTime && rec.endTime) parts.push(`từ ${clockVi(rec.startTime)} đến ${clockVi(rec.endTime)}`);
  else if (rec.startTime) parts.push(`bắt đầu lúc ${clockVi(rec.startTime)}`);
  parts.push(`ngày ${dmy(rec.date)}`);
  let s = `Thời gian: ${parts.join(', ')}`;
  if (rec.durationMinutes !== null) s += ` (thời lượng ${rec.durationMinutes} phút)`;
  return `${s}.`;
}

function taskTable(tasks: NonNullable<MeetingRecord['decision']>['nextTasks']): Block {
  return {
    kind: 'table',
    columns: [
      { header: 'STT', width: 8, align: 'center' },
      { header: 'Nhiệm vụ', width: 34 },
      { header: 'Người thực hiện', width: 19 },
      { header: 'Thời hạn', width: 16, align: 'center' },
      { header: 'Kết quả cần đạt', width: 23 },
    ],
    rows: tasks.map((t, i) => [
      String(i + 1),
      t.title,
      t.assignee,
      t.deadline ? dmy(t.deadline) : '',
      t.expectedResult ?? '',
    ]),
  };
}

// ---- minutes ----

/** The minutes (biên bản) of the meeting, signed by the minute-taker (left) and the chair (right). */
export function minutesDocument(rec: MeetingRecord): PartyDocument {
  const title = meetingTitle(rec);
  const blocks: Block[] = [];
  let section = 0;
  const next = (text: string): Block => h1(`${romanOf(section++)}. ${text}`);

  blocks.push(next('Thời gian, địa điểm'));
  blocks.push(p(timeSentence(rec)));
  blocks.push(p(`Địa điểm: ${rec.location}.`));

  blocks.push(next('Thành phần'));
  blocks.push(...countsParagraphs(rec));
  if (rec.guests.length > 0) {
    blocks.push(p(`Khách mời: ${rec.guests.map((g) => `đồng chí ${g.name}, ${g.title}`).join('; ')}.`));
  }
  blocks.push(
    p(rec.chair ? `Chủ trì: đồng chí ${rec.chair.name}, ${rec.chair.title}.` : 'Chủ trì: (chưa ghi).'),
  );
  blocks.push(p(rec.minuteTaker ? `Thư ký: đồng chí ${rec.minuteTaker.name}.` : 'Thư ký: (chưa ghi).'));

  blocks.push(next('Nội dung và diễn biến'));
  rec.agenda.forEach((item, i) => {
    blocks.push(h2(`${i + 1}. ${item.title}`));
    for (const c of item.contributions) {
      // An entry without a speaker is the minute-taker's own record of the item.
      if (c.speaker) blocks.push(runs({ text: `Đồng chí ${c.speaker}: `, bold: true }, { text: c.summary }));
      else blocks.push(p(c.summary));
    }
    if (item.conclusion)
      blocks.push(runs({ text: 'Kết luận: ', bold: true, italic: true }, { text: item.conclusion }));
  });

  if (rec.votes.length > 0) {
    blocks.push(next('Biểu quyết'));
    for (const v of rec.votes) {
      blocks.push(runs({ text: `${v.subject}: `, bold: true }, { text: `${v.line}.` }));
      blocks.push(
        p(
          `Tán thành ${v.forCount}, không tán thành ${v.againstCount}, không biểu quyết ${v.abstainCount}; ` +
            (v.passed ? 'được thông qua.' : 'không được thông qua.'),
          { italic: true },
        ),
      );
    }
  }

  const tasks = rec.decision?.nextTasks ?? [];
  if (tasks.length > 0) {
    blocks.push(next('Phân công nhiệm vụ'));
    blocks.push(taskTable(tasks));
  }

  blocks.push(next('Kết thúc'));
  if (rec.speakersShare !== null) {
    blocks.push(p(`Tỷ lệ đảng viên có mặt phát biểu ý kiến: ${percentVi(rec.speakersShare)}.`));
  }
  blocks.push(p(`Buổi sinh hoạt kết thúc ${rec.endTime ? `hồi ${clockVi(rec.endTime)} ` : ''}cùng ngày.`));
  if (rec.minutesAdoptedAt) {
    blocks.push(
      p(
        `Biên bản đã được đọc lại trước chi bộ và được thông qua lúc ${stampVi(rec.minutesAdoptedAt)}; ` +
          'chủ trì và thư ký cùng chịu trách nhiệm về tính chính xác của biên bản.',
      ),
    );
  }

  const signed = (at: string | null): string | null => (at ? `(Đã ký lúc ${stampVi(at)})` : null);
  return {
    header: header(rec, null, rec.date),
    typeName: 'BIÊN BẢN',
    subject: title,
    blocks,
    recipients: null,
    signature: {
      authority: '',
      position: 'CHỦ TRÌ',
      name: rec.chair?.name ?? '',
      note: signed(rec.chairSignedAt),
    },
    secondSignature: {
      authority: '',
      position: 'THƯ KÝ',
      name: rec.minuteTaker?.name ?? '',
      note: signed(rec.minuteTakerSignedAt),
    },
    afterSignature: rec.addenda.map((a) =>
      runs({ text: `Phụ lục bổ sung ngày ${dmy(a.date)}: `, bold: true, italic: true }, { text: a.text }),
    ),
  };
}

// ---- resolution / conclusion ----

const resultLabel = (achieved: boolean | null): string =>
  achieved === true ? 'Đạt' : achieved === false ? 'Chưa đạt' : 'Chưa báo cáo';

/** The resolution (NQ) or conclusion (KL) of the meeting; throws when the record has none. */
export function decisionDocument(rec: MeetingRecord): PartyDocument {
  const d = rec.decision;
  if (!d) throw new Error('decisionDocument: the meeting has no resolution or conclusion');
  const blocks: Block[] = [];
  const word = d.type === 'NQ' ? 'nghị quyết' : 'kết luận';

  if (d.intro) {
    blocks.push(p(d.intro));
  } else {
    const c = rec.counts;
    const absent = c.absentExcused.length + c.absentUnexcused.length;
    blocks.push(
      p(
        `Ngày ${dmy(rec.date)}, tại ${rec.location}, ${rec.organizationName} tổ chức ${lowerFirst(meetingTitle(rec))}. ` +
          `Tổng số đảng viên ${c.total} đồng chí; có mặt ${c.present} đồng chí; vắng ${absent} đồng chí ` +
          `(có lý do ${c.absentExcused.length}, không lý do ${c.absentUnexcused.length}); miễn sinh hoạt ${c.exempt} đồng chí.` +
          (rec.chair ? ` Chủ trì: đồng chí ${rec.chair.name}, ${rec.chair.title}.` : '') +
          (rec.minuteTaker ? ` Thư ký: đồng chí ${rec.minuteTaker.name}.` : '') +
          (rec.durationMinutes !== null ? ` Thời lượng: ${rec.durationMinutes} phút.` : ''),
      ),
    );
  }
  blocks.push(
    p(d.type === 'NQ' ? 'Chi bộ thống nhất quyết nghị:' : 'Chi bộ thống nhất kết luận:', { bold: true }),
  );

  let n = 0;
  for (const s of d.sections) {
    blocks.push(h1(numbered(n++, s.heading)));
    for (const para of s.paragraphs) blocks.push(p(para));
  }

  if (d.previousTasks.length > 0) {
    blocks.push(h1(`${romanOf(n++)}. Kết quả thực hiện nhiệm vụ theo ${word} kỳ trước`));
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'STT', width: 8, align: 'center' },
        { header: 'Nhiệm vụ', width: 32 },
        { header: 'Người thực hiện', width: 19 },
        { header: 'Thời hạn', width: 16, align: 'center' },
        { header: 'Kết quả', width: 25 },
      ],
      rows: d.previousTasks.map((t, i) => [
        String(i + 1),
        t.title,
        t.assignee,
        t.deadline ? dmy(t.deadline) : '',
        resultLabel(t.achieved) + (t.result ? `: ${t.result}` : ''),
      ]),
    });
    const achieved = d.previousTasks.filter((t) => t.achieved === true).length;
    const share = d.previousAchievementShare ?? achieved / d.previousTasks.length;
    blocks.push(
      p(
        `Tỷ lệ nhiệm vụ hoàn thành: ${percentVi(share)} (${achieved}/${d.previousTasks.length} nhiệm vụ đạt).`,
        { italic: true },
      ),
    );
  }

  if (d.nextTasks.length > 0) {
    blocks.push(h1(`${romanOf(n)}. Phân công thực hiện nhiệm vụ`));
    blocks.push(taskTable(d.nextTasks));
  }

  if (d.voteLine) {
    blocks.push(
      p(
        `${d.type === 'NQ' ? 'Nghị quyết' : 'Kết luận'} đã được chi bộ thông qua tại kỳ sinh hoạt với ${d.voteLine}.`,
      ),
    );
  }

  const signature: PartySignature = { ...d.signer };
  return {
    header: header(rec, d.number, d.issuedOn),
    typeName: d.type === 'NQ' ? 'NGHỊ QUYẾT' : 'KẾT LUẬN',
    subject: d.title,
    blocks,
    recipients: d.recipients,
    signature,
  };
}

// ---- attendance sheet ----

const statusLabels = {
  present: 'Có mặt',
  absent_excused: 'Vắng có lý do',
  absent_unexcused: 'Vắng không lý do',
  exempt: 'Miễn SH',
} as const;

/** "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT": one row per member with status and check-in time, then the totals. */
export function attendanceSheetDocument(rec: MeetingRecord): PartyDocument {
  const rows = rec.attendance.map((a, i) => [
    String(i + 1),
    a.name,
    (a.memberClass === 'full' ? 'Chính thức' : 'Dự bị') + (a.temporary ? ', SHTT' : ''),
    a.status ? statusLabels[a.status] : 'Chưa điểm danh',
    a.reason ?? '',
    a.checkedInAt ?? '',
  ]);
  const count = (s: MeetingRecord['attendance'][number]['status']): number =>
    rec.attendance.filter((a) => a.status === s).length;
  const unmarked = count(null);
  const blocks: Block[] = [
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 8, align: 'center' },
        { header: 'Họ và tên', width: 25 },
        { header: 'Loại', width: 15, align: 'center' },
        { header: 'Tình trạng', width: 19, align: 'center' },
        { header: 'Lý do', width: 21 },
        { header: 'Giờ điểm danh', width: 12, align: 'center' },
      ],
      rows,
    },
    p(
      `Tổng số: ${rec.attendance.length} đồng chí; có mặt: ${count('present')}; vắng có lý do: ${count('absent_excused')}; ` +
        `vắng không lý do: ${count('absent_unexcused')}; miễn sinh hoạt: ${count('exempt')}` +
        (unmarked > 0 ? `; chưa điểm danh: ${unmarked}.` : '.'),
      { noIndent: true },
    ),
  ];
  return {
    header: header(rec, null, rec.date),
    typeName: 'DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT',
    subject: `${meetingTitle(rec)}, ngày ${dmy(rec.date)}`,
    blocks,
    recipients: null,
    signature: { authority: '', position: 'CHỦ TRÌ', name: rec.chair?.name ?? '' },
    secondSignature: { authority: '', position: 'THƯ KÝ', name: rec.minuteTaker?.name ?? '' },
  };
}
