// Every meeting write goes through the one write path and leaves exactly one audit row named after it: the test
// walks each write route of a meeting (and checks none of the router's write routes was left out).
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../../domain/dates.ts';
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
import { meetingRoutes } from './meetings.routes.ts';

const today = todayIso();
type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

let db: Database;
let cell: OrgRef;
let secretary: MemberRef;
let members: MemberRef[];
let sec: Req;
let reqs: Req[];

beforeAll(async () => {
  db = await createTestDatabase();
  const client = makeClient(db);
  cell = (await makeProvince(db)).cellA;
  secretary = await makeMember(db, cell, { fullName: 'Nguyễn Văn Bí Thư' });
  await makePosition(db, cell, secretary, 'secretary');
  members = [];
  for (let i = 0; i < 3; i++)
    members.push(await makeMember(db, cell, { fullName: `Trần Văn Đảng Viên ${i}` }));
  sec = await client.signIn((await makeAccount(db, secretary)).identifier);
  reqs = [];
  for (const m of members) reqs.push(await client.signIn((await makeAccount(db, m)).identifier));
});
afterAll(async () => db.close());

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = (await r.json()) as Record<string, any>;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
}

const actionsOf = async (meetingId: string) =>
  (
    await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'meeting' AND entity_id = $1 ORDER BY id`,
      [meetingId],
    )
  ).map((r) => r.action);

/** The route patterns (method and Hono path) each step wrote through. */
const walked = new Set<string>();

/** Runs the writes of one step and expects exactly one audit row per write, each named `action`. */
async function audited(
  meetingId: string,
  action: string,
  routes: string[],
  writes: () => Promise<unknown>,
  count = 1,
) {
  const before = (await actionsOf(meetingId)).length;
  await writes();
  const after = await actionsOf(meetingId);
  expect(after.slice(before), action).toEqual(Array(count).fill(action));
  for (const r of routes) walked.add(r);
}

const newMeeting = async (kind: string, forMonth: string, plannedDate: string) =>
  (
    await ok(
      sec(`/api/organizations/${cell.id}/meetings`, {
        json: {
          kind,
          forMonth,
          plannedDate,
          dateReason: plannedDate.endsWith('-03') ? undefined : 'Trường hợp đặc biệt: đón đoàn kiểm tra',
          location: 'Hội trường',
        },
      }),
    )
  ).id as string;

describe('the meeting write path', () => {
  it('audits every write of a meeting, from scheduling to the addendum', async () => {
    const id = await newMeeting('regular', today.slice(0, 7), today);
    expect(await actionsOf(id)).toEqual(['meeting.create']);
    const [m0, m1, m2] = members as [MemberRef, MemberRef, MemberRef];
    const [r0, r1, r2] = reqs as [Req, Req, Req];
    const detail = () => ok(sec(`/api/meetings/${id}`));

    await audited(id, 'meeting.update', ['PATCH /meetings/:id'], () =>
      ok(
        sec(`/api/meetings/${id}`, {
          method: 'PATCH',
          json: {
            chairMemberId: secretary.id,
            minuteTakerMemberId: m0.id,
            noticeContent: 'Sinh hoạt thường kỳ',
            draftResolution: 'Hoàn thành thu đảng phí',
          },
        }),
      ),
    );
    await audited(id, 'meeting.material.upload', ['POST /meetings/:id/materials'], () => {
      const form = new FormData();
      form.set(
        'file',
        new File([new TextEncoder().encode('%PDF-1.4')], 'du-thao.pdf', { type: 'application/pdf' }),
      );
      return ok(sec(`/api/meetings/${id}/materials`, { method: 'POST', body: form }));
    });
    await audited(id, 'meeting.rsvp', ['POST /meetings/:id/rsvp'], () =>
      ok(r2(`/api/meetings/${id}/rsvp`, { json: { response: 'confirmed' } })),
    );
    await audited(id, 'meeting.guest.add', ['POST /meetings/:id/guests'], () =>
      ok(sec(`/api/meetings/${id}/guests`, { json: { name: 'Khách', title: 'Đại biểu' } })),
    );
    await audited(id, 'meeting.agenda.add', ['POST /meetings/:id/agenda'], () =>
      ok(sec(`/api/meetings/${id}/agenda`, { json: { section: 'main', title: 'Mục bổ sung' } })),
    );
    await audited(id, 'meeting.publish', ['POST /meetings/:id/publish'], () =>
      ok(sec(`/api/meetings/${id}/publish`, { method: 'POST' })),
    );
    await audited(id, 'meeting.start', ['POST /meetings/:id/start'], () =>
      ok(sec(`/api/meetings/${id}/start`, { method: 'POST' })),
    );
    const { checkinCode, agenda } = await detail();
    await audited(id, 'meeting.checkIn', ['POST /meetings/:id/check-in'], () =>
      ok(r1(`/api/meetings/${id}/check-in`, { json: { code: checkinCode } })),
    );
    await audited(
      id,
      'meeting.attendance',
      ['POST /meetings/:id/attendance'],
      async () => {
        for (const m of [secretary, m0, m2])
          await ok(r0(`/api/meetings/${id}/attendance`, { json: { memberId: m.id, status: 'present' } }));
      },
      3,
    );
    await audited(id, 'meeting.agenda.current', ['POST /meetings/:id/current-item'], () =>
      ok(sec(`/api/meetings/${id}/current-item`, { json: { agendaItemId: agenda[1].id, markDone: true } })),
    );
    await audited(id, 'meeting.minutes.item', ['PUT /meetings/:id/agenda/:itemId'], () =>
      ok(
        r0(`/api/meetings/${id}/agenda/${agenda[1].id}`, {
          method: 'PUT',
          json: { notes: 'Ghi chép', baseVersion: agenda[1].notesVersion },
        }),
      ),
    );
    const { minutesGeneralVersion } = await detail();
    await audited(id, 'meeting.minutes.general', ['PUT /meetings/:id/minutes'], () =>
      ok(
        r0(`/api/meetings/${id}/minutes`, {
          method: 'PUT',
          json: { text: 'Phần ghi chung', baseVersion: minutesGeneralVersion },
        }),
      ),
    );
    await audited(id, 'meeting.contribution.add', ['POST /meetings/:id/contributions'], () =>
      ok(
        r0(`/api/meetings/${id}/contributions`, {
          json: { agendaItemId: agenda[1].id, memberId: m1.id, summary: 'Ý kiến' },
        }),
      ),
    );
    await audited(id, 'meeting.task.create', ['POST /meetings/:id/tasks'], () =>
      ok(
        sec(`/api/meetings/${id}/tasks`, {
          json: { title: 'Nhiệm vụ', assigneeMemberId: m1.id, deadline: addDays(today, 10) },
        }),
      ),
    );
    let voteId = '';
    await audited(id, 'meeting.vote.open', ['POST /meetings/:id/votes'], async () => {
      voteId = (
        await ok(
          sec(`/api/meetings/${id}/votes`, {
            json: { subject: 'Thông qua nghị quyết', kind: 'decision', method: 'electronic' },
          }),
        )
      ).id;
    });
    await audited(
      id,
      'meeting.vote.ballot',
      ['POST /votes/:id/ballots'],
      async () => {
        for (const r of [sec, r0, r1])
          await ok(r(`/api/votes/${voteId}/ballots`, { json: { choice: 'for' } }));
      },
      3,
    );
    await audited(id, 'meeting.vote.close', ['POST /votes/:id/close'], () =>
      ok(sec(`/api/votes/${voteId}/close`, { json: {} })),
    );
    await audited(id, 'meeting.end', ['POST /meetings/:id/end'], () =>
      ok(sec(`/api/meetings/${id}/end`, { method: 'POST' })),
    );
    await audited(id, 'meeting.adopt', ['POST /meetings/:id/adopt'], () =>
      ok(sec(`/api/meetings/${id}/adopt`, { json: { decisionType: 'NQ' } })),
    );
    await audited(id, 'meeting.sign', ['POST /meetings/:id/sign'], () =>
      ok(sec(`/api/meetings/${id}/sign`, { json: { role: 'chair' } })),
    );
    await audited(id, 'meeting.addendum', ['POST /meetings/:id/addenda'], () =>
      ok(sec(`/api/meetings/${id}/addenda`, { json: { text: 'Bổ sung' } })),
    );

    const other = await newMeeting('thematic', today.slice(0, 7), addDays(today, 5));
    walked.add('POST /organizations/:id/meetings');
    await audited(other, 'meeting.cancel', ['POST /meetings/:id/cancel'], () =>
      ok(sec(`/api/meetings/${other}/cancel`, { json: { reason: 'Trùng lịch' } })),
    );
  });

  it('walked every write route of the meetings router', () => {
    const writes = meetingRoutes.routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(new Set(writes)).toEqual(walked);
  });

  it('audits no refused write: a refusal rolls the write back with its audit row', async () => {
    const id = await newMeeting('thematic', today.slice(0, 7), addDays(today, 6));
    const before = await actionsOf(id);
    const refused = await reqs[0]!(`/api/meetings/${id}/start`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(await actionsOf(id)).toEqual(before);
  });
});
