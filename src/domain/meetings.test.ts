import { describe, expect, it } from 'vitest';
import { organizationKinds } from '../contracts/organizations.ts';
import {
  agendaSectionLabel,
  agendaTemplate,
  type AttendanceEntry,
  checkinAlphabet,
  formatDecisionNumber,
  formatPercentVi,
  generateCheckinCode,
  isOverdue,
  issuerAbbreviation,
  type MeetingAction,
  meetingActionProblem,
  meetingKindLabel,
  type MeetingStatus,
  nextStatus,
  normalizeCheckinCode,
  numberingPeriodKey,
  reminderKind,
  showOfHandsProblem,
  speakersShare,
  summarizeAttendance,
  taskAchievementShare,
  type TaskFacts,
  voteEligibility,
  voteResult,
} from './meetings.ts';
import { renderVi } from '../messages/index.ts';
import { votingRulesInForce } from './voting-rules.ts';

const statuses: readonly MeetingStatus[] = [
  'planned',
  'notified',
  'in_session',
  'held',
  'adopted',
  'cancelled',
];
const actions: readonly MeetingAction[] = [
  'publish_notice',
  'start',
  'end',
  'adopt_minutes',
  'cancel',
  'reschedule',
  'edit_preparation',
  'edit_minutes',
  'record_attendance',
  'check_in',
  'open_vote',
  'cast_vote',
  'request_absence',
  'add_addendum',
  'sign',
];

/** The allowed (status, action) pairs and where each leads. */
const allowed: Record<MeetingAction, Partial<Record<MeetingStatus, MeetingStatus>>> = {
  publish_notice: { planned: 'notified' },
  start: { planned: 'in_session', notified: 'in_session' },
  end: { in_session: 'held' },
  adopt_minutes: { held: 'adopted' },
  cancel: { planned: 'cancelled', notified: 'cancelled' },
  reschedule: { planned: 'planned', notified: 'notified' },
  edit_preparation: { planned: 'planned', notified: 'notified' },
  request_absence: { planned: 'planned', notified: 'notified' },
  record_attendance: { in_session: 'in_session' },
  check_in: { in_session: 'in_session' },
  open_vote: { in_session: 'in_session' },
  cast_vote: { in_session: 'in_session' },
  edit_minutes: { in_session: 'in_session', held: 'held' },
  sign: { adopted: 'adopted' },
  add_addendum: { adopted: 'adopted' },
};

describe('meetings: labels', () => {
  it('names every kind and section', () => {
    expect(meetingKindLabel).toEqual({
      regular: 'Sinh hoạt thường kỳ',
      thematic: 'Sinh hoạt chuyên đề',
      regular_thematic: 'Thường kỳ kết hợp chuyên đề',
      committee: 'Họp chi ủy',
      general_assembly: 'Hội nghị đảng bộ',
      extraordinary: 'Sinh hoạt bất thường',
    });
    expect(agendaSectionLabel).toEqual({
      opening: 'Phần mở đầu',
      main: 'Nội dung chính',
      closing: 'Kết thúc',
    });
  });
});

describe('meetings: lifecycle, every status × action', () => {
  const cases = statuses.flatMap((s) => actions.map((a) => [s, a, allowed[a][s] ?? null] as const));
  it.each(cases)('%s + %s → %s', (status, action, to) => {
    const problem = meetingActionProblem(status, action);
    if (to === null) {
      expect(problem?.code).toMatch(/^meeting\.action\./);
      expect(renderVi(problem!)).toMatch(/\S/);
      expect(() => nextStatus(status, action)).toThrow(renderVi(problem!));
    } else {
      expect(problem).toBeNull();
      expect(nextStatus(status, action)).toBe(to);
    }
  });
});

describe('meetings: lifecycle messages', () => {
  it.each([
    ['adopted', 'adopt_minutes', 'Biên bản đã được thông qua'],
    [
      'adopted',
      'edit_minutes',
      'Biên bản đã được thông qua và khóa; chỉ có thể thêm phụ lục bổ sung có ghi ngày',
    ],
    [
      'adopted',
      'record_attendance',
      'Biên bản đã được thông qua và khóa; chỉ có thể thêm phụ lục bổ sung có ghi ngày',
    ],
    [
      'adopted',
      'edit_preparation',
      'Biên bản đã được thông qua và khóa; chỉ có thể thêm phụ lục bổ sung có ghi ngày',
    ],
    ['cancelled', 'start', 'Cuộc họp đã bị hủy'],
    ['cancelled', 'reschedule', 'Cuộc họp đã bị hủy'],
    ['notified', 'publish_notice', 'Thông báo triệu tập đã được gửi'],
    ['in_session', 'start', 'Cuộc họp đang diễn ra'],
    ['held', 'start', 'Cuộc họp đã kết thúc'],
    ['planned', 'end', 'Cuộc họp chưa bắt đầu'],
    ['in_session', 'adopt_minutes', 'Kết thúc cuộc họp trước khi thông qua biên bản'],
    ['notified', 'adopt_minutes', 'Cuộc họp chưa diễn ra, chưa có biên bản để thông qua'],
    ['in_session', 'cancel', 'Cuộc họp đang diễn ra, không thể hủy'],
    ['held', 'cancel', 'Cuộc họp đã diễn ra, không thể hủy'],
    ['in_session', 'edit_preparation', 'Cuộc họp đã bắt đầu; không sửa phần chuẩn bị'],
    ['planned', 'check_in', 'Cuộc họp chưa bắt đầu'],
    ['held', 'cast_vote', 'Cuộc họp đã kết thúc'],
    ['held', 'sign', 'Biên bản chưa được thông qua'],
    ['in_session', 'add_addendum', 'Biên bản chưa được thông qua'],
    ['planned', 'edit_minutes', 'Cuộc họp chưa bắt đầu, chưa có biên bản'],
    ['held', 'request_absence', 'Chỉ xin vắng trước khi cuộc họp bắt đầu'],
  ] as const)('%s + %s: %s', (status, action, message) => {
    expect(renderVi(meetingActionProblem(status, action)!)).toBe(message);
  });

  it('names the problem by code', () => {
    expect(meetingActionProblem('planned', 'end')).toEqual({ code: 'meeting.action.not_started' });
    expect(meetingActionProblem('adopted', 'edit_minutes')).toEqual({
      code: 'meeting.action.minutes_locked',
    });
    expect(meetingActionProblem('cancelled', 'start')).toEqual({ code: 'meeting.action.cancelled' });
  });

  it('walks the happy path', () => {
    let s: MeetingStatus = 'planned';
    for (const a of ['publish_notice', 'start', 'end', 'adopt_minutes'] as const) s = nextStatus(s, a);
    expect(s).toBe('adopted');
    expect(() => nextStatus(s, 'adopt_minutes')).toThrow('Biên bản đã được thông qua');
  });
});

describe('meetings: agenda template', () => {
  const keys = (opts: Parameters<typeof agendaTemplate>[0]) => agendaTemplate(opts).map((i) => i.key);
  const regularKeys = [
    'purpose_guests',
    'appoint_minute_taker',
    'attendance',
    'dues',
    'adopt_agenda',
    'previous_decision_review',
    'information',
    'discussion',
    'self_criticism',
    'praise_reminders',
    'conclusion',
    'task_assignment',
    'vote',
    'self_score',
    'minutes_adoption',
  ];

  it('has the standard order for a regular meeting', () => {
    expect(keys({ kind: 'regular', thematic: false, admission: false })).toEqual(regularKeys);
    const t = agendaTemplate({ kind: 'regular', thematic: false, admission: false });
    expect(t.every((i) => !i.optional)).toBe(true);
    expect(t.map((i) => i.section)).toEqual([
      ...Array(5).fill('opening'),
      ...Array(5).fill('main'),
      ...Array(5).fill('closing'),
    ]);
  });

  it.each([
    ['regular', false, false, false, false],
    ['regular', true, false, true, false],
    ['regular', false, true, false, true],
    ['regular', true, true, true, true],
    ['thematic', false, false, true, false],
    ['regular_thematic', false, false, true, false],
    ['regular_thematic', false, true, true, true],
    ['extraordinary', false, true, false, true],
    ['general_assembly', false, false, false, false],
  ] as const)(
    '%s thematic=%s admission=%s: thematic item %s, admission item %s',
    (kind, th, ad, hasTh, hasAd) => {
      const k = keys({ kind, thematic: th, admission: ad });
      expect(k.includes('thematic')).toBe(hasTh);
      expect(k.includes('admission')).toBe(hasAd);
      // thematic and admission sit in the main part, after the praise and before the conclusion
      const main = agendaTemplate({ kind, thematic: th, admission: ad }).filter((i) => i.section === 'main');
      expect(main.at(-1)!.key).toBe(hasAd ? 'admission' : hasTh ? 'thematic' : 'praise_reminders');
      expect(k.indexOf('conclusion')).toBe(k.length - 5);
    },
  );

  it('makes the monthly routine optional in a thematic-only meeting', () => {
    const t = agendaTemplate({ kind: 'thematic', thematic: false, admission: false });
    const optional = t.filter((i) => i.optional).map((i) => i.key);
    expect(optional).toEqual([
      'dues',
      'previous_decision_review',
      'information',
      'self_criticism',
      'praise_reminders',
      'task_assignment',
      'self_score',
    ]);
    expect(t.find((i) => i.key === 'thematic')!.optional).toBe(false);
  });

  it('gives the committee a shorter template, ignoring the options', () => {
    const expected = [
      'purpose_guests',
      'attendance',
      'previous_decision_review',
      'discussion',
      'task_assignment',
      'conclusion',
    ];
    expect(keys({ kind: 'committee', thematic: false, admission: false })).toEqual(expected);
    expect(keys({ kind: 'committee', thematic: true, admission: true })).toEqual(expected);
    expect(agendaTemplate({ kind: 'committee', thematic: false, admission: false })[4]!.title).toMatch(
      /dự thảo nghị quyết/,
    );
  });

  it('has titles in Vietnamese and unique keys', () => {
    for (const kind of Object.keys(meetingKindLabel) as Array<keyof typeof meetingKindLabel>) {
      const t = agendaTemplate({ kind, thematic: true, admission: true });
      expect(new Set(t.map((i) => i.key)).size).toBe(t.length);
      for (const i of t) expect(i.title.length).toBeGreaterThan(3);
    }
  });
});

function entry(
  memberId: string,
  status: AttendanceEntry['status'],
  more: Partial<Omit<AttendanceEntry, 'memberId' | 'status'>> = {},
): AttendanceEntry {
  return { memberId, memberClass: 'full', temporary: false, exempt: false, status, ...more };
}

describe('meetings: summarizeAttendance', () => {
  it('counts an empty roll', () => {
    const s = summarizeAttendance([]);
    expect(s).toMatchObject({ total: 0, base: 0, rate: null, voteBase: 0, eligiblePresent: 0 });
  });

  it('splits a mixed roll', () => {
    const roll: AttendanceEntry[] = [
      entry('a', 'present'),
      entry('b', 'present'),
      entry('c', 'present'),
      entry('d', 'absent_excused'),
      entry('e', 'absent_unexcused'),
      entry('f', null),
      entry('p1', 'present', { memberClass: 'probationary' }),
      entry('p2', 'absent_excused', { memberClass: 'probationary' }),
      entry('t1', 'present', { temporary: true }),
      entry('t2', 'present', { temporary: true, memberClass: 'probationary' }),
      entry('x1', null, { exempt: true }),
      entry('x2', 'present', { exempt: true }),
      entry('x3', 'exempt'),
    ];
    expect(summarizeAttendance(roll)).toEqual({
      total: 13,
      full: 10,
      probationary: 3,
      temporary: 2,
      exempt: 3,
      present: 7,
      presentFull: 5,
      presentProbationary: 2,
      presentTemporary: 2,
      absentExcused: 2,
      absentUnexcused: 1,
      unmarked: 1,
      base: 10,
      rate: 0.6,
      // a, b, c, d, e, f and the exempt member x2 who came (QĐ 24-QĐ/TW, 9.3.2)
      voteBase: 7,
      eligiblePresent: 4,
    });
  });

  it.each([
    [[entry('a', 'present'), entry('b', 'present')], 1, 2, 2],
    [[entry('a', 'present'), entry('b', 'absent_excused')], 0.5, 2, 1],
    [[entry('a', 'exempt'), entry('b', 'present')], 1, 1, 1],
    [[entry('a', null, { exempt: true })], null, 0, 0],
    [[entry('a', 'present', { memberClass: 'probationary' })], 1, 0, 0],
    [[entry('a', 'present', { temporary: true })], 1, 0, 0],
  ])('rate, vote base and eligible voters (%#)', (roll, rate, voteBase, eligiblePresent) => {
    const s = summarizeAttendance(roll);
    expect(s.rate).toBe(rate);
    expect(s.voteBase).toBe(voteBase);
    expect(s.eligiblePresent).toBe(eligiblePresent);
  });
});

describe('meetings: voteEligibility', () => {
  it.each([
    [entry('a', 'present'), true, null],
    [entry('a', 'present', { memberClass: 'probationary' }), false, 'Đảng viên dự bị không biểu quyết'],
    [
      entry('a', 'present', { temporary: true }),
      false,
      'Đảng viên sinh hoạt tạm thời không biểu quyết tại chi bộ nơi sinh hoạt tạm thời',
    ],
    // an exempt member who came votes and counts (QĐ 24-QĐ/TW, 9.3.2); one who did not is not counted
    [entry('a', 'present', { exempt: true }), true, null],
    [entry('a', 'exempt'), false, 'Đảng viên được miễn sinh hoạt, vắng mặt: không tính khi biểu quyết'],
    [
      entry('a', null, { exempt: true }),
      false,
      'Đảng viên được miễn sinh hoạt, vắng mặt: không tính khi biểu quyết',
    ],
    [entry('a', 'absent_excused'), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    [entry('a', 'absent_unexcused'), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    [entry('a', null), false, 'Chỉ đảng viên có mặt mới được biểu quyết'],
    // the class is named before the presence
    [
      entry('a', 'absent_excused', { memberClass: 'probationary' }),
      false,
      'Đảng viên dự bị không biểu quyết',
    ],
  ])('%o → %s %s', (e, eligible, reason) => {
    const r = voteEligibility(e);
    expect(r.eligible).toBe(eligible);
    expect(r.reason === null ? null : renderVi(r.reason)).toBe(reason);
    if (r.reason) expect(r.reason.code).toMatch(/^meeting\.vote\./);
  });

  it('agrees with the summary', () => {
    const roll = [
      entry('a', 'present'),
      entry('b', 'present', { memberClass: 'probationary' }),
      entry('c', 'present', { temporary: true }),
      entry('d', 'present', { exempt: true }),
      entry('e', 'absent_excused'),
    ];
    expect(roll.filter((e) => voteEligibility(e).eligible).length).toBe(
      summarizeAttendance(roll).eligiblePresent,
    );
  });
});

describe('meetings: voteResult', () => {
  const rules = votingRulesInForce('2026-03-03');

  it.each([
    // more than half of the vote base
    ['decision', 7, 14, false],
    ['decision', 8, 14, true],
    ['other', 7, 14, false],
    ['other', 8, 15, true],
    ['decision', 7, 13, true],
    // at least two thirds
    ['admission', 9, 14, false],
    ['admission', 10, 14, true],
    ['admission', 10, 15, true],
    ['admission', 9, 15, false],
    ['admission', 0, 0, false],
    ['decision', 0, 0, false],
  ] as const)('%s: %i of %i passes %s', (kind, forCount, base, passed) => {
    const r = voteResult(kind, { for: forCount, against: 0, abstain: 0 }, base, base, rules);
    expect(r.passed).toBe(passed);
    expect(r.threshold).toEqual(kind === 'admission' ? rules.admission : rules.decision);
  });

  it('takes the share of the whole vote base, not of those present', () => {
    // 8 of 14 members present all approve: 8/14 is more than half
    const r = voteResult('decision', { for: 8, against: 0, abstain: 0 }, 14, 8, rules);
    expect(r.passed).toBe(true);
    // 7 present all approve: 7/14 is not more than half
    expect(voteResult('decision', { for: 7, against: 0, abstain: 0 }, 14, 7, rules).passed).toBe(false);
  });

  it('writes the vote line and counts those who did not vote', () => {
    expect(voteResult('decision', { for: 12, against: 1, abstain: 0 }, 14, 14, rules)).toEqual({
      forCount: 12,
      againstCount: 1,
      abstainCount: 0,
      notVoted: 1,
      base: 14,
      share: 12 / 14,
      passed: true,
      threshold: rules.decision,
      line: {
        code: 'meeting.vote.tally_share',
        params: {
          for: 12,
          base: 14,
          share: {
            code: 'number.percent',
            params: { value: { code: 'number.decimal', params: { whole: '85', fraction: '7' } } },
          },
        },
      },
    });
    expect(renderVi(voteResult('decision', { for: 12, against: 1, abstain: 0 }, 14, 14, rules).line)).toBe(
      '12/14 đồng chí tán thành, đạt 85,7%',
    );
  });

  it.each([
    [{ for: 14, against: 0, abstain: 0 }, 14, '14/14 đồng chí tán thành, đạt 100%'],
    [{ for: 10, against: 3, abstain: 2 }, 15, '10/15 đồng chí tán thành, đạt 66,7%'],
    [{ for: 1, against: 0, abstain: 1 }, 2, '1/2 đồng chí tán thành, đạt 50%'],
    [{ for: 0, against: 0, abstain: 0 }, 0, '0/0 đồng chí tán thành'],
    [{ for: 2, against: 1, abstain: 0 }, 3, '2/3 đồng chí tán thành, đạt 66,7%'],
  ])('line for %o of %i: %s', (counts, base, line) => {
    const r = voteResult('decision', counts, base, base, rules);
    expect(renderVi(r.line)).toBe(line);
    expect(r.notVoted).toBe(base - counts.for - counts.against - counts.abstain);
  });

  it('never reports a negative number of non-voters', () => {
    expect(voteResult('decision', { for: 5, against: 0, abstain: 0 }, 10, 3, rules).notVoted).toBe(0);
  });
});

describe('meetings: formatPercentVi', () => {
  it.each([
    [0.857142, undefined, '85,7%'],
    [1, undefined, '100%'],
    [0, undefined, '0%'],
    [0.5, undefined, '50%'],
    [2 / 3, undefined, '66,7%'],
    [1 / 3, undefined, '33,3%'],
    [0.85, undefined, '85%'],
    [0.9996, undefined, '100%'],
    [0.857142, 2, '85,71%'],
    [0.857142, 0, '86%'],
    [0.125, 2, '12,5%'],
  ])('%f (%s digits) → %s', (share, digits, text) => {
    expect(formatPercentVi(share, digits)).toBe(text);
  });
});

describe('meetings: showOfHandsProblem', () => {
  it.each([
    [{ for: 10, against: 2, abstain: 1 }, 13, null],
    [{ for: 0, against: 0, abstain: 0 }, 0, null],
    [{ for: 10, against: 2, abstain: 0 }, 13, null],
    [{ for: 10, against: 2, abstain: 2 }, 13, /Tổng số biểu quyết \(14\) vượt quá .*\(13\)/],
    [{ for: 1, against: 0, abstain: 0 }, 0, /vượt quá/],
    [{ for: -1, against: 0, abstain: 0 }, 5, /số nguyên không âm/],
    [{ for: 1.5, against: 0, abstain: 0 }, 5, /số nguyên không âm/],
    [{ for: 1, against: Number.NaN, abstain: 0 }, 5, /số nguyên không âm/],
  ])('%o with %i eligible present', (counts, eligible, expected) => {
    const problem = showOfHandsProblem(counts, eligible);
    if (expected === null) expect(problem).toBeNull();
    else expect(renderVi(problem!)).toMatch(expected);
  });

  it('says which counts are wrong by code', () => {
    expect(showOfHandsProblem({ for: 10, against: 2, abstain: 2 }, 13)).toEqual({
      code: 'meeting.vote.counts_exceed',
      params: { sum: 14, eligible: 13 },
    });
    expect(showOfHandsProblem({ for: -1, against: 0, abstain: 0 }, 5)?.code).toBe(
      'meeting.vote.counts_not_whole',
    );
  });
});

describe('meetings: speakersShare', () => {
  it.each([
    [['a', 'b', 'c', 'd'], ['a', 'b'], 0.5],
    [['a', 'b', 'c', 'd'], ['a', 'a', 'b', 'b'], 0.5],
    [['a', 'b', 'c', 'd'], ['a', 'x'], 0.25],
    [['a', 'b'], [], 0],
    [['a', 'a', 'b'], ['a', 'b'], 1],
    [[], ['a'], null],
  ])('present %o, speakers %o → %s', (present, speakers, share) => {
    expect(speakersShare(present, speakers)).toBe(share);
  });
});

const task = (
  status: TaskFacts['status'],
  deadline: string | null = null,
  completedOn: string | null = null,
) => ({
  status,
  deadline,
  completedOn,
});

describe('meetings: tasks', () => {
  it.each([
    [[], { due: 0, achieved: 0, share: null }],
    [[task('cancelled')], { due: 0, achieved: 0, share: null }],
    [[task('done'), task('done'), task('not_done'), task('open')], { due: 4, achieved: 2, share: 0.5 }],
    [[task('done'), task('cancelled'), task('not_done')], { due: 2, achieved: 1, share: 0.5 }],
    [[task('done', '2026-03-10', '2026-03-12')], { due: 1, achieved: 1, share: 1 }],
  ])('taskAchievementShare %#', (tasks, expected) => {
    expect(taskAchievementShare(tasks)).toEqual(expected);
  });

  it.each([
    [task('open', '2026-03-10'), '2026-03-09', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-10', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-11', true, 'overdue'],
    [task('open', '2026-03-10'), '2026-03-07', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-06', false, null],
    [task('open', '2026-03-01'), '2026-02-27', false, 'due_soon'],
    [task('open', null), '2026-03-11', false, null],
    [task('done', '2026-03-10', '2026-03-12'), '2026-03-20', false, null],
    [task('not_done', '2026-03-10'), '2026-03-20', false, null],
    [task('cancelled', '2026-03-10'), '2026-03-20', false, null],
  ])('%o on %s: overdue %s, reminder %s', (t, today, overdue, reminder) => {
    expect(isOverdue(t, today)).toBe(overdue);
    expect(reminderKind(t, today)).toBe(reminder);
  });

  it('takes the reminder window as a parameter', () => {
    const t = task('open', '2026-03-10');
    expect(reminderKind(t, '2026-03-03', 7)).toBe('due_soon');
    expect(reminderKind(t, '2026-03-02', 7)).toBeNull();
    expect(reminderKind(t, '2026-03-09', 0)).toBeNull();
    expect(reminderKind(t, '2026-03-10', 0)).toBe('due_soon');
  });
});

describe('meetings: decision numbers', () => {
  it.each([
    [3, 'NQ', 'CB', '03-NQ/CB'],
    [12, 'NQ', 'CB', '12-NQ/CB'],
    [1, 'KL', 'ĐU', '01-KL/ĐU'],
    [123, 'NQ', 'ĐUK', '123-NQ/ĐUK'],
  ] as const)('(%i, %s, %s) → %s', (seq, type, issuer, text) => {
    expect(formatDecisionNumber(seq, type, issuer)).toBe(text);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects sequence %f', (seq) => {
    expect(() => formatDecisionNumber(seq, 'NQ', 'CB')).toThrow(/không hợp lệ/);
  });

  it.each([
    ['cell', 'CB'],
    ['grassroots_cell', 'CB'],
    ['grassroots_committee', 'ĐU'],
    ['subcommittee', 'ĐU'],
    ['bloc_committee', 'ĐUK'],
    ['district_committee', 'HU'],
    ['provincial_committee', 'TU'],
    ['central', 'TW'],
  ])('%s → %s', (kind, abbrev) => {
    expect(issuerAbbreviation(kind)).toBe(abbrev);
  });

  it('knows every organisation kind and refuses the others', () => {
    for (const k of organizationKinds) {
      if (k === 'party_group') expect(() => issuerAbbreviation(k)).toThrow(/Tổ đảng/);
      else expect(issuerAbbreviation(k)).toMatch(/^\S+$/);
    }
    expect(() => issuerAbbreviation('club')).toThrow(/club/);
    expect(() => issuerAbbreviation('toString')).toThrow(/toString/);
  });

  it.each([
    ['2025-08-15', '2026-03-03', 'term:2025-08-15'],
    [null, '2026-03-03', 'year:2026'],
    [null, '2025-12-31', 'year:2025'],
    ['', '2025-12-31', 'year:2025'],
  ])('numbering period of %s on %s → %s', (termStart, date, key) => {
    expect(numberingPeriodKey(termStart, date)).toBe(key);
  });
});

describe('meetings: check-in codes', () => {
  it('uses an alphabet without look-alikes', () => {
    for (const c of '0O1IL') expect(checkinAlphabet).not.toContain(c);
    expect(new Set(checkinAlphabet).size).toBe(checkinAlphabet.length);
  });

  it.each([
    [() => 0, 'AAAAAA'],
    [() => 0.999999, '999999'],
    [() => 1, '999999'],
    [() => -0.1, 'AAAAAA'],
  ])('generates from a fixed random source (%#)', (random, code) => {
    expect(generateCheckinCode(random)).toBe(code);
  });

  it('generates 6 characters from the alphabet', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 200; i++) {
      const code = generateCheckinCode(random);
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      for (const c of code) expect(checkinAlphabet).toContain(c);
    }
  });

  it.each([
    [' ab3-k7x ', 'AB3K7X'],
    ['AB3 K7X', 'AB3K7X'],
    ['ab3-k7-x', 'AB3K7X'],
    ['\tab3k7x\n', 'AB3K7X'],
    ['', ''],
  ])('normalizes %j → %s', (input, code) => {
    expect(normalizeCheckinCode(input)).toBe(code);
  });

  it('round-trips a generated code through normalization', () => {
    const code = generateCheckinCode(() => 0.37);
    expect(normalizeCheckinCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
  });
});
