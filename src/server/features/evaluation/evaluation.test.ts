// Service tests of the annual evaluation over HTTP: the three steps for a member and for the cell, a level the
// facts do not allow, the quota of excellent in a grassroots organisation (refused, then decided with a recorded
// reason and audited), wrong steps, outsiders; "bốn tốt" derived from facts and from an entered criterion, kept in
// its summary by the writes (equal to a recomputation from scratch), a page at a time with the subtree's totals.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVi } from '../../../messages/index.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  type MemberRef,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import { checkFourGood, monthsDueOn, refreshFourGood } from './four-good-summary.ts';

const year = Number(todayIso().slice(0, 4));

let db: Database;
let client: ReturnType<typeof makeClient>;
type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

let commune: OrgRef;
let cell: OrgRef;
let otherCell: OrgRef;
let member: MemberRef;
let sec: Req;
let mem: Req;
let communeSec: Req;
let outsider: Req;
let outsiderMember: MemberRef;

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

const ok = async (res: Response | Promise<Response>) => {
  const r = await json(res);
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

async function signInAs(m: MemberRef) {
  return client.signIn((await makeAccount(db, m)).identifier);
}

/** A task given to the member this year and done on time. */
async function doneTask(org: OrgRef, m: MemberRef) {
  await db.query(
    `INSERT INTO task (province_id, organization_id, title, deadline, assignee_member_id, status, completed_on)
     VALUES ($1,$2,'Vận động hộ gia đình làm đường',$3,$4,'done',$5)`,
    [org.provinceId, org.id, `${year}-01-20`, m.id, `${year}-01-15`],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  const p = await makeProvince(db);
  commune = p.commune;
  cell = p.cellA;
  otherCell = p.cellB;
  const secretary = await makeMember(db, cell, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, cell, secretary, 'secretary');
  member = await makeMember(db, cell, { fullName: 'Trần Văn Đức' });
  await makeMember(db, cell, { fullName: 'Lê Văn Bình' });
  const communeSecretary = await makeMember(db, commune, { fullName: 'Phạm Văn Xã' });
  await makePosition(db, commune, communeSecretary, 'secretary');
  outsiderMember = await makeMember(db, otherCell, { fullName: 'Hoàng Văn Ngoài' });
  sec = await signInAs(secretary);
  mem = await signInAs(member);
  communeSec = await signInAs(communeSecretary);
  outsider = await signInAs(outsiderMember);
  await doneTask(cell, member);
});
afterAll(async () => db.close());

const list = (req: Req, org: OrgRef = cell) =>
  ok(req(`/api/organizations/${org.id}/evaluations?year=${year}`));
const itemOf = (body: any, memberId: string) => body.items.find((i: any) => i.member?.id === memberId);

describe('the annual evaluation of a member', () => {
  let id: string;

  it('the secretary starts the year: the cell and each official member get an evaluation', async () => {
    const started = await ok(sec(`/api/organizations/${cell.id}/evaluations`, { json: { year } }));
    expect(started.created).toBe(4);
    const again = await ok(sec(`/api/organizations/${cell.id}/evaluations`, { json: { year } }));
    expect(again.created).toBe(0);
    const body = await list(sec);
    expect(body.rules.id).toBe('qd366-2025');
    expect(body.holder.id).toBe(commune.id);
    expect(body.actions).toEqual(['start']);
    expect(body.items).toHaveLength(4);
    const secretaryItem = body.items.find((i: any) => i.member?.fullName === 'Nguyễn Thị Hường');
    expect(secretaryItem.form).toBe('leader');
    const mine = itemOf(body, member.id);
    id = mine.id;
    expect(mine).toMatchObject({ step: null, form: 'member', actions: [] });
    // Evidence attached from the facts: the task done on time.
    expect(mine.evidence.tasks).toMatchObject({ total: 1, onTime: 1, late: 0, notDone: 0 });
    expect(mine.evidence.attendance).toMatchObject({ held: 0 });
    const cellItem = body.items.find((i: any) => i.subjectKind === 'organization');
    expect(cellItem).toMatchObject({ form: 'collective', actions: ['self_assess'] });
    expect(cellItem.formTitle).toContain('tập thể');
  });

  it('a member sees only their own evaluation and may self-assess it', async () => {
    const body = await list(mem);
    expect(body.actions).toEqual([]);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id, actions: ['self_assess'] });
  });

  it('refuses a step out of order with the domain’s message (422)', async () => {
    const early = await json(sec(`/api/evaluations/${id}/proposal`, { json: { level: 'good' } }));
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('Tự kiểm điểm');
  });

  it('refuses a self level the facts do not allow, naming the condition (400)', async () => {
    const bad = await json(
      mem(`/api/evaluations/${id}/self-assessment`, {
        json: { points: 95, level: 'excellent', text: 'Tự đánh giá', tasksExceeding: 0 },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('level');
    expect(bad.body.error.message).toContain('Quy định 366-QĐ/TW');
    expect(bad.body.error.message).toContain('vượt yêu cầu');
    const noPoints = await json(
      mem(`/api/evaluations/${id}/self-assessment`, { json: { level: 'good', text: 'Tự đánh giá' } }),
    );
    expect(noPoints.status).toBe(400);
    expect(noPoints.body.error.issues[0].path).toBe('points');
    const lowPoints = await json(
      mem(`/api/evaluations/${id}/self-assessment`, { json: { points: 65, level: 'good', text: 'x' } }),
    );
    expect(lowPoints.status).toBe(400);
    expect(lowPoints.body.error.message).toContain('đạt 65 điểm');
  });

  it('outsiders get 404 for the list and the evaluation', async () => {
    expect((await json(outsider(`/api/organizations/${cell.id}/evaluations?year=${year}`))).status).toBe(404);
    const res = await json(
      outsider(`/api/evaluations/${id}/self-assessment`, { json: { points: 80, level: 'good', text: 'x' } }),
    );
    expect(res.status).toBe(404);
  });

  it('goes through self-assessment, proposal, decision and announcement', async () => {
    const self = await ok(
      mem(`/api/evaluations/${id}/self-assessment`, {
        json: { points: 82, level: 'good', text: 'Hoàn thành tốt nhiệm vụ được giao' },
      }),
    );
    expect(self.step).toBe('self_assessment');
    // The secretary may not self-assess for the member.
    const notMine = await json(
      sec(`/api/evaluations/${id}/self-assessment`, { json: { points: 82, level: 'good', text: 'x' } }),
    );
    expect(notMine.status).toBe(403);
    // The cell may not decide.
    const cellDecides = await json(sec(`/api/evaluations/${id}/decision`, { json: { level: 'good' } }));
    expect(cellDecides.status).toBe(403);

    await ok(sec(`/api/evaluations/${id}/proposal`, { json: { level: 'good', note: 'Chi bộ thống nhất' } }));
    const before = itemOf(await list(communeSec), member.id);
    expect(before.actions).toEqual(['decide']);
    expect(before.proposal).toMatchObject({ level: 'good', note: 'Chi bộ thống nhất' });

    // Deciding a level above what the facts allow is refused like the self-assessment.
    const tooHigh = await json(
      communeSec(`/api/evaluations/${id}/decision`, { json: { level: 'excellent' } }),
    );
    expect(tooHigh.status).toBe(400);

    await ok(
      communeSec(`/api/evaluations/${id}/decision`, { json: { level: 'good', document: '15-QĐ/ĐU' } }),
    );
    // Not yet announced: the member does not see the decision.
    const hidden = (await list(mem)).items[0];
    expect(hidden.decision).toBeNull();
    expect(hidden.step).toBe('proposal');

    const twice = await json(communeSec(`/api/evaluations/${id}/decision`, { json: { level: 'good' } }));
    expect(twice.status).toBe(422);

    await ok(communeSec(`/api/evaluations/${id}/announce`, { method: 'POST' }));
    const shown = (await list(mem)).items[0];
    expect(shown).toMatchObject({ step: 'announced', decision: { level: 'good', document: '15-QĐ/ĐU' } });
    const after = await json(communeSec(`/api/evaluations/${id}/announce`, { method: 'POST' }));
    expect(after.status).toBe(422);
    expect(after.body.error.message).toContain('xếp loại lại');

    const [snap] = await db.query<{ evidence: any }>('SELECT evidence FROM evaluation WHERE id = $1', [id]);
    expect(Object.keys(snap!.evidence).sort()).toEqual([
      'announced',
      'decision',
      'proposal',
      'self_assessment',
    ]);
    expect(snap!.evidence.self_assessment.tasks.onTime).toBe(1);
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'evaluation' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'evaluation.selfAssess',
      'evaluation.propose',
      'evaluation.decide',
      'evaluation.announce',
    ]);
  });

  it('the cell self-assesses as a collective; the commune proposes and decides', async () => {
    const cellItem = (await list(sec)).items.find((i: any) => i.subjectKind === 'organization');
    await ok(
      sec(`/api/evaluations/${cellItem.id}/self-assessment`, {
        json: { points: 85, level: 'good', text: 'Báo cáo kiểm điểm của chi bộ' },
      }),
    );
    const own = await json(sec(`/api/evaluations/${cellItem.id}/proposal`, { json: { level: 'good' } }));
    expect(own.status).toBe(403);
    const fromCommune = await list(communeSec, commune);
    expect(fromCommune.items.map((i: any) => i.organization.id)).toContain(cell.id);
    await ok(communeSec(`/api/evaluations/${cellItem.id}/proposal`, { json: { level: 'good' } }));
    await ok(communeSec(`/api/evaluations/${cellItem.id}/decision`, { json: { level: 'good' } }));
    const decided = (await list(sec)).items.find((i: any) => i.subjectKind === 'organization');
    expect(decided.evidence.memberLevels).toMatchObject({ good: 1, undecided: 2 });
    expect(decided.evidence.meetings.monthsHeld).toBe(0);
  });
});

describe('the quota of excellent in a grassroots organisation', () => {
  it('refuses a 4th excellent among 16 rated good or better unless a reason is recorded, then audits it', async () => {
    const p = await makeProvince(db);
    const secretary = await makeMember(db, p.cellA);
    await makePosition(db, p.cellA, secretary, 'secretary');
    const candidate = await makeMember(db, p.cellA, { fullName: 'Đỗ Thị Xuất Sắc' });
    const others: MemberRef[] = [];
    for (let i = 0; i < 15; i++) others.push(await makeMember(db, i < 8 ? p.cellA : p.cellB));
    const boss = await makeMember(db, p.commune);
    await makePosition(db, p.commune, boss, 'secretary');
    await doneTask(p.cellA, candidate);
    const cellSec = await signInAs(secretary);
    const cand = await signInAs(candidate);
    const decider = await signInAs(boss);

    // 3 excellent and 12 good already decided in the commune (both cells count).
    for (const [i, m] of others.entries()) {
      await db.query(
        `INSERT INTO evaluation (province_id, year, subject_kind, member_id, organization_id, holder_id, rules_id,
           rules_version, subject_form, step, decided_level, decided_at)
         VALUES ($1,$2,'member',$3,$4,$5,'qd366-2025',1,'member','decision',$6, now())`,
        [
          p.commune.provinceId,
          year,
          m.id,
          i < 8 ? p.cellA.id : p.cellB.id,
          p.commune.id,
          i < 3 ? 'excellent' : 'good',
        ],
      );
    }
    await ok(cellSec(`/api/organizations/${p.cellA.id}/evaluations`, { json: { year } }));
    const before = await list(cellSec, p.cellA);
    expect(before.quota).toMatchObject({ excellent: 3, base: 15, allowedExcellent: 3, exceeded: false });
    const id = itemOf(before, candidate.id).id;
    await ok(
      cand(`/api/evaluations/${id}/self-assessment`, {
        json: { points: 95, level: 'excellent', text: 'Vượt chỉ tiêu', tasksExceeding: 1 },
      }),
    );
    await ok(cellSec(`/api/evaluations/${id}/proposal`, { json: { level: 'excellent' } }));

    const refused = await json(decider(`/api/evaluations/${id}/decision`, { json: { level: 'excellent' } }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('vượt quá 20%');
    expect(refused.body.error.message).toContain('tối đa 3');
    expect(refused.body.error.issues[0].path).toBe('quotaReason');
    const unchanged = await db.query<{ step: string }>('SELECT step FROM evaluation WHERE id = $1', [id]);
    expect(unchanged[0]!.step).toBe('proposal');

    await ok(
      decider(`/api/evaluations/${id}/decision`, {
        json: {
          level: 'excellent',
          document: '20-QĐ/ĐU',
          quotaReason: 'Quyết định 20-QĐ/ĐU: thành tích đột xuất được tỉnh khen thưởng',
        },
      }),
    );
    const after = await list(cellSec, p.cellA);
    expect(after.quota).toMatchObject({ excellent: 4, base: 16, allowedExcellent: 3, exceeded: true });
    expect(itemOf(after, candidate.id).decision.quotaReason).toContain('đột xuất');
    const [audit] = await db.query<{ after: any }>(
      `SELECT after FROM audit_log WHERE action = 'evaluation.decide' AND entity_id = $1`,
      [id],
    );
    expect(audit!.after).toMatchObject({ level: 'excellent', quota: { exceeded: true, excellent: 4 } });
    expect(audit!.after.quotaReason).toContain('20-QĐ/ĐU');
  });
});

describe('bốn tốt', () => {
  it('derives the criteria from the facts, takes an entered criterion, and tracks the 90% target', async () => {
    const disciplined = await json(
      communeSec(`/api/organizations/${otherCell.id}/discipline`, {
        json: {
          memberId: outsiderMember.id,
          form: 'reprimand',
          decidedOn: `${year}-03-10`,
          documentRef: '05-QĐ/ĐU',
          reason: 'Vi phạm quy định',
        },
      }),
    );
    expect(disciplined.status).toBe(200);
    const cellSecDiscipline = await json(
      sec(`/api/organizations/${cell.id}/discipline`, {
        json: { memberId: member.id, form: 'warning', decidedOn: `${year}-03-10`, reason: 'x' },
      }),
    );
    expect(cellSecDiscipline.status).toBe(403);

    await ok(
      communeSec(`/api/organizations/${commune.id}/four-good`, {
        json: {
          year,
          criterion: 'meeting_quality',
          met: true,
          evidence: 'Đảng ủy họp đủ 12 kỳ, tài liệu gửi trước 3 ngày (biên bản lưu)',
        },
      }),
    );
    const view = await ok(communeSec(`/api/organizations/${commune.id}/four-good?year=${year}`));
    expect(view.items).toHaveLength(3);
    const byId = (id: string) => view.items.find((i: any) => i.organization.id === id);
    const crit = (item: any, c: string) => item.criteria.find((x: any) => x.criterion === c);

    const a = byId(cell.id);
    expect(crit(a, 'political_task')).toMatchObject({ met: true, derived: true });
    expect(renderVi(crit(a, 'political_task').evidence)).toContain('Hoàn thành tốt nhiệm vụ');
    expect(crit(a, 'unity_discipline')).toMatchObject({ met: true, derived: true });
    // No meeting held this year: the regime is broken.
    expect(crit(a, 'meeting_quality')).toMatchObject({ met: false, derived: true });
    expect(renderVi(crit(a, 'meeting_quality').evidence)).toContain('tháng không sinh hoạt');
    expect(crit(a, 'cadres_members')).toMatchObject({ met: true, derived: true });

    const b = byId(otherCell.id);
    expect(crit(b, 'unity_discipline')).toMatchObject({ met: false, derived: true });
    expect(renderVi(crit(b, 'unity_discipline').evidence)).toContain('1 đảng viên bị kỷ luật');
    expect(crit(b, 'political_task')).toMatchObject({ met: null });

    const c = byId(commune.id);
    expect(crit(c, 'meeting_quality')).toMatchObject({ met: true, derived: false });
    expect(renderVi(crit(c, 'meeting_quality').evidence)).toContain('3 ngày');
    expect(crit(c, 'unity_discipline').met).toBe(false);

    expect(view.share).toMatchObject({ met: 0, total: 3, target: 0.9, targetMet: false });
    expect(view.actions).toEqual(['enter']);

    const midyear = await ok(
      communeSec(`/api/organizations/${commune.id}/four-good?year=${year}&period=midyear`),
    );
    expect(midyear.asOf).toBe(`${year}-06-30`);
    expect(
      crit(
        midyear.items.find((i: any) => i.organization.id === cell.id),
        'political_task',
      ).met,
    ).toBeNull();

    // The disciplined member's own evaluation can only be 'not completed'.
    await ok(communeSec(`/api/organizations/${otherCell.id}/evaluations`, { json: { year } }));
    const theirs = itemOf(await list(communeSec, otherCell), outsiderMember.id);
    expect(theirs.evidence.highestAllowed.level).toBe('not_completed');
    expect(theirs.evidence.discipline[0]).toMatchObject({ form: 'reprimand', documentRef: '05-QĐ/ĐU' });

    expect((await json(outsider(`/api/organizations/${commune.id}/four-good?year=${year}`))).status).toBe(
      404,
    );
    const cellEntry = await json(
      sec(`/api/organizations/${cell.id}/four-good`, {
        json: { year, criterion: 'unity_discipline', met: true, evidence: 'x' },
      }),
    );
    expect(cellEntry.status).toBe(403);
  });

  it('keeps the judgements current through the writes: equal to a recomputation, counted in the totals', async () => {
    // Every write above through the services (levels decided, discipline recorded, an entry) kept the summary
    // current. (The quota's test wrote its levels in SQL, beside the services, in another commune.)
    const ours = new Set([commune.id, cell.id, otherCell.id]);
    const mismatches = async () =>
      (await checkFourGood(db)).mismatches.map((m) => m.organizationId).filter((id) => ours.has(id));
    expect(await mismatches()).toEqual([]);
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(DISTINCT organization_id)::int AS n FROM four_good_result
        WHERE year = $1 AND organization_id = ANY($2::uuid[])`,
      [year, [...ours]],
    )) as [{ n: number }];
    expect(n).toBe(3);

    // The totals by criterion are those of the listed judgements.
    const view = await ok(communeSec(`/api/organizations/${commune.id}/four-good?year=${year}`));
    for (const c of view.criteria) {
      const judged = view.items.map((i: any) => i.criteria.find((x: any) => x.criterion === c.criterion).met);
      expect(c).toMatchObject({
        met: judged.filter((m: any) => m === true).length,
        notMet: judged.filter((m: any) => m === false).length,
        unknown: judged.filter((m: any) => m === null).length,
      });
    }
    expect(view.listed).toBe(3);

    // The disciplined member moves to the cell in April: the decision (March) now also counts toward the cell.
    const unity = (body: any) =>
      body.items
        .find((i: any) => i.organization.id === cell.id)
        .criteria.find((x: any) => x.criterion === 'unity_discipline').met;
    expect(unity(view)).toBe(true);
    await ok(
      communeSec(`/api/members/${outsiderMember.id}/transfers`, {
        json: { kind: 'official', toOrganizationId: cell.id, effectiveDate: `${year}-04-01` },
      }),
    );
    expect(await mismatches()).toEqual([]);
    expect(unity(await ok(communeSec(`/api/organizations/${commune.id}/four-good?year=${year}`)))).toBe(
      false,
    );

    // A meeting held outside the services is not in the summary until recomputed: the check finds it.
    await db.query(
      `INSERT INTO meeting (province_id, organization_id, kind, status, for_month, planned_date, rule_set_id,
         rule_set_version) VALUES ($1,$2,'regular','held',$3,$4,'hd12-2022',1)`,
      [cell.provinceId, cell.id, `${year}-01`, `${year}-01-03`],
    );
    expect(await mismatches()).toEqual([cell.id]);
    await refreshFourGood(db, [cell.id]);
    expect(await mismatches()).toEqual([]);
    // January's meeting now counts: the months due without one are one fewer.
    const after = await ok(communeSec(`/api/organizations/${commune.id}/four-good?year=${year}`));
    const quality = (body: any) =>
      renderVi(
        body.items
          .find((i: any) => i.organization.id === cell.id)
          .criteria.find((x: any) => x.criterion === 'meeting_quality').evidence,
      );
    const missing = (text: string) => Number(/(\d+) tháng không sinh hoạt/.exec(text)?.[1] ?? 0);
    expect(missing(quality(after))).toBe(missing(quality(view)) - 1);
  });

  it('lists a page at a time by name, filters by result, and counts months due by the day', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page: any = await ok(
        communeSec(`/api/organizations/${commune.id}/four-good?year=${year}&limit=1${q}`),
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      expect(page.listed).toBe(3);
      seen.push(...page.items.map((i: any) => i.organization.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(seen).size).toBe(3);

    const notMet = await ok(
      communeSec(`/api/organizations/${commune.id}/four-good?year=${year}&result=not_met`),
    );
    expect(notMet.items.every((i: any) => !i.met)).toBe(true);
    expect(notMet.listed).toBe(notMet.share.total - notMet.share.met);
    const met = await ok(communeSec(`/api/organizations/${commune.id}/four-good?year=${year}&result=met`));
    expect(met.items).toEqual([]);

    // A month is due from its last day; the 6-month review counts at most six.
    expect(monthsDueOn(2025, 'year', '2025-01-30')).toBe(0);
    expect(monthsDueOn(2025, 'year', '2025-01-31')).toBe(1);
    expect(monthsDueOn(2025, 'midyear', '2025-11-15')).toBe(6);
    expect(monthsDueOn(2025, 'year', '2026-02-01')).toBe(12);
  });
});
