import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from '../messages/index.ts';
import { inVi } from './testing-messages.ts';
import {
  builtInScoringFrameworks,
  frameworkInForce,
  hd12ProvincialFramework,
  hd42Framework,
} from './scoring-frameworks.ts';
import { type CriterionEntry, ratingForPercent, scoreScorecard, submissionProblems } from './scorecard.ts';
import { autoScores, type ScoringFacts } from './scoring-facts.ts';
import {
  frameworkFieldPath,
  frameworkProblems,
  frameworkScoresKind,
  parseScoringFramework,
  ratingLabel,
  type ScoringFramework,
  type ScoringFrameworkInput,
  scoringFrameworkJsonSchema,
  scoringFrameworkSchema,
} from './scoring-schema.ts';

/** Every fact known and at its best. */
function facts(over: Partial<ScoringFacts> = {}): ScoringFacts {
  return {
    durationMinutes: 95,
    requiredMinutes: 90,
    attendanceRate: 1,
    unexcusedAbsences: 0,
    longAbsenceStreak: false,
    preparatoryMinuted: true,
    hasCommittee: true,
    noticeSent: true,
    materialsLeadDays: 2,
    requiredLeadDays: 1,
    speakersShare: 0.6,
    minutesComplete: true,
    previousAchievement: 0.95,
    finalisedWithinDays: 1,
    requiredFinaliseDays: 2,
    thematic: true,
    ...over,
  };
}

function criteriaOf(f: ScoringFramework) {
  return f.groups.flatMap((g) => g.criteria);
}

/** Full marks on every criterion left to the scorer, then points taken off (non-mandatory ones first) down to `target`. */
function entriesTo(f: ScoringFramework, fx: ScoringFacts, target: number): CriterionEntry[] {
  const autos = autoScores(f, fx);
  const manual = criteriaOf(f).filter(
    (c) => !autos.has(c.id) && (c.appliesWhen !== 'thematic' || fx.thematic),
  );
  const full = scoreScorecard(
    f,
    manual.map((c) => ({ criterionId: c.id, points: c.max })),
    fx,
  );
  let off = full.total - target;
  const entries = new Map(manual.map((c) => [c.id, c.max]));
  // Graded criteria first (any whole number), then toggles (all or nothing).
  for (const c of [
    ...manual.filter((c) => c.type !== 'toggle'),
    ...manual.filter((c) => c.type === 'toggle'),
  ]) {
    if (off <= 0) break;
    const take = c.type === 'toggle' ? (off >= c.max ? c.max : 0) : Math.min(off, c.max);
    entries.set(c.id, c.max - take);
    off -= take;
  }
  if (off !== 0) throw new Error(`cannot reach ${target}`);
  return [...entries].map(([criterionId, points]) => ({ criterionId, points }));
}

function autoOf(f: ScoringFramework, id: string, fx: ScoringFacts) {
  return autoScores(f, fx).get(id) ?? null;
}

describe('scoring: built-in frameworks as data', () => {
  it('are sound and parse as they are', () => {
    for (const f of builtInScoringFrameworks) {
      expect(frameworkProblems(f)).toEqual([]);
      const parsed = parseScoringFramework(JSON.parse(JSON.stringify(f)));
      expect(parsed).toEqual({ ok: true, framework: f });
    }
  });

  it('holds the HD 42 structure of reference §6.2', () => {
    expect(hd42Framework.groups.map((g) => [g.order, g.id, g.max])).toEqual([
      [1, 'time', 5],
      [2, 'attendance', 5],
      [3, 'preparation', 10],
      [4, 'conduct', 30],
      [5, 'chairing', 10],
      [6, 'principles', 5],
      [7, 'results', 30],
      [8, 'closing', 5],
    ]);
    expect(hd42Framework.total).toBe(100);
    expect(hd42Framework.document).toMatchObject({ number: '42-HD/BTCTW', date: '2025-10-28' });
    expect(inVi(hd42Framework.note)).toContain('cần kiểm tra');
    expect(hd42Framework.ratings.mandatoryFullMarks).toEqual([
      'duration',
      'attendance',
      'speakers',
      'minutes_book',
    ]);
    const sources = criteriaOf(hd42Framework)
      .filter((c) => c.source)
      .map((c) => [c.id, c.source]);
    expect(sources).toEqual([
      ['duration', 'duration'],
      ['attendance', 'attendance'],
      ['attendance_bonus', 'attendance_bonus'],
      ['prep_committee', 'preparatory_minuted'],
      ['prep_notice', 'notice_sent'],
      ['prep_materials', 'materials_lead'],
      ['speakers', 'speakers_share'],
      ['minutes_book', 'minutes_complete'],
      ['previous_results', 'previous_achievement'],
      ['closing_finalised', 'finalised_in_time'],
    ]);
    const thematic = criteriaOf(hd42Framework).filter((c) => c.appliesWhen === 'thematic');
    expect(thematic.map((c) => [c.id, c.max])).toEqual([['conduct_thematic', 5]]);
  });

  it('holds an older provincial framework with attendance worth 10', () => {
    const f = hd12ProvincialFramework;
    expect(f.groups.map((g) => g.max)).toEqual([10, 20, 40, 10, 20]);
    expect(criteriaOf(f).find((c) => c.id === 'attendance')?.max).toBe(10);
    expect(f.effectiveFrom).toBe('2018-07-06');
    expect(f.scope).toBe('assigned');
    expect(inVi(f.note)).toContain('minh họa');
  });

  it('scores the regular meeting kinds', () => {
    expect(frameworkScoresKind(hd42Framework, 'regular')).toBe(true);
    expect(frameworkScoresKind(hd42Framework, 'regular_thematic')).toBe(true);
    expect(frameworkScoresKind(hd42Framework, 'committee')).toBe(false);
  });

  it('labels the ratings', () => {
    expect(inVi(ratingLabel)).toEqual({ good: 'Tốt', fair: 'Khá', average: 'Trung bình', poor: 'Kém' });
  });
});

describe('scoring: which framework governs', () => {
  const hd12At = (effectiveFrom: string, depth: number) => ({
    frameworkId: 'hd12-provincial-2018',
    effectiveFrom,
    depth,
  });

  it('the national HD 42 framework from 28/10/2025, nothing before without an assignment', () => {
    expect(frameworkInForce('2025-10-27')).toBeNull();
    expect(frameworkInForce('2025-10-28')).toEqual({ framework: hd42Framework, inheritedFromDepth: null });
  });

  it('a province assigns its framework, the national framework supersedes it, a later assignment wins again', () => {
    const a = [hd12At('2019-01-01', 1)];
    expect(frameworkInForce('2020-05-03', a)?.framework.id).toBe('hd12-provincial-2018');
    expect(frameworkInForce('2020-05-03', a)?.inheritedFromDepth).toBe(1);
    expect(frameworkInForce('2025-11-03', a)?.framework.id).toBe('hd42-100-2025');
    const again = [...a, hd12At('2026-01-01', 1)];
    expect(frameworkInForce('2026-02-03', again)?.framework.id).toBe('hd12-provincial-2018');
  });

  it('on the same date the deeper assignment wins', () => {
    expect(frameworkInForce('2025-11-03', [hd12At('2025-10-28', 2)])?.framework.id).toBe(
      'hd12-provincial-2018',
    );
    const both = [
      { frameworkId: 'hd12-provincial-2018', effectiveFrom: '2026-01-01', depth: 1 },
      { frameworkId: 'hd42-100-2025', effectiveFrom: '2026-01-01', depth: 3 },
    ];
    expect(frameworkInForce('2026-01-03', both)).toEqual({ framework: hd42Framework, inheritedFromDepth: 3 });
  });

  it('an assignment cannot apply a framework before it exists; unknown ids are ignored', () => {
    const a = [hd12At('2017-01-01', 1), { frameworkId: 'nope', effectiveFrom: '2017-01-01', depth: 2 }];
    expect(frameworkInForce('2018-01-03', a)).toBeNull();
    expect(frameworkInForce('2018-07-06', a)?.framework.id).toBe('hd12-provincial-2018');
  });
});

describe('scoring: rating boundaries', () => {
  const table: Array<[number, 'good' | 'fair' | 'average' | 'poor']> = [
    [100, 'good'],
    [90, 'good'],
    [89, 'fair'],
    [70, 'fair'],
    [69, 'average'],
    [50, 'average'],
    [49, 'poor'],
  ];
  for (const f of builtInScoringFrameworks) {
    it.each(table)(`${f.id}: %i points → %s`, (target, rating) => {
      // Low totals need the facts to give fewer points too: the previous decision's results and speakers.
      const variants = [
        facts(),
        facts({ speakersShare: 0.35 }),
        facts({ previousAchievement: 0.4 }),
        facts({ previousAchievement: 0.4, speakersShare: 0.35 }),
        facts({ previousAchievement: 0.4, speakersShare: 0.2 }),
      ];
      const found = variants.flatMap((fx) => {
        try {
          return [{ fx, entries: entriesTo(f, fx, target) }];
        } catch {
          return [];
        }
      })[0];
      if (!found) throw new Error(`no facts reach ${target}`);
      const scorecard = scoreScorecard(f, found.entries, found.fx);
      expect(scorecard.problems).toEqual([]);
      expect(scorecard.complete).toBe(true);
      expect(scorecard.total).toBe(target);
      expect(scorecard.applicableMax).toBe(100);
      expect(scorecard.percent).toBe(target);
      expect(scorecard.rating).toBe(rating);
    });
  }

  it('explains the band', () => {
    const fx = facts();
    const at = (t: number) => scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, t), fx).ratingReason;
    expect(inVi(at(95))).toBe(
      'Đạt 95 điểm (từ 90% trở lên) và đạt điểm tối đa các tiêu chí bắt buộc nên xếp Tốt',
    );
    expect(inVi(at(75))).toBe('Đạt 75 điểm (từ 70% đến dưới 90%) nên xếp Khá');
    const low = facts({ previousAchievement: 0.4, speakersShare: 0.2 });
    expect(inVi(scoreScorecard(hd42Framework, entriesTo(hd42Framework, low, 40), low).ratingReason)).toBe(
      'Đạt 40 điểm (dưới 50%) nên xếp Kém',
    );
  });
});

describe('scoring: 90 or more without a mandatory full mark is fair', () => {
  const cases: Array<[string, Partial<ScoringFacts>, string, number]> = [
    ['duration 80 of 90 minutes', { durationMinutes: 80 }, 'Thời lượng', 99],
    ['attendance 85%', { attendanceRate: 0.85 }, 'Tỷ lệ đảng viên dự', 99],
    ['speakers 45%', { speakersShare: 0.45 }, 'Số đảng viên phát biểu', 99],
    ['minutes book incomplete', { minutesComplete: false }, 'Sổ biên bản ghi đầy đủ', 99],
  ];
  it.each(cases)('HD 42: %s', (_, over, title, total) => {
    const fx = facts(over);
    const scorecard = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, total), fx);
    expect(scorecard.total).toBe(total);
    expect(scorecard.rating).toBe('fair');
    expect(inVi(scorecard.ratingReason)).toBe(
      `Đạt ${total} điểm nhưng tiêu chí ${title} chưa đạt điểm tối đa nên xếp Khá`,
    );
  });

  it('names every mandatory criterion that is not full', () => {
    const fx = facts({ durationMinutes: 85, minutesComplete: false });
    const scorecard = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, 92), fx);
    expect(inVi(scorecard.ratingReason)).toBe(
      'Đạt 92 điểm nhưng các tiêu chí Thời lượng, Sổ biên bản ghi đầy đủ chưa đạt điểm tối đa nên xếp Khá',
    );
  });

  it('does not lift a lower rating, and a full override with its reason restores good', () => {
    const fx = facts({ durationMinutes: 80 });
    expect(scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, 75), fx).rating).toBe('fair');
    const entries = [
      ...entriesTo(hd42Framework, fx, 95),
      {
        criterionId: 'duration',
        points: 5,
        overrideReason: 'Đồng hồ phòng họp chậm 15 phút; biên bản ghi 95 phút',
      },
    ];
    const scorecard = scoreScorecard(hd42Framework, entries, fx);
    expect(scorecard.problems).toEqual([]);
    expect(scorecard.rating).toBe('good');
  });

  it('HD 12 framework: attendance of exactly 85% is not above 85%', () => {
    const fx = facts({ attendanceRate: 0.85 });
    const scorecard = scoreScorecard(hd12ProvincialFramework, entriesTo(hd12ProvincialFramework, fx, 95), fx);
    expect(scorecard.rating).toBe('fair');
    expect(inVi(scorecard.ratingReason)).toContain('tiêu chí Tỷ lệ đảng viên dự chưa đạt điểm tối đa');
  });
});

describe('scoring: thematic and non-thematic months', () => {
  it('a non-thematic month leaves the thematic criterion out: maximum 95', () => {
    const fx = facts({ thematic: false });
    const scorecard = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, 95), fx);
    expect(scorecard.total).toBe(95);
    expect(scorecard.applicableMax).toBe(95);
    expect(scorecard.percent).toBe(100);
    expect(scorecard.rating).toBe('good');
    expect(scorecard.complete).toBe(true);
    const thematic = scorecard.criteria.find((c) => c.id === 'conduct_thematic');
    expect(thematic).toMatchObject({ applicable: false, points: null });
    expect(scorecard.groups.find((g) => g.id === 'conduct')).toMatchObject({ points: 25, max: 25 });
    expect(inVi(scorecard.ratingReason)).toBe(
      'Đạt 95/95 điểm (100%) (từ 90% trở lên) và đạt điểm tối đa các tiêu chí bắt buộc nên xếp Tốt',
    );
  });

  const table: Array<[boolean, number, number, number, string]> = [
    // thematic, total, applicable max, percent, rating
    [true, 90, 100, 90, 'good'],
    [false, 90, 95, 94.74, 'good'],
    [true, 86, 100, 86, 'fair'],
    [false, 86, 95, 90.53, 'good'],
    [false, 85, 95, 89.47, 'fair'],
    [false, 67, 95, 70.53, 'fair'],
    [false, 66, 95, 69.47, 'average'],
  ];
  it.each(table)('thematic %s, %i points: max %i, %f%%, %s', (thematic, total, max, percent, rating) => {
    const fx = facts({ thematic });
    const scorecard = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, total), fx);
    expect(scorecard.total).toBe(total);
    expect(scorecard.applicableMax).toBe(max);
    expect(scorecard.percent).toBe(percent);
    expect(scorecard.rating).toBe(rating);
  });

  it('refuses points for the thematic criterion in a month without one', () => {
    const fx = facts({ thematic: false });
    const entries = [...entriesTo(hd42Framework, fx, 95), { criterionId: 'conduct_thematic', points: 5 }];
    expect(inVi(scoreScorecard(hd42Framework, entries, fx).problems)).toEqual([
      'Tiêu chí Nội dung sinh hoạt chuyên đề chỉ chấm trong tháng có sinh hoạt chuyên đề',
    ]);
  });
});

describe('scoring: automatic values from the facts', () => {
  const duration: Array<[number, number, number]> = [
    [95, 90, 5],
    [90, 90, 5],
    [80, 90, 4],
    [75, 90, 4],
    [74, 90, 3],
    [60, 90, 3],
    [59, 90, 2],
    [45, 90, 2],
    [44, 90, 1],
    [120, 120, 5],
    [105, 120, 4],
    [104, 120, 3],
    [90, 120, 3],
    [89, 120, 2],
    [60, 120, 2],
    [59, 120, 1],
  ];
  it.each(duration)('duration %i of %i minutes → %i', (d, req, points) => {
    expect(
      autoOf(hd42Framework, 'duration', facts({ durationMinutes: d, requiredMinutes: req }))?.points,
    ).toBe(points);
  });

  it('duration evidence, unknown duration, and the HD 12 toggle', () => {
    expect(inVi(autoOf(hd42Framework, 'duration', facts())?.evidence)).toBe('Thời lượng 95 phút ≥ 90 phút');
    expect(inVi(autoOf(hd42Framework, 'duration', facts({ durationMinutes: 80 }))?.evidence)).toBe(
      'Thời lượng 80 phút, thiếu 10 phút so với 90 phút (thiếu không quá 15 phút)',
    );
    expect(autoOf(hd42Framework, 'duration', facts({ durationMinutes: null }))).toBeNull();
    expect(autoOf(hd12ProvincialFramework, 'duration', facts({ durationMinutes: 90 }))?.points).toBe(10);
    expect(autoOf(hd12ProvincialFramework, 'duration', facts({ durationMinutes: 89 }))?.points).toBe(0);
  });

  const attendance: Array<[number | null, number, number | null]> = [
    [1, 0, 4],
    [0.9, 0, 4],
    [0.89, 0, 3],
    [0.75, 0, 3],
    [0.74, 0, 2],
    [0.65, 0, 2],
    [0.64, 0, 1],
    [1, 1, 1],
    [null, 0, null],
    [null, 2, 1],
  ];
  it.each(attendance)('HD 42 attendance %s with %i unexcused → %s', (rate, unexcused, points) => {
    const a = autoOf(
      hd42Framework,
      'attendance',
      facts({ attendanceRate: rate, unexcusedAbsences: unexcused }),
    );
    expect(a?.points ?? null).toBe(points);
  });

  it('attendance evidence and the HD 12 bands', () => {
    expect(inVi(autoOf(hd42Framework, 'attendance', facts({ attendanceRate: 12 / 13 }))?.evidence)).toBe(
      'Đảng viên dự 92,3%; không có đảng viên vắng không lý do (≥ 90%)',
    );
    expect(inVi(autoOf(hd42Framework, 'attendance', facts({ attendanceRate: 0.6 }))?.evidence)).toBe(
      'Đảng viên dự 60%; không có đảng viên vắng không lý do (dưới 65%)',
    );
    expect(
      inVi(
        autoOf(hd42Framework, 'attendance', facts({ attendanceRate: 0.95, unexcusedAbsences: 1 }))?.evidence,
      ),
    ).toBe('Đảng viên dự 95%; 1 đảng viên vắng không lý do');
    const hd12 = (rate: number, unexcused = 0) =>
      autoOf(
        hd12ProvincialFramework,
        'attendance',
        facts({ attendanceRate: rate, unexcusedAbsences: unexcused }),
      )?.points;
    expect([hd12(0.86), hd12(0.85), hd12(0.75), hd12(0.6), hd12(0.59), hd12(1, 1)]).toEqual([
      10, 7, 7, 4, 2, 2,
    ]);
  });

  it('the consecutive-absence bonus', () => {
    expect(inVi(autoOf(hd42Framework, 'attendance_bonus', facts()))).toEqual({
      points: 1,
      evidence: 'Trong năm không có đảng viên vắng quá 3 lần liên tiếp',
    });
    expect(autoOf(hd42Framework, 'attendance_bonus', facts({ longAbsenceStreak: true }))?.points).toBe(0);
  });

  it('preparation: committee meeting minuted, notice, materials lead time', () => {
    const prep = (over: Partial<ScoringFacts>) => autoOf(hd42Framework, 'prep_committee', facts(over));
    expect(prep({})?.points).toBe(2);
    expect(prep({ preparatoryMinuted: false })?.points).toBe(0);
    expect(prep({ preparatoryMinuted: null })).toBeNull();
    expect(inVi(prep({ preparatoryMinuted: null, hasCommittee: false }))).toEqual({
      points: 2,
      evidence: 'Chi bộ chỉ có bí thư: đạt điểm tối đa',
    });
    const notice = (v: boolean | null) =>
      autoOf(hd42Framework, 'prep_notice', facts({ noticeSent: v }))?.points;
    expect([notice(true), notice(false), notice(null)]).toEqual([1, 0, undefined]);
    const lead = (days: number | null, req: number | null = 1) =>
      autoOf(hd42Framework, 'prep_materials', facts({ materialsLeadDays: days, requiredLeadDays: req }));
    expect(inVi(lead(2))).toEqual({ points: 2, evidence: 'Tài liệu gửi trước 2 ngày (≥ 1 ngày)' });
    expect(lead(1)?.points).toBe(2);
    expect(inVi(lead(0))).toEqual({
      points: 0,
      evidence: 'Tài liệu gửi trong ngày họp (yêu cầu trước ít nhất 1 ngày)',
    });
    expect(lead(null)).toBeNull();
    expect(lead(3, null)).toBeNull();
  });

  const speakers: Array<[number, number]> = [
    [1, 5],
    [0.51, 5],
    [0.5, 4],
    [0.4, 4],
    [0.39, 3],
    [0.3, 3],
    [0.29, 2],
    [0, 2],
  ];
  it.each(speakers)('speakers share %f → %i', (share, points) => {
    expect(autoOf(hd42Framework, 'speakers', facts({ speakersShare: share }))?.points).toBe(points);
  });

  it('speakers evidence and the minutes book', () => {
    expect(inVi(autoOf(hd42Framework, 'speakers', facts({ speakersShare: 7 / 12 }))?.evidence)).toBe(
      '58,3% đảng viên dự họp phát biểu (> 50%)',
    );
    expect(inVi(autoOf(hd42Framework, 'speakers', facts({ speakersShare: 0.5 }))?.evidence)).toBe(
      '50% đảng viên dự họp phát biểu (≥ 40%)',
    );
    expect(autoOf(hd42Framework, 'speakers', facts({ speakersShare: null }))).toBeNull();
    expect(inVi(autoOf(hd42Framework, 'minutes_book', facts()))).toEqual({
      points: 1,
      evidence: 'Sổ biên bản ghi đầy đủ',
    });
    expect(autoOf(hd42Framework, 'minutes_book', facts({ minutesComplete: false }))?.points).toBe(0);
    expect(autoOf(hd42Framework, 'minutes_book', facts({ minutesComplete: null }))).toBeNull();
  });

  const achievement: Array<[number | null, number | null]> = [
    [1, 30],
    [0.9, 30],
    [0.89, 27],
    [0.8, 27],
    [0.7, 24],
    [0.6, 20],
    [0.5, 15],
    [0.49, 10],
    [0, 10],
    [null, null],
  ];
  it.each(achievement)('previous decision achieved %s → %s', (share, points) => {
    const a = autoOf(hd42Framework, 'previous_results', facts({ previousAchievement: share }));
    expect(a?.points ?? null).toBe(points);
  });

  it('the previous decision evidence and finalising within 2 days', () => {
    expect(
      inVi(autoOf(hd42Framework, 'previous_results', facts({ previousAchievement: 0.8 }))?.evidence),
    ).toBe('Hoàn thành 80% nhiệm vụ của nghị quyết kỳ trước (≥ 80%)');
    const fin = (d: number | null, req: number | null = 2) =>
      autoOf(
        hd42Framework,
        'closing_finalised',
        facts({ finalisedWithinDays: d, requiredFinaliseDays: req }),
      );
    expect(inVi(fin(2))).toEqual({ points: 1, evidence: 'Hoàn thiện văn bản sau 2 ngày (≤ 2 ngày)' });
    expect(inVi(fin(3))).toEqual({ points: 0, evidence: 'Hoàn thiện văn bản sau 3 ngày (quá 2 ngày)' });
    expect(fin(null)).toBeNull();
    expect(fin(1, null)).toBeNull();
  });

  it('pre-fills the scorecard with the evidence beside each criterion', () => {
    const scorecard = scoreScorecard(hd42Framework, [], facts({ durationMinutes: 80 }));
    expect(inVi(scorecard.criteria.find((c) => c.id === 'duration'))).toMatchObject({
      points: 4,
      overridden: false,
      auto: {
        points: 4,
        evidence: 'Thời lượng 80 phút, thiếu 10 phút so với 90 phút (thiếu không quá 15 phút)',
      },
    });
    expect(autoScores(hd42Framework, facts({ thematic: false })).has('conduct_thematic')).toBe(false);
  });
});

describe('scoring: entries and overrides', () => {
  const fx = facts({ durationMinutes: 80 });
  const base = () => entriesTo(hd42Framework, fx, 99);

  it('an entry that differs from the automatic value needs a reason', () => {
    const scorecard = scoreScorecard(hd42Framework, [...base(), { criterionId: 'duration', points: 5 }], fx);
    expect(inVi(scorecard.problems)).toEqual([
      'Tiêu chí Thời lượng khác giá trị tự động (5 thay vì 4 điểm: Thời lượng 80 phút, thiếu 10 phút so với 90 ' +
        'phút (thiếu không quá 15 phút)); phải ghi lý do',
    ]);
    const blank = scoreScorecard(
      hd42Framework,
      [...base(), { criterionId: 'duration', points: 5, overrideReason: '   ' }],
      fx,
    );
    expect(blank.problems).toHaveLength(1);
    const ok = scoreScorecard(
      hd42Framework,
      [
        ...base(),
        { criterionId: 'duration', points: 5, overrideReason: 'Bắt đầu sớm, biên bản ghi sai giờ' },
      ],
      fx,
    );
    expect(ok.problems).toEqual([]);
    expect(inVi(ok.criteria.find((c) => c.id === 'duration'))).toMatchObject({
      points: 5,
      overridden: true,
      overrideReason: 'Bắt đầu sớm, biên bản ghi sai giờ',
      auto: { points: 4 },
    });
  });

  it('an entry equal to the automatic value is no override', () => {
    const scorecard = scoreScorecard(hd42Framework, [...base(), { criterionId: 'duration', points: 4 }], fx);
    expect(scorecard.problems).toEqual([]);
    expect(scorecard.criteria.find((c) => c.id === 'duration')?.overridden).toBe(false);
  });

  const bad: Array<[string, number, string]> = [
    ['conduct_regular_content', 11, 'Điểm tiêu chí Nội dung sinh hoạt thường kỳ vượt quá tối đa 10'],
    ['previous_results', 31, 'Điểm tiêu chí Kết quả thực hiện nghị quyết kỳ trước vượt quá tối đa 30'],
    ['prep_content', -1, 'Điểm tiêu chí Nội dung chuẩn bị không được âm'],
    ['duration', 3.5, 'Điểm tiêu chí Thời lượng phải là một trong các mức: 5, 4, 3, 2, 1'],
    ['duration', 0, 'Điểm tiêu chí Thời lượng phải là một trong các mức: 5, 4, 3, 2, 1'],
    ['minutes_book', 0.5, 'Điểm tiêu chí Sổ biên bản ghi đầy đủ phải là một trong các mức: 1, 0'],
    ['speakers', 1, 'Điểm tiêu chí Số đảng viên phát biểu phải là một trong các mức: 5, 4, 3, 2, 0'],
    ['conduct_steps', Number.NaN, 'Điểm tiêu chí Thực hiện đủ các bước không hợp lệ'],
  ];
  it.each(bad)('%s = %f → a problem', (criterionId, points, problem) => {
    const scorecard = scoreScorecard(
      hd42Framework,
      [...base().filter((e) => e.criterionId !== criterionId), { criterionId, points, overrideReason: 'x' }],
      fx,
    );
    expect(inVi(scorecard.problems)).toEqual([problem]);
    expect(inVi(scorecard.criteria.find((c) => c.id === criterionId))).toMatchObject({
      problem,
      points: null,
    });
    expect(scorecard.problems[0]!.code).toMatch(/^scoring\.entry\./);
  });

  it('an unknown or repeated criterion is a problem', () => {
    const scorecard = scoreScorecard(
      hd42Framework,
      [...base(), { criterionId: 'nope', points: 1 }, { criterionId: 'prep_content', points: 3 }],
      fx,
    );
    expect(inVi(scorecard.problems)).toEqual([
      `Không có tiêu chí 'nope' trong khung ${hd42Framework.title}`,
      'Tiêu chí Nội dung chuẩn bị được chấm hai lần',
    ]);
  });

  it('a draft without the scorer’s criteria is incomplete; a final submission needs them all', () => {
    const scorecard = scoreScorecard(hd42Framework, [], facts({ previousAchievement: null }));
    expect(scorecard.complete).toBe(false);
    expect(scorecard.missing).toContain('previous_results');
    expect(scorecard.missing).toContain('prep_content');
    expect(scorecard.missing).not.toContain('duration');
    expect(submissionProblems(scorecard, false)).toEqual([]);
    expect(inVi(submissionProblems(scorecard, true)[0])).toMatch(
      /^Phiếu chấm chưa đủ điểm các tiêu chí: Nội dung chuẩn bị, /,
    );
    const done = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, 99), fx);
    expect(submissionProblems(done, true)).toEqual([]);
  });
});

/** A small framework to exercise bonus caps and the computed type. */
function tiny(over: Partial<ScoringFrameworkInput> = {}): ScoringFrameworkInput {
  return {
    id: 'tiny',
    version: 1,
    title: 'Khung thử',
    issuer: 'Thử',
    document: null,
    effectiveFrom: '2026-01-01',
    total: 10,
    groups: [
      {
        id: 'a',
        order: 1,
        title: 'Nhóm A',
        max: 5,
        criteria: [
          { id: 'speak', title: 'Phát biểu', max: 5, type: 'computed', source: 'speakers_share' },
          { id: 'extra', title: 'Thưởng', max: 1, type: 'toggle', source: 'attendance_bonus', bonus: true },
        ],
      },
      {
        id: 'b',
        order: 2,
        title: 'Nhóm B',
        max: 5,
        criteria: [{ id: 'free', title: 'Tự do', max: 5, type: 'computed' }],
      },
    ],
    ratings: {
      bands: [
        { rating: 'good', minPercent: 90 },
        { rating: 'poor', minPercent: 0 },
      ],
      mandatoryFullMarks: [],
    },
    ...over,
  };
}

describe('scoring: bonus caps and computed criteria', () => {
  const f = scoringFrameworkSchema.parse(tiny());

  it('takes the defaults for scope and meeting kinds', () => {
    expect(f.scope).toBe('national');
    expect(f.meetingKinds).toEqual(['regular', 'regular_thematic']);
  });

  it('counts a bonus point but caps the group at its max', () => {
    const scorecard = scoreScorecard(f, [{ criterionId: 'free', points: 3.5 }], facts({ speakersShare: 1 }));
    expect(inVi(scorecard.groups[0])).toEqual({ id: 'a', title: 'Nhóm A', points: 5, max: 5, capped: true });
    expect(scorecard.total).toBe(8.5);
    expect(scorecard.percent).toBe(85);
    const partial = scoreScorecard(f, [{ criterionId: 'free', points: 5 }], facts({ speakersShare: 0.7 }));
    expect(partial.criteria.find((c) => c.id === 'speak')?.points).toBe(3.5);
    expect(partial.groups[0]).toMatchObject({ points: 4.5, capped: false });
    expect(partial.total).toBe(9.5);
    expect(partial.rating).toBe('good');
    expect(inVi(partial.ratingReason)).toBe('Đạt 9,5 điểm (từ 90% trở lên) nên xếp Tốt');
  });
});

describe('scoring: a framework file that breaks the schema', () => {
  const json = () =>
    JSON.parse(JSON.stringify(hd42Framework)) as ScoringFrameworkInput & Record<string, unknown>;
  const problemsOf = (input: unknown) => {
    const r = parseScoringFramework(input);
    if (r.ok) throw new Error('expected problems');
    return r.problems.map((p) => inVi(p.message) as string);
  };

  it('names the missing field', () => {
    const { groups: _groups, ...f } = json();
    expect(inVi(problemsOf(f))).toEqual([expect.stringMatching(/^groups: .*mảng/)]);
  });

  it('a missing group: the totals do not add up', () => {
    const f = json();
    f.groups = f.groups.filter((g) => g.id !== 'closing');
    expect(inVi(problemsOf(f))).toEqual([
      'total: Tổng điểm tối đa các nhóm (95) khác tổng điểm của khung (100)',
    ]);
  });

  it('band points above the criterion max', () => {
    const f = json();
    f.groups[1]!.criteria[0]!.bands![0]!.points = 6;
    expect(inVi(problemsOf(f))).toContain(
      "groups[1].criteria[0].bands[0].points: Tiêu chí 'attendance': khoảng 1 cho 6 điểm, vượt quá tối đa 4",
    );
  });

  it('a level above the criterion max', () => {
    const f = json();
    f.groups[0]!.criteria[0]!.levels![0]!.points = 6;
    expect(inVi(problemsOf(f))).toContain(
      "groups[0].criteria[0].levels[0].points: Tiêu chí 'duration': mức 6 điểm vượt quá tối đa 5",
    );
  });

  it('a group max that is not the sum of its criteria', () => {
    const f = json();
    f.groups[2]!.max = 12;
    expect(inVi(problemsOf(f))).toEqual([
      "groups[2].max: Nhóm 'preparation': điểm tối đa 12 khác tổng điểm tối đa các tiêu chí (10)",
      'total: Tổng điểm tối đa các nhóm (102) khác tổng điểm của khung (100)',
    ]);
  });

  it('a group counting its bonus point must say why', () => {
    const f = json();
    delete f.groups[1]!.maxNote;
    expect(inVi(problemsOf(f))).toEqual([
      "groups[1].maxNote: Nhóm 'attendance': điểm tối đa 5 khác tổng các tiêu chí không phải điểm thưởng (4); phải ghi lý do",
    ]);
  });

  it('bands out of order, an unknown mandatory criterion, rating bands out of order', () => {
    const f = json();
    f.groups[3]!.criteria[4]!.bands!.reverse();
    f.ratings.mandatoryFullMarks.push('nope');
    f.ratings.bands = [
      { rating: 'fair', minPercent: 70 },
      { rating: 'good', minPercent: 90 },
      { rating: 'poor', minPercent: 10 },
    ];
    const problems = problemsOf(f);
    expect(inVi(problems)).toContain(
      "groups[3].criteria[4].bands[1].minRatio: Tiêu chí 'speakers': các khoảng tỷ lệ phải xếp theo tỷ lệ giảm dần",
    );
    expect(inVi(problems)).toContain("ratings.mandatoryFullMarks[4]: Không có tiêu chí 'nope' trong khung");
    expect(inVi(problems)).toContain(
      'ratings.bands[1].minPercent: Các mức xếp loại phải xếp theo tỷ lệ phần trăm giảm dần',
    );
    expect(inVi(problems)).toContain(
      'ratings.bands[2].minPercent: Mức xếp loại cuối cùng phải bắt đầu từ 0%',
    );
  });

  it('type-specific fields and sources', () => {
    const f = json();
    f.groups[2]!.criteria[3]!.levels = [{ points: 1, label: 'x' }];
    f.groups[6]!.criteria[0]!.source = 'notice_sent';
    f.groups[0]!.criteria[0]!.levels = [];
    const problems = problemsOf(f);
    expect(inVi(problems)).toContain(
      "groups[2].criteria[3].levels: Tiêu chí 'prep_notice': chỉ tiêu chí loại 'levels' mới có danh sách mức điểm",
    );
    expect(inVi(problems)).toContain(
      "groups[6].criteria[0].source: Tiêu chí 'previous_results': nguồn dữ liệu 'notice_sent' không dùng được cho loại 'ratio_bands'",
    );
    expect(inVi(problems)).toContain(
      "groups[0].criteria[0].levels: Tiêu chí 'duration' loại 'levels' phải có danh sách mức điểm",
    );
  });

  it('wrong types and values name their path in Vietnamese', () => {
    const f = json() as unknown as { groups: Array<{ criteria: Array<Record<string, unknown>> }> } & Record<
      string,
      unknown
    >;
    f.groups[0]!.criteria[0]!.max = 'năm';
    f.groups[1]!.criteria[0]!.type = 'stars';
    f.effectiveFrom = '2025-13-01';
    const problems = problemsOf(f);
    expect(problems).toHaveLength(3);
    expect(inVi(problems[0])).toBe('effectiveFrom: phải là ngày dạng YYYY-MM-DD');
    expect(inVi(problems[1])).toMatch(/^groups\[0\]\.criteria\[0\]\.max: Đầu vào không hợp lệ/);
    expect(problems[2]).toMatch(/^groups\[1\]\.criteria\[0\]\.type: /);
  });

  it('duplicate ids', () => {
    const f = json();
    f.groups[7]!.criteria[0]!.id = 'duration';
    expect(inVi(problemsOf(f))).toEqual(["groups[7].criteria[0].id: Mã tiêu chí 'duration' bị trùng"]);
  });
});

describe('scoring: the documented JSON Schema', () => {
  it('docs/scoring-framework.schema.json is the one generated from the zod schema (npx tsx scripts/scoring-schema.ts)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../docs/scoring-framework.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(scoringFrameworkJsonSchema());
  });
});

describe('ratingForPercent', () => {
  it.each([
    [90, 'good'],
    [89.99, 'fair'],
    [70, 'fair'],
    [69.9, 'average'],
    [50, 'average'],
    [49.9, 'poor'],
    [0, 'poor'],
  ] as const)('%s%% under HD 42 → %s', (percent, rating) => {
    expect(ratingForPercent(hd42Framework, percent)).toBe(rating);
  });
});

describe('scoring: evidence, problems and reasons by code', () => {
  it('gives evidence as a code with its numbers, in both languages', () => {
    const auto = autoOf(hd42Framework, 'duration', facts({ durationMinutes: 80 }))!;
    expect(auto.evidence).toEqual({
      code: 'scoring.evidence.qualified',
      params: {
        evidence: {
          code: 'scoring.evidence.duration_short',
          params: { minutes: 80, short: 10, required: 90 },
        },
        qualifier: { code: 'scoring.evidence.tier_short_15' },
      },
    });
    expect(render('en', auto.evidence)).toBe(
      'Duration 80 min, 10 min short of 90 min (at most 15 minutes short)',
    );
    const attendance = autoOf(hd42Framework, 'attendance', facts({ attendanceRate: 12 / 13 }))!;
    expect(render('en', attendance.evidence)).toMatch(
      /^Members present 92\.3%; no member absent without a reason/,
    );
    expect(render('vi', attendance.evidence)).toMatch(/^Đảng viên dự 92,3%; /);
  });

  it('gives the rating reason and the problems as codes', () => {
    const fx = facts({ minutesComplete: false });
    const scorecard = scoreScorecard(hd42Framework, entriesTo(hd42Framework, fx, 99), fx);
    expect(scorecard.ratingReason).toMatchObject({
      code: 'scoring.rating.capped_one',
      params: { rating: { code: 'scoring.rating.fair' } },
    });
    expect(render('en', scorecard.ratingReason)).toBe(
      'Scored 99 points, but the criterion Sổ biên bản ghi đầy đủ is short of full marks, so rated Fair',
    );
    const bad = scoreScorecard(hd42Framework, [{ criterionId: 'nope', points: 1 }], fx);
    expect(bad.problems[0]).toMatchObject({
      code: 'scoring.scorecard.unknown_criterion',
      params: { id: 'nope' },
    });
  });

  it('names a framework file’s problems by path and code', () => {
    const r = parseScoringFramework({ ...tiny(), total: 95 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.path).toBe('total');
    expect(r.problems[0]!.message).toMatchObject({
      code: 'scoring.framework.at_path',
      params: { path: 'total', problem: { code: 'scoring.framework.total_mismatch' } },
    });
  });

  it('names a nested criterion’s problem by its own path, and its field path under the request body', () => {
    const f = structuredClone(hd42Framework) as unknown as { groups: { criteria: { max: unknown }[] }[] };
    f.groups[1]!.criteria[0]!.max = 'năm';
    const r = parseScoringFramework(f);
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map((p) => [p.path, p.at])).toEqual([
      ['groups[1].criteria[0].max', ['groups', 1, 'criteria', 0, 'max']],
    ]);
    expect(frameworkFieldPath('definition', r.problems[0]!)).toBe('definition.groups.1.criteria.0.max');
    const root = parseScoringFramework(42);
    if (root.ok) throw new Error('expected problems');
    expect(root.problems.map((p) => [p.path, frameworkFieldPath('definition', p)])).toEqual([
      ['(body)', 'definition'],
    ]);
  });
});
