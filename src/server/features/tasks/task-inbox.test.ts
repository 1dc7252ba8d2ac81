// Service tests of the task inbox (GET /tasks?filter=…): which tasks each filter lists, for an assignee, a party
// group's member, a cell's secretary, another cell's secretary and the commune's secretary, and in which order.
// The inbox is read as a union of index lookups (assignee, party group, creator, the led organisations' tasks). An
// organisation's leaders lead its own tasks: a commune's committee does not list its cells' tasks as its own.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  type MemberRef,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import * as repo from './tasks.repository.ts';

const today = todayIso();
const dayOffset = (days: number) =>
  new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
let db: Database;
const req: Record<'secA' | 'secB' | 'commune' | 'assignee' | 'grouped' | 'outsider' | 'admin', Req> =
  {} as never;
const task: Record<string, string> = {};

const ok = async (res: Response | Promise<Response>) => {
  const r = await res;
  const body = (await r.json()) as Record<string, any>;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
};

async function meetingOf(sec: Req, cell: OrgRef) {
  const created = await ok(
    sec(`/api/organizations/${cell.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: today.endsWith('-03') ? undefined : 'Trường hợp đặc biệt: đón đoàn kiểm tra',
        location: 'Nhà văn hóa thôn',
      },
    }),
  );
  return created.id as string;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const client = makeClient(db);
  const p = await makeProvince(db);
  const group = await makeOrganization(db, { name: 'Tổ đảng số 1', kind: 'party_group', parent: p.cellA });
  const secretaryA = await makeMember(db, p.cellA, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, p.cellA, secretaryA, 'secretary');
  const secretaryB = await makeMember(db, p.cellB, { fullName: 'Lê Văn Bình' });
  await makePosition(db, p.cellB, secretaryB, 'secretary');
  const communeSecretary = await makeMember(db, p.commune, { fullName: 'Phạm Quang Huy' });
  await makePosition(db, p.commune, communeSecretary, 'secretary');
  const assignee = await makeMember(db, p.cellA, { fullName: 'Trần Văn Đức' });
  const grouped = await makeMember(db, group, { fullName: 'Đỗ Thị Lan', kind: 'party_group' });
  const outsider = await makeMember(db, p.cellB, { fullName: 'Vũ Văn Khoa' });
  const accounts = new Map<MemberRef, { id: string; identifier: string }>();
  for (const m of [secretaryA, secretaryB, communeSecretary, assignee, grouped, outsider])
    accounts.set(m, await makeAccount(db, m));
  const signIn = (m: MemberRef) => client.signIn(accounts.get(m)!.identifier);
  req.secA = await signIn(secretaryA);
  req.secB = await signIn(secretaryB);
  req.commune = await signIn(communeSecretary);
  req.assignee = await signIn(assignee);
  req.grouped = await signIn(grouped);
  req.outsider = await signIn(outsider);
  req.admin = await client.signIn((await makeAccount(db, null, { admin: true })).identifier);
  const meetingA = await meetingOf(req.secA, p.cellA);
  const meetingB = await meetingOf(req.secB, p.cellB);

  const add = async (
    name: string,
    cell: OrgRef,
    meetingId: string,
    by: MemberRef,
    to: { member?: MemberRef; group?: OrgRef },
    deadline: string | null,
  ) => {
    task[name] = await repo.insertTask(db, {
      provinceId: cell.provinceId,
      organizationId: cell.id,
      meetingId,
      title: name,
      expectedResult: null,
      deadline,
      assigneeMemberId: to.member?.id ?? null,
      assigneeGroupId: to.group?.id ?? null,
      createdByMemberId: by.id,
      createdBy: accounts.get(by)!.id,
    });
  };
  await add('overdueA', p.cellA, meetingA, secretaryA, { member: assignee }, dayOffset(-1));
  await add('groupA', p.cellA, meetingA, secretaryA, { group }, dayOffset(10));
  await add('noDeadlineA', p.cellA, meetingA, secretaryA, { member: assignee }, null);
  // Set in cell A's meeting by the commune's secretary attending it: cell A's secretary leads it all the same.
  await add('fromCommuneA', p.cellA, meetingA, communeSecretary, { member: assignee }, dayOffset(3));
  await add('doneA', p.cellA, meetingA, secretaryA, { member: secretaryA }, dayOffset(5));
  await repo.updateReview(db, task.doneA!, 'done', null, today);
  await add('openB', p.cellB, meetingB, secretaryB, { member: outsider }, null);
  // A task of cell B given to a member of cell A (attending there), judged not done.
  await add('notDoneB', p.cellB, meetingB, secretaryB, { member: assignee }, dayOffset(2));
  await repo.updateReview(db, task.notDoneB!, 'not_done', null, today);
});
afterAll(async () => db.close());

const inbox = async (who: Req, filter: string) =>
  ((await ok(who(`/api/tasks?filter=${filter}`))).items as Array<{ id: string; title: string }>).map(
    (t) => t.title,
  );

describe('the task inbox', () => {
  it("lists a member's own tasks and the party group's, in every cell: open ones first, by deadline", async () => {
    expect(await inbox(req.assignee, 'mine')).toEqual([
      'overdueA',
      'fromCommuneA',
      'noDeadlineA',
      'notDoneB',
    ]);
    expect(await inbox(req.grouped, 'mine')).toEqual(['groupA']);
    expect(await inbox(req.secA, 'mine')).toEqual(['doneA']);
    expect(await inbox(req.commune, 'mine')).toEqual([]);
  });

  it('lists what the actor created, whatever its status', async () => {
    expect(await inbox(req.secA, 'created')).toEqual(['overdueA', 'groupA', 'noDeadlineA', 'doneA']);
    expect(await inbox(req.secB, 'created')).toEqual(['openB', 'notDoneB']);
    expect(await inbox(req.commune, 'created')).toEqual(['fromCommuneA']);
    expect(await inbox(req.assignee, 'created')).toEqual([]);
  });

  it("lists the open tasks of the organisations the actor leads with the actor's own, by deadline (none last)", async () => {
    expect(await inbox(req.secA, 'open')).toEqual(['overdueA', 'fromCommuneA', 'groupA', 'noDeadlineA']);
    expect(await inbox(req.secB, 'open')).toEqual(['openB']);
    expect(await inbox(req.commune, 'open')).toEqual(['fromCommuneA']);
    expect(await inbox(req.assignee, 'open')).toEqual(['overdueA', 'fromCommuneA', 'noDeadlineA']);
    expect(await inbox(req.grouped, 'open')).toEqual(['groupA']);
    expect(await inbox(req.outsider, 'open')).toEqual(['openB']);
  });

  it('lists the overdue and the done ones the same way', async () => {
    expect(await inbox(req.secA, 'overdue')).toEqual(['overdueA']);
    expect(await inbox(req.assignee, 'overdue')).toEqual(['overdueA']);
    expect(await inbox(req.commune, 'overdue')).toEqual([]);
    expect(await inbox(req.secB, 'overdue')).toEqual([]);
    expect(await inbox(req.secA, 'done')).toEqual(['doneA']);
    expect(await inbox(req.commune, 'done')).toEqual([]);
    expect(await inbox(req.secB, 'done')).toEqual([]);
    expect(await inbox(req.grouped, 'done')).toEqual([]);
  });

  it('lists every task of its status for a system administrator', async () => {
    // Without a deadline, the latest first.
    expect(await inbox(req.admin, 'open')).toEqual([
      'overdueA',
      'fromCommuneA',
      'groupA',
      'openB',
      'noDeadlineA',
    ]);
    expect(await inbox(req.admin, 'overdue')).toEqual(['overdueA']);
    expect(await inbox(req.admin, 'done')).toEqual(['doneA']);
    expect(await inbox(req.admin, 'mine')).toEqual([]);
  });
});
