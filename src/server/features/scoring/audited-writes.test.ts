// Every write route of scoring, evaluation, rule sets, committees and role assignments leaves an audit row: the
// test walks each route once over HTTP (the list is checked against the app's OpenAPI document, so a new write
// route there must be walked here too) and reads the audit log after each.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import { hd42Framework } from '../../../domain/scoring-frameworks.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  makeRole,
  type MemberRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
const today = todayIso();
const year = Number(today.slice(0, 4));

let db: Database;
let client: ReturnType<typeof makeClient>;
let p: Awaited<ReturnType<typeof makeProvince>>;
let sec: Req;
let communeSec: Req;
let officer: Req;
let subject: Req;
let subjectMember: MemberRef;
let holder: MemberRef;

const signInAs = async (m: MemberRef) => client.signIn((await makeAccount(db, m)).identifier);

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = (await r.json()) as Record<string, any>;
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
}

const lastAuditId = async () =>
  Number((await db.query<{ id: string }>('SELECT COALESCE(max(id), 0) AS id FROM audit_log'))[0]!.id);

/** Runs one write and answers the actions audited by it. */
async function audited(write: () => Promise<unknown>): Promise<string[]> {
  const before = await lastAuditId();
  await write();
  const rows = await db.query<{ action: string }>('SELECT action FROM audit_log WHERE id > $1 ORDER BY id', [
    before,
  ]);
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  p = await makeProvince(db);
  const secretary = await makeMember(db, p.cellA, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, p.cellA, secretary, 'secretary');
  sec = await signInAs(secretary);
  subjectMember = await makeMember(db, p.cellA, { fullName: 'Trần Văn Đức' });
  subject = await signInAs(subjectMember);
  holder = await makeMember(db, p.cellB, { fullName: 'Lê Văn Giữ' });
  const communeSecretary = await makeMember(db, p.commune, { fullName: 'Phạm Văn Xã' });
  await makePosition(db, p.commune, communeSecretary, 'secretary');
  communeSec = await signInAs(communeSecretary);
  const o = await makeAccount(db, await makeMember(db, p.commune, { fullName: 'Cán bộ Ban Tổ chức' }));
  await makeRole(db, o.id, p.province, 'board_officer');
  officer = await client.signIn(o.identifier);
});
afterAll(async () => db.close());

/** A meeting of cell A held today. */
async function holdMeeting(): Promise<string> {
  const { id } = await ok(
    sec(`/api/organizations/${p.cellA.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: today.endsWith('-03') ? undefined : 'Trường hợp đặc biệt',
      },
    }),
  );
  await ok(sec(`/api/meetings/${id}`, { method: 'PATCH', json: { noticeContent: 'Thông báo' } }));
  await ok(sec(`/api/meetings/${id}/publish`, { method: 'POST' }));
  await ok(sec(`/api/meetings/${id}/start`, { method: 'POST' }));
  await ok(sec(`/api/meetings/${id}/end`, { method: 'POST' }));
  return id;
}

// The write routes of these features, as the OpenAPI document names them, with the audit action each leaves.
const walk: Array<[string, string, () => Promise<unknown>]> = [];
const step = (route: string, action: string, write: () => Promise<unknown>) =>
  walk.push([route, action, write]);

let meetingId = '';
let evaluationId = '';
let committeeId = '';
let positionId = '';
let roleId = '';

step('POST /organizations/{id}/rule-sets', 'ruleSet.assign', () =>
  ok(
    officer(`/api/organizations/${p.province.id}/rule-sets`, {
      json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2022-01-01' },
    }),
  ),
);
step('POST /scoring-frameworks', 'scoringFramework.load', () =>
  ok(
    officer('/api/scoring-frameworks', {
      json: {
        definition: { ...hd42Framework, id: 'kiem-tra-ghi-vet', title: 'Khung thử', scope: 'assigned' },
      },
    }),
  ),
);
step('POST /organizations/{id}/scoring-frameworks', 'scoringFramework.assign', () =>
  ok(
    officer(`/api/organizations/${p.province.id}/scoring-frameworks`, {
      json: { frameworkId: hd42Framework.id, effectiveFrom: hd42Framework.effectiveFrom },
    }),
  ),
);
step('PUT /meetings/{id}/scores/{kind}', 'scorecard.save', async () => {
  meetingId = await holdMeeting();
  return ok(sec(`/api/meetings/${meetingId}/scores/self`, { method: 'PUT', json: { entries: [] } }));
});
step('POST /organizations/{id}/rescore', 'scorecard.rescore', () =>
  ok(officer(`/api/organizations/${p.province.id}/rescore`, { json: { year } })),
);
step('POST /organizations/{id}/evaluations', 'evaluation.start', () =>
  ok(sec(`/api/organizations/${p.cellA.id}/evaluations`, { json: { year } })),
);
step('POST /evaluations/{id}/self-assessment', 'evaluation.selfAssess', async () => {
  const list = await ok(subject(`/api/organizations/${p.cellA.id}/evaluations?year=${year}`));
  evaluationId = list.items.find((i: any) => i.member?.id === subjectMember.id).id;
  return ok(
    subject(`/api/evaluations/${evaluationId}/self-assessment`, {
      json: { points: 80, level: 'completed', text: 'Tự đánh giá' },
    }),
  );
});
step('POST /evaluations/{id}/proposal', 'evaluation.propose', () =>
  ok(sec(`/api/evaluations/${evaluationId}/proposal`, { json: { level: 'completed' } })),
);
step('POST /evaluations/{id}/decision', 'evaluation.decide', () =>
  ok(communeSec(`/api/evaluations/${evaluationId}/decision`, { json: { level: 'completed' } })),
);
step('POST /evaluations/{id}/announce', 'evaluation.announce', () =>
  ok(communeSec(`/api/evaluations/${evaluationId}/announce`, { method: 'POST' })),
);
step('POST /organizations/{id}/discipline', 'discipline.record', () =>
  ok(
    communeSec(`/api/organizations/${p.cellA.id}/discipline`, {
      json: { memberId: subjectMember.id, form: 'reprimand', decidedOn: `${year}-01-10`, reason: 'Thử' },
    }),
  ),
);
step('POST /organizations/{id}/four-good', 'fourGood.enter', () =>
  ok(
    communeSec(`/api/organizations/${p.commune.id}/four-good`, {
      json: { year, criterion: 'meeting_quality', met: true, evidence: 'Biên bản lưu' },
    }),
  ),
);
step('POST /organizations/{id}/committees', 'committee.create', async () => {
  committeeId = (
    await ok(
      communeSec(`/api/organizations/${p.cellB.id}/committees`, {
        json: { termLabel: '2025-2030', termStart: '2025-08-01' },
      }),
    )
  ).id;
});
step('POST /organizations/{id}/positions', 'position.assign', async () => {
  positionId = (
    await ok(
      communeSec(`/api/organizations/${p.cellB.id}/positions`, {
        json: { memberId: holder.id, kind: 'secretary', committeeId, validFrom: '2025-08-02' },
      }),
    )
  ).id;
});
step('POST /positions/{id}/end', 'position.end', () =>
  ok(communeSec(`/api/positions/${positionId}/end`, { json: { validTo: '2025-09-01' } })),
);
step('POST /committees/{id}/end', 'committee.end', () =>
  ok(communeSec(`/api/committees/${committeeId}/end`, { json: { termEnd: '2025-10-01' } })),
);
step('POST /role-assignments', 'role.assign', async () => {
  roleId = (
    await ok(
      officer('/api/role-assignments', {
        json: { memberId: holder.id, role: 'follower', organizationId: p.cellB.id, validFrom: '2025-08-01' },
      }),
    )
  ).id;
});
step('POST /role-assignments/{id}/end', 'role.end', () =>
  ok(officer(`/api/role-assignments/${roleId}/end`, { json: { validTo: '2025-09-01' } })),
);

describe('every write of scoring, evaluation, rule sets, committees and role assignments is audited', () => {
  it('walks every write route those features declare', async () => {
    const res = await client.app.request('/api/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const ours =
      /^\/(role-assignments|committees|positions|scoring-frameworks|evaluations|meetings\/\{id\}\/scores)|\/(committees|positions|rule-sets|scoring-frameworks|rescore|evaluations|discipline|four-good)$/;
    const declared = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(declared.filter((r) => ours.test(r.split(' ')[1]!)).sort()).toEqual(walk.map(([r]) => r).sort());
  });

  for (const [route, action, write] of walk) {
    it(`${route} leaves an audit row (${action})`, async () => {
      expect(await audited(write)).toContain(action);
    });
  }
});
