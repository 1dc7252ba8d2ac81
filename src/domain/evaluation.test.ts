import { describe, expect, it } from 'vitest';
import { render } from '../messages/index.ts';
import { inVi } from './testing-messages.ts';
import {
  type EvaluationFacts,
  evaluationFactsProblem,
  highestAllowedLevel,
  levelConditions,
  levelProblem,
  quotaCheck,
  quotaDecisionProblem,
} from './evaluation.ts';
import {
  builtInEvaluationRules,
  evaluationRulesFor,
  evaluationRulesInForce,
  type EvaluationRules,
  type EvaluationLevel,
  evaluationLevelLabel,
  evaluationLevelShort,
} from './evaluation-rules.ts';
import { evaluationActionProblem } from './evaluation-workflow.ts';
import { documentLabel } from './meeting-rules.ts';

const qd366 = evaluationRulesFor(2025);
const qd124 = evaluationRulesFor(2024);

/** 10 tasks, all on time, 3 beyond the requirement. */
function facts(over: Partial<EvaluationFacts> = {}): EvaluationFacts {
  return {
    points: 95,
    tasksTotal: 10,
    tasksOnTime: 10,
    tasksLate: 0,
    tasksExceeding: 3,
    tasksNotDone: 0,
    disqualifiers: [],
    ...over,
  };
}

function repeat(level: EvaluationLevel, n: number): EvaluationLevel[] {
  return Array.from({ length: n }, () => level);
}

describe('evaluation: data', () => {
  it('labels the four levels', () => {
    expect(inVi(evaluationLevelLabel)).toEqual({
      excellent: 'Hoàn thành xuất sắc nhiệm vụ',
      good: 'Hoàn thành tốt nhiệm vụ',
      completed: 'Hoàn thành nhiệm vụ',
      not_completed: 'Không hoàn thành nhiệm vụ',
    });
    expect(Object.values(evaluationLevelShort)).toEqual(['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV']);
  });

  it('has unique ids, contiguous periods and sources that include the main document', () => {
    expect(new Set(builtInEvaluationRules.map((r) => r.id)).size).toBe(builtInEvaluationRules.length);
    for (const r of builtInEvaluationRules) {
      expect(r.sources).toContain(r.document);
      expect(r.quota.excellentMaxShareOfGood).toBe(0.2);
      expect(r.quota.base).toBe('good_and_excellent');
    }
    expect(builtInEvaluationRules.map((r) => [r.effectiveFrom, r.effectiveTo ?? null])).toEqual([
      ['2018-03-08', '2023-10-03'],
      ['2023-10-04', '2025-08-29'],
      ['2025-08-30', null],
    ]);
  });

  it('holds the QĐ366 100-point conditions', () => {
    expect(inVi(documentLabel(qd366.document))).toBe('Quy định 366-QĐ/TW');
    expect(qd366.scale).toBe('points_100');
    expect(qd366.levels.excellent).toEqual({ minPoints: 90, allOnTime: true, minExceedingShare: 0.3 });
    expect(qd366.levels.good).toEqual({ minPoints: 70, allOnTime: true });
    expect(qd366.levels.completed).toEqual({ minPoints: 50, allDone: true, maxLateShare: 0.2 });
    expect(inVi(qd366.sources.map(documentLabel))).toEqual(['Quy định 366-QĐ/TW', 'Hướng dẫn 43-HD/BTCTW']);
    expect(inVi(qd366.subjectForms.member_outside_system)).toMatch(/không làm việc trong hệ thống chính trị/);
  });

  it.each([
    [2018, 'qd132-2018'],
    [2022, 'qd132-2018'],
    [2023, 'qd124-2023'],
    [2024, 'qd124-2023'],
    [2025, 'qd366-2025'],
    [2030, 'qd366-2025'],
  ])('the review of %i follows %s', (year, id) => {
    expect(evaluationRulesFor(year).id).toBe(id);
  });

  it.each([
    ['2023-10-03', 'qd132-2018'],
    ['2023-10-04', 'qd124-2023'],
    ['2025-08-29', 'qd124-2023'],
    ['2025-08-30', 'qd366-2025'],
  ])('on %s the rules in force are %s', (date, id) => {
    expect(evaluationRulesInForce(date).id).toBe(id);
  });

  it('has no rules before QĐ132', () => {
    expect(() => evaluationRulesFor(2017)).toThrow(/2017-12-31/);
    expect(() => evaluationRulesFor(2024.5)).toThrow(/không hợp lệ/);
  });
});

describe('evaluation: highestAllowedLevel under QĐ366', () => {
  it.each<[string, Partial<EvaluationFacts>, EvaluationLevel]>([
    // points boundaries, every task on time, 30% beyond the requirement
    ['100 points', { points: 100 }, 'excellent'],
    ['90 points', { points: 90 }, 'excellent'],
    ['89 points', { points: 89 }, 'good'],
    ['70 points', { points: 70 }, 'good'],
    ['69 points', { points: 69 }, 'completed'],
    ['50 points', { points: 50 }, 'completed'],
    ['49 points', { points: 49 }, 'not_completed'],
    ['0 points', { points: 0 }, 'not_completed'],
    ['89.5 points', { points: 89.5 }, 'good'],
    ['no points', { points: null }, 'not_completed'],
    // exceeding share: 30% is enough, 29% is not
    ['30/100 beyond', { tasksTotal: 100, tasksOnTime: 100, tasksExceeding: 30 }, 'excellent'],
    ['29/100 beyond', { tasksTotal: 100, tasksOnTime: 100, tasksExceeding: 29 }, 'good'],
    ['3/10 beyond', { tasksExceeding: 3 }, 'excellent'],
    ['2/10 beyond', { tasksExceeding: 2 }, 'good'],
    ['no task assigned', { tasksTotal: 0, tasksOnTime: 0, tasksExceeding: 0 }, 'good'],
    // 90 points but one task late: good also needs 100% on time, so completed (1/10 late ≤ 20%)
    ['90 points, 1/10 late', { points: 90, tasksOnTime: 9, tasksLate: 1 }, 'completed'],
    // late share for completed: 20% is allowed, 21% is not
    [
      '20/100 late',
      { points: 60, tasksTotal: 100, tasksOnTime: 80, tasksLate: 20, tasksExceeding: 0 },
      'completed',
    ],
    [
      '21/100 late',
      { points: 60, tasksTotal: 100, tasksOnTime: 79, tasksLate: 21, tasksExceeding: 0 },
      'not_completed',
    ],
    ['2/10 late', { points: 95, tasksOnTime: 8, tasksLate: 2, tasksExceeding: 3 }, 'completed'],
    ['one task not done', { points: 95, tasksOnTime: 9, tasksNotDone: 1 }, 'not_completed'],
    // disqualifiers and blockers
    ['disciplined', { points: 98, disqualifiers: ['Bị kỷ luật trong năm'] }, 'not_completed'],
    ['shortcomings not remedied', { excellentBlockers: ['Chưa khắc phục hết hạn chế'] }, 'good'],
  ])('%s → %s', (_name, over, level) => {
    expect(highestAllowedLevel(qd366, facts(over)).level).toBe(level);
  });

  it('says why each higher level is not allowed', () => {
    const r = highestAllowedLevel(
      qd366,
      facts({ points: 92, tasksTotal: 100, tasksOnTime: 100, tasksExceeding: 29 }),
    );
    expect(r.level).toBe('good');
    expect(inVi(r.reasons)).toEqual([
      'Chưa đủ điều kiện Hoàn thành xuất sắc nhiệm vụ: 29% nhiệm vụ vượt yêu cầu ' +
        '(cần ≥ 90 điểm, 100% nhiệm vụ đúng hạn và ít nhất 30% vượt yêu cầu, Quy định 366-QĐ/TW)',
    ]);
    const late = highestAllowedLevel(qd366, facts({ points: 90, tasksOnTime: 9, tasksLate: 1 }));
    expect(late.reasons).toHaveLength(2);
    expect(inVi(late.reasons[1])).toMatch(/^Chưa đủ điều kiện Hoàn thành tốt nhiệm vụ: 1\/10 nhiệm vụ chậm/);
    const dq = highestAllowedLevel(qd366, facts({ disqualifiers: ['Bị kỷ luật trong năm'] }));
    expect(dq.reasons).toHaveLength(3);
    expect(inVi(dq.reasons[2])).toMatch(/^Chưa đủ điều kiện Hoàn thành nhiệm vụ: Bị kỷ luật trong năm/);
    expect(highestAllowedLevel(qd366, facts()).reasons).toEqual([]);
  });

  it.each<[string, Partial<EvaluationFacts>, RegExp]>([
    ['points above 100', { points: 101 }, /từ 0 đến 100/],
    ['negative points', { points: -1 }, /từ 0 đến 100/],
    ['counts that do not add up', { tasksOnTime: 9 }, /phải cộng lại bằng tổng số nhiệm vụ \(10\)/],
    ['a fractional count', { tasksTotal: 10.5 }, /số nguyên không âm/],
    [
      'more exceeding than done',
      { tasksOnTime: 2, tasksNotDone: 8, tasksExceeding: 3 },
      /vượt yêu cầu \(3\)/,
    ],
  ])('rejects %s', (_name, over, message) => {
    expect(inVi(evaluationFactsProblem(facts(over)))).toMatch(message);
    expect(() => highestAllowedLevel(qd366, facts(over))).toThrow(message);
    expect(inVi(levelProblem(qd366, facts(over), 'completed'))).toMatch(message);
  });
});

describe('evaluation: criteria scale (QĐ132, QĐ124)', () => {
  it('limits the level by the disqualifiers and blockers only', () => {
    for (const r of [evaluationRulesFor(2020), qd124]) {
      expect(r.scale).toBe('criteria');
      expect(highestAllowedLevel(r, facts({ points: null, tasksOnTime: 8, tasksLate: 2 })).level).toBe(
        'excellent',
      );
      expect(highestAllowedLevel(r, facts({ excellentBlockers: ['x'] })).level).toBe('good');
      expect(highestAllowedLevel(r, facts({ disqualifiers: ['Bị kỷ luật trong năm'] })).level).toBe(
        'not_completed',
      );
    }
    expect(inVi(levelConditions(qd124, 'excellent'))).toBe(
      'đạt các tiêu chí định tính của cấp có thẩm quyền',
    );
  });
});

describe('evaluation: levelProblem', () => {
  it('names the condition the proposal misses', () => {
    expect(
      inVi(
        levelProblem(qd366, facts({ tasksTotal: 100, tasksOnTime: 100, tasksExceeding: 29 }), 'excellent'),
      ),
    ).toBe(
      'Xếp Hoàn thành xuất sắc nhiệm vụ cần ≥ 90 điểm, 100% nhiệm vụ đúng hạn và ít nhất 30% vượt yêu cầu ' +
        '(Quy định 366-QĐ/TW); chưa đạt: 29% nhiệm vụ vượt yêu cầu',
    );
    expect(inVi(levelProblem(qd366, facts({ points: 69 }), 'good'))).toBe(
      'Xếp Hoàn thành tốt nhiệm vụ cần ≥ 70 điểm và 100% nhiệm vụ đúng hạn (Quy định 366-QĐ/TW); chưa đạt: đạt 69 điểm',
    );
    expect(
      inVi(
        levelProblem(
          qd366,
          facts({ points: 60, tasksTotal: 100, tasksOnTime: 79, tasksLate: 21, tasksExceeding: 0 }),
          'completed',
        ),
      ),
    ).toBe(
      'Xếp Hoàn thành nhiệm vụ cần ≥ 50 điểm, 100% nhiệm vụ hoàn thành và không quá 20% chậm tiến độ ' +
        '(Quy định 366-QĐ/TW); chưa đạt: 21% nhiệm vụ chậm tiến độ',
    );
    expect(inVi(levelProblem(qd366, facts({ points: null }), 'completed'))).toMatch(
      /chưa đạt: chưa có tổng điểm$/,
    );
  });

  it.each<[number, EvaluationLevel, boolean]>([
    [95, 'excellent', true],
    [95, 'good', true],
    [95, 'completed', true],
    [95, 'not_completed', true],
    [75, 'excellent', false],
    [75, 'good', true],
    [55, 'good', false],
    [45, 'completed', false],
    [45, 'not_completed', true],
  ])('%i points, proposing %s: allowed %s', (points, proposed, allowed) => {
    expect(levelProblem(qd366, facts({ points }), proposed) === null).toBe(allowed);
  });
});

describe('evaluation: quotaCheck (base: good and excellent together)', () => {
  it.each<[number, number, number, boolean]>([
    // good, excellent → allowed excellent, exceeded
    [8, 2, 2, false], // base 10 → 2: at the cap
    [7, 3, 2, true], // base 10 → 2: one over
    [10, 2, 2, false], // base 12 → 2
    [10, 3, 2, true], // base 13 → 2
    [12, 3, 3, false], // base 15 → 3 (with a base of good only it would be 2)
    [11, 4, 3, true], // base 15 → 3
    [4, 0, 0, false],
    [4, 1, 1, false], // base 5 → 1
    [3, 1, 0, true], // base 4 → 0.8 → 0
  ])('%i good, %i excellent → %i allowed', (good, excellent, allowed, exceeded) => {
    const ratings = [...repeat('good', good), ...repeat('excellent', excellent), ...repeat('completed', 3)];
    const q = quotaCheck(ratings, qd366);
    expect(q.good).toBe(good);
    expect(q.excellent).toBe(excellent);
    expect(q.base).toBe(good + excellent);
    expect(q.allowedExcellent).toBe(allowed);
    expect(q.exceeded).toBe(exceeded);
  });

  it('explains an exceeded quota and needs a recorded decision', () => {
    const q = quotaCheck([...repeat('good', 10), ...repeat('excellent', 3)], qd124);
    expect(q.exceeded).toBe(true);
    expect(inVi(q.message)).toBe(
      'Số xếp loại Hoàn thành xuất sắc nhiệm vụ (3) vượt quá 20% số Hoàn thành tốt nhiệm vụ trở lên (13, tối đa 2) ' +
        'trong tổ chức cơ sở đảng (Quy định 124-QĐ/TW); vượt tỷ lệ phải có quyết định của cấp có thẩm quyền ghi rõ lý do',
    );
    expect(quotaDecisionProblem(q, null)).toBe(q.message);
    expect(quotaDecisionProblem(q, '   ')).toBe(q.message);
    expect(quotaDecisionProblem(q, 'Quyết định 12-QĐ/ĐU ngày 20/12/2025')).toBeNull();
    const ok = quotaCheck([...repeat('good', 10), ...repeat('excellent', 2)], qd124);
    expect(ok.message).toBeNull();
    expect(quotaDecisionProblem(ok, null)).toBeNull();
  });

  it('takes an override of the share', () => {
    const ratings = [...repeat('good', 8), ...repeat('excellent', 2)];
    expect(quotaCheck(ratings, qd366, 0.1).allowedExcellent).toBe(1);
    expect(quotaCheck(ratings, qd366, 0.1).exceeded).toBe(true);
    expect(quotaCheck(ratings, qd366, 0.3).allowedExcellent).toBe(3);
    expect(() => quotaCheck(ratings, qd366, 1.5)).toThrow(/từ 0 đến 1/);
    expect(() => quotaCheck(ratings, qd366, Number.NaN)).toThrow(/từ 0 đến 1/);
  });

  it('counts only those left at good when the rule says so', () => {
    const goodOnly: EvaluationRules = { ...qd366, quota: { ...qd366.quota, base: 'good_only' } };
    const ratings = [...repeat('good', 12), ...repeat('excellent', 3)];
    expect(quotaCheck(ratings, goodOnly)).toMatchObject({ base: 12, allowedExcellent: 2, exceeded: true });
    expect(inVi(quotaCheck(ratings, goodOnly).message)).toMatch(
      /số Hoàn thành tốt nhiệm vụ \(12, tối đa 2\)/,
    );
    expect(quotaCheck([...repeat('good', 10), ...repeat('excellent', 2)], goodOnly).exceeded).toBe(false);
  });

  it('has nothing to cap without good or excellent ratings', () => {
    expect(quotaCheck([], qd366)).toEqual({
      excellent: 0,
      good: 0,
      base: 0,
      allowedExcellent: 0,
      exceeded: false,
      message: null,
    });
  });
});

describe('evaluation: problems and reasons by code', () => {
  it('names the level, the conditions and the document as messages', () => {
    const p = levelProblem(qd366, facts({ tasksExceeding: 1 }), 'excellent')!;
    expect(p).toMatchObject({
      code: 'evaluation.level_problem',
      params: { level: { code: 'evaluation.level.excellent' } },
    });
    expect(render('en', p)).toMatch(
      /^Completed tasks excellently needs ≥ 90 points, 100% of tasks on time and at least 30% beyond the requirement \(Regulation 366-QĐ\/TW\); not met: /,
    );
    expect(evaluationActionProblem('announced', 'announce')).toEqual({
      code: 'evaluation.step.already_announced',
    });
    expect(evaluationActionProblem(null, 'propose')).toMatchObject({ code: 'evaluation.step.needs_earlier' });
    expect(evaluationActionProblem(null, 'self_assess')).toBeNull();
  });
});
