import { describe, expect, it } from 'vitest';
import {
  type ComplianceCode,
  complianceCodeLabel,
  complianceFindings,
  type ComplianceFinding,
  type MeetingFacts,
  monthApplicable,
  notApplicableMonths,
} from './compliance.ts';
import { render, renderVi } from '../messages/index.ts';
import { builtInRuleSets, type RuleSet, ruleSetInForce } from './meeting-rules.ts';

function byId(id: string): RuleSet {
  const r = builtInRuleSets.find((x) => x.id === id);
  if (!r) throw new Error(id);
  return r;
}
const ct50 = byId('ct50-2025');
const hd42 = byId('ct50-hd42-2025');
const quangBinh = byId('quang-binh-03-nq-duk-2021');
const ruleSetFor = (d: string) => ruleSetInForce(builtInRuleSets, d);

/** A compliant March 2026 meeting under CT 50 / HD 42; times in Vietnam time. */
function meeting(over: Partial<MeetingFacts> = {}): MeetingFacts {
  return {
    id: 'm1',
    kind: 'regular',
    status: 'adopted',
    forMonth: '2026-03',
    date: '2026-03-03',
    dateReason: null,
    startedAt: '2026-03-03T07:30:00+07:00',
    endedAt: '2026-03-03T09:00:00+07:00',
    materialsPublishedAt: '2026-03-02T08:00:00+07:00',
    finalisedAt: '2026-03-04T08:00:00+07:00',
    combinedWithOther: false,
    ruleSet: hd42,
    ...over,
  };
}

function run(
  meetings: readonly MeetingFacts[],
  opts: { from?: string; to?: string; today?: string; periods?: { from: string; to: string | null }[] } = {},
): ComplianceFinding[] {
  return complianceFindings({
    meetings,
    from: opts.from ?? '2026-03',
    to: opts.to ?? '2026-03',
    today: opts.today ?? '2026-04-15',
    ruleSetFor,
    periods: opts.periods,
  });
}

const codes = (fs: readonly ComplianceFinding[]) => fs.map((f) => f.code);

describe('compliance: a compliant month', () => {
  it('has no findings', () => {
    expect(run([meeting()])).toEqual([]);
  });

  it('labels every code', () => {
    const all: ComplianceCode[] = [
      'no_meeting',
      'wrong_day',
      'too_short',
      'materials_late',
      'finalised_late',
      'no_thematic_in_quarter',
      'combined',
    ];
    expect(Object.keys(complianceCodeLabel).sort()).toEqual([...all].sort());
    for (const c of all) expect(complianceCodeLabel[c]).toMatch(/\S/);
  });
});

describe('compliance: wrong_day', () => {
  it.each([
    ['2026-03-03', null, hd42, []],
    ['2026-03-05', null, hd42, ['reason_required']],
    ['2026-03-05', 'Ngày 03 trùng lịch tiếp công dân', hd42, []],
    ['2026-03-07', '   ', hd42, ['reason_required']],
    ['2026-03-01', 'Trường hợp đặc biệt', hd42, []],
    ['2026-03-08', 'Trường hợp đặc biệt', hd42, ['outside_window']],
    ['2026-03-10', null, ct50, ['outside_window']],
  ] as const)('%s with reason %j under %s', (date, reason, ruleSet, expected) => {
    const fs = run(
      [meeting({ date, dateReason: reason, ruleSet, materialsPublishedAt: null, finalisedAt: null })],
      {
        today: '2026-03-05',
      },
    ).filter((f) => f.code === 'wrong_day');
    expect(fs.length).toBe(expected.length === 0 ? 0 : 1);
    if (expected.length > 0) {
      const f = fs[0]!;
      expect(f).toMatchObject({ period: '2026-03', meetingId: 'm1' });
      expect(renderVi(f.source)).toBe('Chỉ thị 50-CT/TW');
      expect(renderVi(f.message)).toContain(`ngày ${date.slice(8, 10)}/03/2026`);
      if (expected[0] === 'reason_required') expect(renderVi(f.message)).toMatch(/phải ghi lý do/);
      if (expected[0] === 'outside_window') expect(renderVi(f.message)).toMatch(/7 ngày đầu tháng/);
    }
  });

  it('applies to the combined regular-thematic meeting but not to a thematic or committee meeting', () => {
    const date = '2026-03-12';
    const end = '2026-03-12T10:00:00+07:00';
    const base = { date, startedAt: '2026-03-12T07:30:00+07:00', endedAt: end, materialsPublishedAt: null };
    const fs = run([
      meeting({ id: 'r', kind: 'regular_thematic', ...base }),
      meeting({ id: 't', kind: 'thematic', ...base }),
      meeting({ id: 'c', kind: 'committee', ...base }),
    ]).filter((f) => f.code === 'wrong_day');
    expect(fs.map((f) => f.meetingId)).toEqual(['r']);
  });

  it.each([
    // Quảng Bình 2021: last week of the month, special cases up to the 10th of the next with a reason
    ['2021-11', '2021-11-26', null, false],
    ['2021-11', '2021-11-24', null, false],
    ['2021-11', '2021-11-23', null, true],
    ['2021-11', '2021-12-08', null, true],
    ['2021-11', '2021-12-08', 'Trùng đợt kiểm tra của cấp trên', false],
    ['2021-11', '2021-12-11', 'Trùng đợt kiểm tra của cấp trên', true],
  ] as const)(
    'old Quảng Bình rule: %s meeting on %s, reason %j → finding %s',
    (forMonth, date, reason, found) => {
      const m = meeting({
        forMonth,
        date,
        dateReason: reason,
        startedAt: `${date}T14:00:00+07:00`,
        endedAt: `${date}T15:30:00+07:00`,
        materialsPublishedAt: null,
        finalisedAt: null,
        ruleSet: quangBinh,
      });
      const fs = run([m], { from: '2021-11', to: '2021-11', today: '2021-12-20' });
      expect(codes(fs)).toEqual(found ? ['wrong_day'] : []);
      if (found) expect(renderVi(fs[0]!.source)).toBe('Nghị quyết 03-NQ/ĐUK');
    },
  );
});

describe('compliance: too_short', () => {
  const at = (minutes: number) => {
    const end = new Date(Date.parse('2026-03-03T07:30:00+07:00') + minutes * 60_000).toISOString();
    return { startedAt: '2026-03-03T07:30:00+07:00', endedAt: end };
  };

  it.each([
    ['regular', hd42, 89, 'chưa đủ 90 phút', 'Hướng dẫn 42-HD/BTCTW'],
    ['regular', hd42, 89.9, 'chưa đủ 90 phút', 'Hướng dẫn 42-HD/BTCTW'],
    ['regular', hd42, 90, null, null],
    ['regular', hd42, 150, null, null],
    ['thematic', hd42, 89, 'chưa đủ 90 phút', 'Hướng dẫn 42-HD/BTCTW'],
    [
      'regular_thematic',
      hd42,
      119,
      'chưa đủ 120 phút khi sinh hoạt thường kỳ kết hợp chuyên đề',
      'Hướng dẫn 42-HD/BTCTW',
    ],
    ['regular_thematic', hd42, 120, null, null],
    ['regular_thematic', hd42, 90, 'chưa đủ 120 phút', 'Hướng dẫn 42-HD/BTCTW'],
    // CT 50 before HD 42 names no combined figure: 90 minutes, from HD 12-HD/BTCTW (2018)
    ['regular_thematic', ct50, 90, null, null],
    ['regular', ct50, 89, 'chưa đủ 90 phút', 'Hướng dẫn 12-HD/BTCTW'],
    ['regular', quangBinh, 89, 'chưa đủ 90 phút', 'Hướng dẫn 12-HD/BTCTW'],
    // committee and extraordinary meetings have no minimum here
    ['committee', hd42, 30, null, null],
    ['extraordinary', hd42, 30, null, null],
  ] as const)('%s under %s lasting %f minutes', (kind, ruleSet, minutes, message, source) => {
    const fs = run([meeting({ kind, ruleSet, ...at(minutes) })]).filter((f) => f.code === 'too_short');
    if (message === null) {
      expect(fs).toEqual([]);
    } else {
      expect(fs.length).toBe(1);
      expect(renderVi(fs[0]!.message)).toContain(message);
      expect(renderVi(fs[0]!.message)).toContain(`kéo dài ${Math.floor(minutes)} phút`);
      expect(renderVi(fs[0]!.source)).toBe(source);
      expect(renderVi(fs[0]!.message)).toContain(`(${source})`);
    }
  });

  it('skips a meeting without recorded times or with times out of order', () => {
    expect(run([meeting({ startedAt: null })])).toEqual([]);
    expect(run([meeting({ endedAt: null })])).toEqual([]);
    expect(run([meeting({ endedAt: '2026-03-03T07:00:00+07:00' })])).toEqual([]);
  });
});

describe('compliance: materials_late', () => {
  it.each([
    ['2026-03-02T08:00:00+07:00', false],
    ['2026-02-25T08:00:00+07:00', false],
    // 23:59:59 on the 2nd in Vietnam
    ['2026-03-02T16:59:59Z', false],
    // 00:30 on the 3rd in Vietnam, though still the 2nd in UTC
    ['2026-03-02T17:30:00Z', true],
    ['2026-03-03T06:00:00+07:00', true],
    [null, true],
  ])('published %s → late %s', (publishedAt, late) => {
    const fs = run([meeting({ materialsPublishedAt: publishedAt })]);
    expect(codes(fs)).toEqual(late ? ['materials_late'] : []);
    if (late) {
      expect(renderVi(fs[0]!.source)).toBe('Hướng dẫn 42-HD/BTCTW');
      expect(renderVi(fs[0]!.message)).toContain('chậm nhất ngày 02/03/2026');
      expect(renderVi(fs[0]!.message)).toMatch(
        publishedAt === null ? /chưa được đăng/ : /đăng ngày 03\/03\/2026/,
      );
    }
  });

  it('is not checked under rule sets without a lead time', () => {
    expect(run([meeting({ ruleSet: ct50, materialsPublishedAt: null, finalisedAt: null })])).toEqual([]);
  });

  it('is checked for thematic meetings but not for committee meetings', () => {
    const fs = run([
      meeting({ id: 't', kind: 'thematic', materialsPublishedAt: null }),
      meeting({ id: 'c', kind: 'committee', materialsPublishedAt: null }),
      meeting({ id: 'r', materialsPublishedAt: null }),
    ]);
    expect(fs.map((f) => [f.code, f.meetingId])).toEqual([
      ['materials_late', 'r'],
      ['materials_late', 't'],
    ]);
  });
});

describe('compliance: finalised_late', () => {
  it.each([
    ['2026-03-03T11:00:00+07:00', '2026-04-15', false],
    ['2026-03-04T20:00:00+07:00', '2026-04-15', false],
    // day 2 after the meeting: within the window
    ['2026-03-05T23:00:00+07:00', '2026-04-15', false],
    // day 3: late
    ['2026-03-06T08:00:00+07:00', '2026-04-15', true],
    // 00:30 on the 6th in Vietnam
    ['2026-03-05T17:30:00Z', '2026-04-15', true],
    // not finalised: late only once the window has passed
    [null, '2026-03-04', false],
    [null, '2026-03-05', false],
    [null, '2026-03-06', true],
  ])('finalised %s, today %s → late %s', (finalisedAt, today, late) => {
    const fs = run([meeting({ finalisedAt })], { today });
    expect(codes(fs)).toEqual(late ? ['finalised_late'] : []);
    if (late) {
      expect(renderVi(fs[0]!.source)).toBe('Hướng dẫn 42-HD/BTCTW');
      expect(renderVi(fs[0]!.message)).toContain(
        'trong 2 ngày sau buổi sinh hoạt, chậm nhất ngày 05/03/2026',
      );
      expect(renderVi(fs[0]!.message)).toMatch(
        finalisedAt === null ? /chưa được hoàn thiện/ : /hoàn thiện ngày 06\/03\/2026/,
      );
    }
  });

  it('also flags a meeting held but whose minutes were never adopted', () => {
    expect(codes(run([meeting({ status: 'held', finalisedAt: null })]))).toEqual(['finalised_late']);
  });
});

describe('compliance: combined', () => {
  it.each([
    [hd42, 'regular', true],
    [ct50, 'regular', true],
    [hd42, 'thematic', true],
    [hd42, 'extraordinary', true],
    [hd42, 'committee', false],
    [quangBinh, 'regular', false],
  ] as const)('under %s a combined %s meeting → finding %s', (ruleSet, kind, found) => {
    const m = meeting({
      kind,
      ruleSet,
      combinedWithOther: true,
      materialsPublishedAt: ruleSet === hd42 ? '2026-03-01T08:00:00+07:00' : null,
      date: ruleSet === quangBinh ? '2026-03-27' : '2026-03-03',
    });
    const fs = run([m]).filter((f) => f.code === 'combined');
    expect(fs.length).toBe(found ? 1 : 0);
    if (found) {
      expect(renderVi(fs[0]!.source)).toBe('Chỉ thị 50-CT/TW');
      expect(renderVi(fs[0]!.message)).toMatch(/không được họp chi bộ kết hợp các cuộc họp khác/);
    }
  });
});

describe('compliance: no_meeting', () => {
  it.each([
    ['nothing recorded', [], true],
    ['only planned', [meeting({ status: 'planned' })], true],
    ['only cancelled', [meeting({ status: 'cancelled' })], true],
    ['only notified', [meeting({ status: 'notified' })], true],
    ['still in session', [meeting({ status: 'in_session' })], true],
    ['a thematic meeting alone', [meeting({ kind: 'thematic' })], true],
    ['a committee meeting alone', [meeting({ kind: 'committee' })], true],
    ['held, minutes not yet adopted', [meeting({ status: 'held' })], false],
    ['adopted', [meeting()], false],
    [
      'regular and thematic combined',
      [meeting({ kind: 'regular_thematic', endedAt: '2026-03-03T09:30:00+07:00' })],
      false,
    ],
    ['a meeting for another month', [meeting({ forMonth: '2026-02' })], true],
  ])('%s', (_label, meetings, found) => {
    const fs = run(meetings).filter((f) => f.code === 'no_meeting');
    expect(fs.length).toBe(found ? 1 : 0);
    if (found) {
      expect(fs[0]).toMatchObject({ period: '2026-03', meetingId: null });
      expect(renderVi(fs[0]!.source)).toBe('Chỉ thị 50-CT/TW');
      expect(renderVi(fs[0]!.message)).toContain('Tháng 03/2026 không có buổi sinh hoạt chi bộ thường kỳ');
    }
  });

  it.each([
    ['2026-03-31', false],
    ['2026-04-01', true],
  ])('a month is judged once it has ended (today %s → %s)', (today, found) => {
    expect(codes(run([], { today }))).toEqual(found ? ['no_meeting'] : []);
  });

  it.each([
    // under the last-week rule the month's meeting may still be held up to the 10th of the next month
    ['2021-12-10', false],
    ['2021-12-11', true],
  ])('old Quảng Bình rule: November 2021 judged on %s → %s', (today, found) => {
    const fs = complianceFindings({
      meetings: [],
      from: '2021-11',
      to: '2021-11',
      today,
      ruleSetFor: () => quangBinh,
    });
    expect(codes(fs)).toEqual(found ? ['no_meeting'] : []);
    if (found) expect(renderVi(fs[0]!.source)).toBe('Nghị quyết 03-NQ/ĐUK');
  });

  it('lists each missing month of a range, skipping those with a meeting', () => {
    const fs = run([meeting({ forMonth: '2026-02', date: '2026-02-03' })], {
      from: '2025-12',
      to: '2026-04',
      today: '2026-04-20',
    }).filter((f) => f.code === 'no_meeting');
    expect(fs.map((f) => f.period)).toEqual(['2025-12', '2026-01', '2026-03']);
  });
});

describe('compliance: no_thematic_in_quarter', () => {
  const month = (m: string, over: Partial<MeetingFacts> = {}) =>
    meeting({
      id: `m-${m}`,
      forMonth: m,
      date: `${m}-03`,
      startedAt: `${m}-03T07:30:00+07:00`,
      endedAt: `${m}-03T09:30:00+07:00`,
      materialsPublishedAt: `${m}-01T08:00:00+07:00`,
      finalisedAt: `${m}-04T08:00:00+07:00`,
      ...over,
    });
  const q1 = (over: Partial<MeetingFacts> = {}) => [
    month('2026-01'),
    month('2026-02'),
    month('2026-03', over),
  ];

  it.each([
    ['no thematic meeting', q1(), '2026-04-01', true],
    [
      'a thematic meeting in February',
      [...q1(), month('2026-02', { id: 't', kind: 'thematic' })],
      '2026-04-01',
      false,
    ],
    ['a combined meeting in March', q1({ kind: 'regular_thematic' }), '2026-04-01', false],
    [
      'a thematic meeting only planned',
      [...q1(), month('2026-02', { id: 't', kind: 'thematic', status: 'planned' })],
      '2026-04-01',
      true,
    ],
    [
      'a thematic meeting for April',
      [...q1(), month('2026-04', { id: 't', kind: 'thematic' })],
      '2026-05-01',
      true,
    ],
    ['the quarter not over yet', q1(), '2026-03-31', false],
  ])('%s', (_label, meetings, today, found) => {
    const fs = run(meetings, { from: '2026-01', to: '2026-03', today });
    expect(codes(fs)).toEqual(found ? ['no_thematic_in_quarter'] : []);
    if (found) {
      expect(fs[0]).toMatchObject({ period: '2026-Q1', meetingId: null });
      expect(renderVi(fs[0]!.source)).toBe('Chỉ thị 50-CT/TW');
      expect(renderVi(fs[0]!.message)).toBe(
        'Quý I năm 2026 có 0 buổi sinh hoạt chuyên đề, chưa đạt ít nhất 1 buổi mỗi quý (Chỉ thị 50-CT/TW)',
      );
      expect(fs[0]!.message).toMatchObject({
        code: 'compliance.no_thematic',
        params: { quarter: 'I', year: '2026', count: 0, required: 1 },
      });
      expect(render('en', fs[0]!.message)).toBe(
        'Quarter I of 2026 had 0 thematic meetings, fewer than the 1 required each quarter (Directive 50-CT/TW)',
      );
    }
  });

  it('judges only quarters lying wholly in the range', () => {
    expect(codes(run(q1(), { from: '2026-02', to: '2026-03' }))).toEqual([]);
    expect(codes(run(q1(), { from: '2026-01', to: '2026-02', today: '2026-04-15' }))).toEqual([]);
    expect(codes(run(q1(), { from: '2025-12', to: '2026-03', today: '2026-04-15' }))).toEqual([
      'no_meeting',
      'no_thematic_in_quarter',
    ]);
  });

  it('names the quarter in Roman numerals', () => {
    const fs = run([], { from: '2025-10', to: '2025-12', today: '2026-01-05' });
    expect(fs.map((f) => f.period)).toEqual(['2025-10', '2025-11', '2025-12', '2025-Q4']);
    expect(renderVi(fs.at(-1)!.message)).toMatch(/^Quý IV năm 2025 có 0 buổi/);
  });
});

describe('compliance: ordering and scope', () => {
  it('sorts by period, a quarter after its last month, then meeting date, then code', () => {
    const fs = run(
      [
        meeting({
          id: 'b',
          forMonth: '2026-02',
          date: '2026-02-05',
          startedAt: '2026-02-05T07:30:00+07:00',
          endedAt: '2026-02-05T08:30:00+07:00',
          materialsPublishedAt: null,
          finalisedAt: '2026-02-06T08:00:00+07:00',
          combinedWithOther: true,
        }),
        meeting({
          id: 'a',
          kind: 'thematic',
          forMonth: '2026-02',
          date: '2026-02-03',
          startedAt: '2026-02-03T07:30:00+07:00',
          endedAt: '2026-02-03T09:30:00+07:00',
          materialsPublishedAt: '2026-02-01T08:00:00+07:00',
          finalisedAt: null,
        }),
      ],
      { from: '2026-01', to: '2026-04', today: '2026-04-20' },
    );
    expect(fs.map((f) => [f.period, f.meetingId, f.code])).toEqual([
      ['2026-01', null, 'no_meeting'],
      ['2026-02', 'a', 'finalised_late'],
      ['2026-02', 'b', 'wrong_day'],
      ['2026-02', 'b', 'combined'],
      ['2026-02', 'b', 'too_short'],
      ['2026-02', 'b', 'materials_late'],
      ['2026-03', null, 'no_meeting'],
    ]);
  });

  it('ignores meetings outside the range and unheld meetings', () => {
    const late = { materialsPublishedAt: null, finalisedAt: null, startedAt: null };
    const fs = run(
      [
        meeting({ id: 'feb', forMonth: '2026-02', date: '2026-02-09', ...late }),
        meeting({ id: 'planned', date: '2026-03-12', status: 'planned', ...late }),
        meeting({ id: 'cancelled', date: '2026-03-12', status: 'cancelled', ...late }),
        meeting(),
      ],
      { today: '2026-04-15' },
    );
    expect(fs).toEqual([]);
  });

  it('returns nothing for an empty range', () => {
    expect(run([], { from: '2026-04', to: '2026-03' })).toEqual([]);
  });

  it('judges each meeting by the rule set it recorded, not the one in force today', () => {
    // a July 2025 meeting held under the Quảng Bình rule in the last week is fine, although CT 50 now governs
    const m = meeting({
      forMonth: '2025-07',
      date: '2025-07-30',
      startedAt: '2025-07-30T14:00:00+07:00',
      endedAt: '2025-07-30T15:30:00+07:00',
      materialsPublishedAt: null,
      finalisedAt: null,
      ruleSet: quangBinh,
    });
    expect(run([m], { from: '2025-07', to: '2025-07', today: '2026-04-15' })).toEqual([]);
  });
});

describe('compliance: months the organisation was not a cell', () => {
  const created = [{ from: '2025-07-01', to: null }];
  const noMeetingMonths = (fs: readonly ComplianceFinding[]) =>
    fs.filter((f) => f.code === 'no_meeting').map((f) => f.period);

  it('does not blame a cell created on 01/7/2025 for January to June 2025', () => {
    const fs = run([], { from: '2025-01', to: '2025-12', today: '2026-02-01', periods: created });
    expect(noMeetingMonths(fs)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(notApplicableMonths('2025-01', '2025-12', created)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
  });

  it('judges a quarter for its thematic meeting only when every month of it is applicable', () => {
    const fs = run([], { from: '2025-01', to: '2025-12', today: '2026-02-01', periods: created });
    expect(fs.filter((f) => f.code === 'no_thematic_in_quarter').map((f) => f.period)).toEqual([
      '2025-Q3',
      '2025-Q4',
    ]);
    const mid = [{ from: '2025-08-15', to: null }];
    const later = run([], { from: '2025-07', to: '2025-12', today: '2026-02-01', periods: mid });
    expect(later.filter((f) => f.code === 'no_thematic_in_quarter').map((f) => f.period)).toEqual([
      '2025-Q4',
    ]);
  });

  it('does not judge the months after dissolution, nor those begun or ended part way', () => {
    const lived = [{ from: '2025-03-10', to: '2025-09-20' }];
    const fs = run([], { from: '2025-01', to: '2025-12', today: '2026-02-01', periods: lived });
    expect(noMeetingMonths(fs)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08']);
    // Dissolved on the first of a month (the end is exclusive): the month before is whole, hence judged.
    expect(monthApplicable('2025-06', [{ from: '2024-01-01', to: '2025-07-01' }])).toBe(true);
    expect(monthApplicable('2025-07', [{ from: '2024-01-01', to: '2025-07-01' }])).toBe(false);
  });

  it('judges the months of every period in which it was a cell, and none between them', () => {
    const periods = [
      { from: '2024-01-01', to: '2025-03-01' },
      { from: '2025-06-01', to: null },
    ];
    expect(notApplicableMonths('2025-01', '2025-08', periods)).toEqual(['2025-03', '2025-04', '2025-05']);
    const fs = run([], { from: '2025-01', to: '2025-08', today: '2025-09-15', periods });
    expect(noMeetingMonths(fs)).toEqual(['2025-01', '2025-02', '2025-06', '2025-07', '2025-08']);
  });

  it('still reports what was wrong with a meeting held in a month that is not judged', () => {
    const held = meeting({
      forMonth: '2025-06',
      date: '2025-06-20',
      startedAt: '2025-06-20T07:30:00+07:00',
      endedAt: '2025-06-20T09:00:00+07:00',
      materialsPublishedAt: '2025-06-18T08:00:00+07:00',
      finalisedAt: '2025-06-21T08:00:00+07:00',
    });
    const fs = run([held], {
      from: '2025-06',
      to: '2025-06',
      today: '2025-08-01',
      periods: [{ from: '2025-06-10', to: null }],
    });
    expect(codes(fs)).toEqual(['wrong_day']);
  });

  it('judges every month when no periods are given', () => {
    expect(notApplicableMonths('2025-01', '2025-03', undefined)).toEqual([]);
    expect(noMeetingMonths(run([], { from: '2025-10', to: '2025-11', today: '2026-01-01' }))).toEqual([
      '2025-10',
      '2025-11',
    ]);
  });
});
