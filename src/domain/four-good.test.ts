import { describe, expect, it } from 'vitest';
import { render } from '../messages/index.ts';
import { inVi } from './testing-messages.ts';
import type { EvaluationLevel } from './evaluation-rules.ts';
import {
  builtInFourGoodRules,
  defaultFourGoodRules,
  fourGood,
  type FourGoodCriterion,
  type FourGoodFacts,
  type FourGoodRules,
  fourGoodShare,
  fourGoodTarget,
  type MonthlyRating,
} from './four-good.ts';
import { documentLabel } from './meeting-rules.ts';

function months(good: number, fair: number, average = 0, poor = 0): MonthlyRating[] {
  return [
    ...Array<MonthlyRating>(good).fill('good'),
    ...Array<MonthlyRating>(fair).fill('fair'),
    ...Array<MonthlyRating>(average).fill('average'),
    ...Array<MonthlyRating>(poor).fill('poor'),
  ];
}

function levels(good: number, completed: number, excellent = 0): EvaluationLevel[] {
  return [
    ...Array<EvaluationLevel>(excellent).fill('excellent'),
    ...Array<EvaluationLevel>(good).fill('good'),
    ...Array<EvaluationLevel>(completed).fill('completed'),
  ];
}

/** A cell that meets all four criteria. */
function facts(over: Partial<FourGoodFacts> = {}): FourGoodFacts {
  return {
    orgKind: 'cell',
    annualLevel: 'good',
    monthlyRatings: months(8, 4),
    missingMonths: 0,
    quartersWithoutThematic: 0,
    disciplinedMembers: 0,
    disciplineOfOrganisation: false,
    memberLevels: levels(8, 0, 2),
    ...over,
  };
}

function criterion(over: Partial<FourGoodFacts>, c: FourGoodCriterion) {
  return fourGood(facts(over)).criteria[c];
}

describe('four-good: rules', () => {
  it('holds the thresholds with their sources', () => {
    const r = defaultFourGoodRules();
    expect(builtInFourGoodRules).toContain(r);
    expect(inVi(r.sources.map(documentLabel))).toEqual(['Nghị quyết 21-NQ/TW', 'Hướng dẫn 01-HD/BTCTU']);
    expect(r.politicalTask.minLevel).toBe('good');
    expect(r.meetingQuality).toMatchObject({
      minMonthlyRating: 'fair',
      minGoodShare: 0.5,
      maxMissingMonths: 0,
    });
    expect(r.cadresMembers).toEqual({ minLevel: 'good', minShare: 0.9 });
    expect(r.target).toBe(fourGoodTarget);
    expect(fourGoodTarget).toBe(0.9);
  });
});

describe('four-good: derivation', () => {
  it('meets all four from the facts', () => {
    const r = fourGood(facts());
    expect(r.met).toBe(true);
    for (const c of Object.values(r.criteria)) expect(c).toMatchObject({ met: true, derived: true });
    expect(inVi(r.criteria.meeting_quality.evidence)).toMatch(/^8\/12 tháng xếp loại Tốt/);
    expect(inVi(r.criteria.cadres_members.evidence)).toBe(
      '10/10 đảng viên Hoàn thành tốt nhiệm vụ trở lên (100%, cần ít nhất 90%)',
    );
  });

  it.each<[EvaluationLevel | null, boolean | null]>([
    ['excellent', true],
    ['good', true],
    ['completed', false],
    ['not_completed', false],
    [null, null],
  ])('political task: annual level %s → %s', (annualLevel, met) => {
    const c = criterion({ annualLevel }, 'political_task');
    expect(c.met).toBe(met);
    expect(c.derived).toBe(met !== null);
  });

  it.each<[string, Partial<FourGoodFacts>, boolean | null, RegExp]>([
    ['half the months good', { monthlyRatings: months(6, 6) }, true, /6\/12 tháng/],
    ['just under half good', { monthlyRatings: months(5, 7) }, false, /5\/12 tháng Tốt \(cần ít nhất 50%\)/],
    ['one average month', { monthlyRatings: months(11, 0, 1) }, false, /1 tháng xếp loại dưới Khá/],
    ['one poor month', { monthlyRatings: months(11, 0, 0, 1) }, false, /dưới Khá/],
    [
      'a month missing',
      { monthlyRatings: months(11, 0), missingMonths: 1 },
      false,
      /1 tháng không sinh hoạt/,
    ],
    ['a quarter without thematic', { quartersWithoutThematic: 1 }, false, /1 quý không sinh hoạt chuyên đề/],
    ['no ratings, regime kept', { monthlyRatings: [] }, null, /Chưa có dữ liệu/],
    ['no ratings, months missing', { monthlyRatings: [], missingMonths: 12 }, false, /12 tháng không/],
  ])('meeting quality: %s → %s', (_name, over, met, evidence) => {
    const c = criterion(over, 'meeting_quality');
    expect(c.met).toBe(met);
    expect(inVi(c.evidence)).toMatch(evidence);
  });

  it('does not derive meeting quality for a grassroots organisation', () => {
    const c = criterion({ orgKind: 'grassroots' }, 'meeting_quality');
    expect(inVi(c)).toEqual({
      met: null,
      derived: false,
      evidence: 'Chưa có dữ liệu; cần nhập kèm minh chứng',
    });
    expect(fourGood(facts({ orgKind: 'grassroots' })).met).toBe(false);
    const entered = fourGood(
      facts({
        orgKind: 'grassroots',
        entered: {
          meeting_quality: {
            met: true,
            evidence: 'Biên bản 2 kỳ sinh hoạt đảng bộ, tài liệu gửi trước 3 ngày',
          },
        },
      }),
    );
    expect(inVi(entered.criteria.meeting_quality)).toEqual({
      met: true,
      derived: false,
      evidence: 'Biên bản 2 kỳ sinh hoạt đảng bộ, tài liệu gửi trước 3 ngày',
    });
    expect(entered.met).toBe(true);
  });

  it.each<[string, Partial<FourGoodFacts>, boolean]>([
    ['no discipline', {}, true],
    ['a member disciplined', { disciplinedMembers: 1 }, false],
    ['the organisation disciplined', { disciplineOfOrganisation: true }, false],
  ])('unity and discipline: %s → %s', (_name, over, met) => {
    expect(criterion(over, 'unity_discipline').met).toBe(met);
  });

  it.each<[string, EvaluationLevel[], boolean | null]>([
    ['9 of 10 good', levels(9, 1), true],
    ['8 of 10 good', levels(8, 2), false],
    ['18 of 20 (excellent counts)', levels(10, 2, 8), true],
    ['17 of 20', levels(10, 3, 7), false],
    ['nobody rated', [], null],
  ])('cadres and members: %s → %s', (_name, memberLevels, met) => {
    expect(criterion({ memberLevels }, 'cadres_members').met).toBe(met);
  });

  it('uses an entry with evidence only where the facts are missing', () => {
    const r = fourGood(
      facts({
        annualLevel: null,
        memberLevels: [],
        entered: {
          political_task: { met: true, evidence: 'Báo cáo tổng kết năm của chi bộ' },
          cadres_members: { met: true, evidence: '   ' },
        },
      }),
    );
    expect(inVi(r.criteria.political_task)).toEqual({
      met: true,
      derived: false,
      evidence: 'Báo cáo tổng kết năm của chi bộ',
    });
    expect(inVi(r.criteria.cadres_members)).toEqual({
      met: null,
      derived: false,
      evidence: 'Đã nhập nhưng thiếu minh chứng: chưa tính',
    });
    expect(r.met).toBe(false);
  });

  it('never lets an entry lift a criterion the facts fail, but lets it record a failing', () => {
    const lifted = fourGood(
      facts({
        annualLevel: 'completed',
        entered: { political_task: { met: true, evidence: 'Ý kiến chi ủy' } },
      }),
    );
    expect(lifted.criteria.political_task).toMatchObject({ met: false, derived: true });
    expect(lifted.met).toBe(false);
    const failed = fourGood(
      facts({
        entered: { unity_discipline: { met: false, evidence: 'Kết luận kiểm tra: nội bộ mất đoàn kết' } },
      }),
    );
    expect(inVi(failed.criteria.unity_discipline)).toEqual({
      met: false,
      derived: false,
      evidence:
        'Kết luận kiểm tra: nội bộ mất đoàn kết (Không có đảng viên bị kỷ luật; tổ chức không bị kỷ luật trong năm)',
    });
    expect(failed.met).toBe(false);
  });

  it('takes other rules as data', () => {
    const strict: FourGoodRules = {
      ...defaultFourGoodRules(),
      meetingQuality: { ...defaultFourGoodRules().meetingQuality, minMonthlyRating: 'good', minGoodShare: 1 },
    };
    expect(fourGood(facts(), strict).criteria.meeting_quality.met).toBe(false);
    expect(fourGood(facts({ monthlyRatings: months(12, 0) }), strict).criteria.meeting_quality.met).toBe(
      true,
    );
  });

  it('rejects negative or fractional counts', () => {
    expect(() => fourGood(facts({ missingMonths: -1 }))).toThrow(/số nguyên không âm/);
    expect(() => fourGood(facts({ disciplinedMembers: 0.5 }))).toThrow(/số nguyên không âm/);
  });
});

describe('four-good: share against the 90% target', () => {
  function results(met: number, notMet: number) {
    return [...Array(met).fill({ met: true }), ...Array(notMet).fill({ met: false })] as { met: boolean }[];
  }

  it.each<[number, number, number | null, boolean]>([
    [9, 1, 0.9, true],
    [8, 2, 0.8, false],
    [89, 11, 0.89, false],
    [90, 10, 0.9, true],
    [27, 3, 0.9, true],
    [26, 3, 26 / 29, false],
    [5, 0, 1, true],
    [0, 0, null, false],
  ])('%i met, %i not met → share %s, target met %s', (met, notMet, share, targetMet) => {
    const s = fourGoodShare(results(met, notMet));
    expect(s.met).toBe(met);
    expect(s.total).toBe(met + notMet);
    expect(s.share).toBe(share);
    expect(s.targetMet).toBe(targetMet);
  });

  it('takes another target', () => {
    expect(fourGoodShare(results(8, 2), 0.8).targetMet).toBe(true);
  });
});

describe('four good: evidence by code', () => {
  it('gives derived evidence as messages and entered evidence as written', () => {
    const c = criterion({ disciplinedMembers: 2 }, 'unity_discipline');
    expect(c.evidence).toEqual({ code: 'four_good.members_disciplined', params: { count: 2 } });
    expect(render('en', c.evidence)).toBe('2 members disciplined this year');
    const entered = criterion(
      { orgKind: 'grassroots', entered: { meeting_quality: { met: true, evidence: ' Biên bản số 5 ' } } },
      'meeting_quality',
    );
    expect(entered.evidence).toEqual({ code: 'text.verbatim', params: { text: 'Biên bản số 5' } });
  });
});
