// Every write route leaves an audit row (issue 8). One table names each write route of the app with the actor who
// makes it, the request, and the audit rows it must leave; the walk runs it in order over one subtree (later
// steps use what earlier ones made). Each success must leave exactly the rows named, signed by its actor; each
// refused write (another actor, or a bad request) must leave none. The table is checked against the OpenAPI
// document and the router, so a new write route fails here until it is walked (and audited).
//
// Reads that write: a material download records the reader's receipt, and the member's meeting list issues the
// calendar feed's token on first use. Both are facts the app records, so both are audited (once: a second
// download or visit writes nothing) and walked here. Not audited, on purpose: the session's sliding expiry
// (touched on any request; bookkeeping of a sign-in already audited, auditing it would log every request), a
// sign-in refused while its identifier is locked (writes nothing), and background jobs that are not routes
// (deadline reminders; the rescore job and roster parsing, audited by the route that starts them).
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../domain/dates.ts';
import { hd42Framework } from '../domain/scoring-frameworks.ts';
import { waitForBackgroundWork } from './features/roster-import/roster-import.service.ts';
import type { Database } from './platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  makeRole,
  type MemberRef,
  type OrgRef,
  testPassword,
} from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';
import { verifyNow } from './testing/audit.ts';

const today = todayIso();
const year = Number(today.slice(0, 4));
const writeMethods = ['post', 'put', 'patch', 'delete'];

/** The GET routes that write (see the note above), with the write each records. */
const writingReads = ['GET /material-versions/{id}/download', 'GET /me/meetings'];

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
type ActorName =
  | 'anonymous'
  | 'officer' // board officer of the province
  | 'secretary' // secretary of cell A
  | 'communeSecretary'
  | 'm0' // member of cell A, minute taker of the meeting
  | 'm1' // member of cell A, the task's assignee
  | 'm2' // member of cell A, the evaluated member
  | 'signer' // member of cell B whose account the sign-in steps use
  | 'outsider'; // member of cell B: sees nothing of cell A

interface Request {
  path: string;
  method?: string;
  json?: unknown;
  body?: FormData;
}

interface Step {
  /** The route as the OpenAPI document names it. */
  route: string;
  as: ActorName;
  request: () => Request;
  /** The actions of the audit rows the write leaves, in order (empty: it wrote nothing). */
  audits: string[];
  status?: number;
  /** Whom the rows name as actor, when not `as` (a sign-in names the account; a failed one nobody). */
  auditActor?: ActorName | null;
  /** The entity the rows are about, when the step pins it. */
  on?: () => [entity: string, id: string];
  /** What the (single) row records as `after`, when the step pins it. */
  recorded?: unknown;
  /** The same write refused: by another actor (same request) or with another request; it must leave no row. */
  refused?: { as?: ActorName; request?: () => Request; status: number };
  /** Set-up before the write (its own audit rows are not counted). */
  before?: () => Promise<void>;
  /** Reads what later steps need from the answer. */
  after?: (body: any) => void | Promise<void>;
}

let db: Database;
let client: ReturnType<typeof makeClient>;
let p: Awaited<ReturnType<typeof makeProvince>>;
const actors = {} as Record<ActorName, { accountId: string | null; req: Req }>;
const people = {} as Record<Exclude<ActorName, 'anonymous'>, MemberRef>;
let signerIdentifier = '';

const anonymous: Req = (path, init = {}) =>
  client.app.request(path, {
    method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
    headers: init.json !== undefined ? { 'content-type': 'application/json' } : {},
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  p = await makeProvince(db);
  const orgOf: Record<Exclude<ActorName, 'anonymous'>, OrgRef> = {
    officer: p.province,
    secretary: p.cellA,
    communeSecretary: p.commune,
    m0: p.cellA,
    m1: p.cellA,
    m2: p.cellA,
    signer: p.cellB,
    outsider: p.cellB,
  };
  actors.anonymous = { accountId: null, req: anonymous };
  for (const [name, org] of Object.entries(orgOf) as Array<[keyof typeof orgOf, OrgRef]>) {
    const member = await makeMember(db, org, { fullName: `Đồng chí ${name}` });
    people[name] = member;
    if (name === 'secretary' || name === 'communeSecretary') await makePosition(db, org, member, 'secretary');
    const account = await makeAccount(db, member);
    if (name === 'officer') await makeRole(db, account.id, p.province, 'board_officer');
    if (name === 'signer') signerIdentifier = account.identifier;
    actors[name] = { accountId: account.id, req: await client.signIn(account.identifier) };
  }
});
afterAll(async () => {
  await waitForBackgroundWork();
  await db.close();
});

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = (await r.json()) as Record<string, any>;
  if (r.status >= 300) throw new Error(`expected 2xx, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
}

const send = (as: ActorName, r: Request) =>
  actors[as].req(r.path, { method: r.method, json: r.json, body: r.body });

const lastAuditId = async () =>
  Number((await db.query<{ id: string }>('SELECT COALESCE(max(id), 0) AS id FROM audit_log'))[0]!.id);

const rowsSince = (id: number) =>
  db.query<{
    action: string;
    actor_account_id: string | null;
    entity: string;
    entity_id: string | null;
    after: unknown;
  }>('SELECT action, actor_account_id, entity, entity_id, after FROM audit_log WHERE id > $1 ORDER BY id', [
    id,
  ]);

const upload = (name: string, type: string, fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode('%PDF-1.4')], name, { type }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};

// What earlier steps made, for later ones.
const made = {
  meetingId: '',
  otherMeetingId: '',
  checkinCode: '',
  pass: '',
  agenda: [] as any[],
  minutesVersion: 0,
  materialVersionId: '',
  taskId: '',
  voteId: '',
  topicId: '',
  rescoreJobId: '',
  evaluationId: '',
  committeeId: '',
  positionId: '',
  roleId: '',
  memberId: '',
  groupId: '',
  groupMembershipId: '',
  organizationId: '',
  importId: '',
  sessionHandle: '',
};
const meeting = (): [string, string] => ['meeting', made.meetingId];
const detail = () => ok(send('secretary', { path: `/api/meetings/${made.meetingId}` }));
const newMeeting = (kind: string, plannedDate: string): Request => ({
  path: `/api/organizations/${p.cellA.id}/meetings`,
  json: {
    kind,
    forMonth: today.slice(0, 7),
    plannedDate,
    dateReason: plannedDate.endsWith('-03') ? undefined : 'Trường hợp đặc biệt: đón đoàn kiểm tra',
    location: 'Hội trường',
  },
});

const walk: Step[] = [
  // The scoring framework first: the meeting below is scored once held.
  {
    route: 'POST /scoring-frameworks',
    as: 'officer',
    request: () => ({
      path: '/api/scoring-frameworks',
      json: {
        definition: { ...hd42Framework, id: 'kiem-tra-ghi-vet', title: 'Khung thử', scope: 'assigned' },
      },
    }),
    audits: ['scoringFramework.load'],
    refused: { as: 'secretary', status: 403 },
  },
  {
    route: 'POST /organizations/{id}/scoring-frameworks',
    as: 'officer',
    request: () => ({
      path: `/api/organizations/${p.province.id}/scoring-frameworks`,
      json: { frameworkId: hd42Framework.id, effectiveFrom: hd42Framework.effectiveFrom },
    }),
    audits: ['scoringFramework.assign'],
    refused: { as: 'secretary', status: 404 },
  },
  // The year plan.
  {
    route: 'POST /organizations/{id}/meeting-plan',
    as: 'secretary',
    request: () => ({ path: `/api/organizations/${p.cellA.id}/meeting-plan`, json: { year: year + 1 } }),
    audits: ['meeting.generatePlan'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'PUT /organizations/{id}/work-programme',
    as: 'secretary',
    request: () => ({
      path: `/api/organizations/${p.cellA.id}/work-programme?year=${year + 1}`,
      method: 'PUT',
      json: { content: 'Chương trình công tác năm' },
    }),
    audits: ['workProgramme.save'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /organizations/{id}/thematic-topics',
    as: 'secretary',
    request: () => ({
      path: `/api/organizations/${p.cellA.id}/thematic-topics`,
      json: { year: year + 1, quarter: 1, title: 'Học tập và làm theo Bác', presenters: 'Đồng chí Bí thư' },
    }),
    audits: ['topic.create'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.topicId = b.id),
  },
  {
    route: 'POST /thematic-topics/{id}/submit',
    as: 'secretary',
    request: () => ({ path: `/api/thematic-topics/${made.topicId}/submit`, method: 'POST' }),
    audits: ['topic.submit'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /thematic-topics/{id}/review',
    as: 'communeSecretary',
    request: () => ({ path: `/api/thematic-topics/${made.topicId}/review`, json: { decision: 'approve' } }),
    audits: ['topic.review'],
    // The cell cannot approve its own topic.
    refused: { as: 'secretary', status: 403 },
  },
  // A meeting, from scheduling to the addendum: every write goes through the meeting's one write path.
  {
    route: 'POST /organizations/{id}/meetings',
    as: 'secretary',
    request: () => newMeeting('regular', today),
    audits: ['meeting.create'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.meetingId = b.id),
    on: meeting,
  },
  {
    route: 'PATCH /meetings/{id}',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}`,
      method: 'PATCH',
      json: {
        chairMemberId: people.secretary.id,
        minuteTakerMemberId: people.m0.id,
        noticeContent: 'Sinh hoạt thường kỳ',
        draftResolution: 'Hoàn thành thu đảng phí',
      },
    }),
    audits: ['meeting.update'],
    refused: { as: 'm0', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/materials',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/materials`,
      method: 'POST',
      body: upload('du-thao.pdf', 'application/pdf'),
    }),
    audits: ['meeting.material.upload'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.materialVersionId = b.id),
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/rsvp',
    as: 'm2',
    request: () => ({ path: `/api/meetings/${made.meetingId}/rsvp`, json: { response: 'confirmed' } }),
    audits: ['meeting.rsvp'],
    refused: { as: 'outsider', status: 404 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/guests',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/guests`,
      json: { name: 'Khách', title: 'Đại biểu' },
    }),
    audits: ['meeting.guest.add'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/agenda',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/agenda`,
      json: { section: 'main', title: 'Mục bổ sung' },
    }),
    audits: ['meeting.agenda.add'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/publish',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/publish`, method: 'POST' }),
    audits: ['meeting.publish'],
    refused: { as: 'm0', status: 403 },
    on: meeting,
  },
  {
    route: 'GET /material-versions/{id}/download',
    as: 'm1',
    request: () => ({ path: `/api/material-versions/${made.materialVersionId}/download` }),
    audits: ['meeting.material.read'],
    refused: { as: 'outsider', status: 404 },
    on: meeting,
  },
  {
    // The receipt is recorded once: downloading again writes nothing.
    route: 'GET /material-versions/{id}/download',
    as: 'm1',
    request: () => ({ path: `/api/material-versions/${made.materialVersionId}/download` }),
    audits: [],
  },
  {
    route: 'GET /me/meetings',
    as: 'm0',
    request: () => ({ path: '/api/me/meetings' }),
    audits: ['account.calendarToken.issue'],
    on: () => ['account', actors.m0.accountId!],
  },
  {
    // The token is issued once.
    route: 'GET /me/meetings',
    as: 'm0',
    request: () => ({ path: '/api/me/meetings' }),
    audits: [],
  },
  {
    // Publishing sent m0 the meeting's notice.
    route: 'POST /me/notifications/read-all',
    as: 'm0',
    request: () => ({ path: '/api/me/notifications/read-all', json: {} }),
    audits: ['notification.readAll'],
    recorded: { marked: 1 },
    refused: { as: 'anonymous', status: 401 },
    on: () => ['member', people.m0.id],
  },
  {
    route: 'POST /meetings/{id}/start',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/start`, method: 'POST' }),
    audits: ['meeting.start'],
    refused: { as: 'm0', status: 403 },
    on: meeting,
    after: async () => {
      const d = await detail();
      made.checkinCode = d.checkinCode;
      made.agenda = d.agenda;
    },
  },
  {
    route: 'POST /meetings/{id}/check-in',
    as: 'm1',
    request: () => ({ path: `/api/meetings/${made.meetingId}/check-in`, json: { code: made.checkinCode } }),
    audits: ['meeting.checkIn'],
    refused: { as: 'outsider', status: 404 },
    on: meeting,
  },
  {
    // A wrong room code is refused, counted and audited (the refused write itself rolled back).
    route: 'POST /meetings/{id}/check-in',
    as: 'm2',
    request: () => ({ path: `/api/meetings/${made.meetingId}/check-in`, json: { code: 'not-a-code' } }),
    status: 400,
    audits: ['meeting.checkIn.refused'],
    recorded: { reason: 'wrong_code', failures: 1, locked: false },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/attendance/pass',
    as: 'm0',
    before: async () => {
      made.pass = (await ok(send('m2', { path: `/api/meetings/${made.meetingId}/my-pass` }))).code;
    },
    request: () => ({ path: `/api/meetings/${made.meetingId}/attendance/pass`, json: { code: made.pass } }),
    audits: ['meeting.attendance.pass'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  ...(['secretary', 'm0', 'm2'] as const).map((who): Step => ({
    route: 'POST /meetings/{id}/attendance',
    as: 'm0',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/attendance`,
      json: { memberId: people[who].id, status: 'present' },
    }),
    audits: ['meeting.attendance'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  })),
  {
    route: 'POST /meetings/{id}/current-item',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/current-item`,
      json: { agendaItemId: made.agenda[1].id, markDone: true },
    }),
    audits: ['meeting.agenda.current'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'PUT /meetings/{id}/agenda/{itemId}',
    as: 'm0',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/agenda/${made.agenda[1].id}`,
      method: 'PUT',
      json: { notes: 'Ghi chép', baseVersion: made.agenda[1].notesVersion },
    }),
    audits: ['meeting.minutes.item'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
    after: async () => void (made.minutesVersion = (await detail()).minutesGeneralVersion),
  },
  {
    route: 'PUT /meetings/{id}/minutes',
    as: 'm0',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/minutes`,
      method: 'PUT',
      json: { text: 'Phần ghi chung', baseVersion: made.minutesVersion },
    }),
    audits: ['meeting.minutes.general'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/contributions',
    as: 'm0',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/contributions`,
      json: { agendaItemId: made.agenda[1].id, memberId: people.m1.id, summary: 'Ý kiến' },
    }),
    audits: ['meeting.contribution.add'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/tasks',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/tasks`,
      json: { title: 'Nhiệm vụ', assigneeMemberId: people.m1.id, deadline: addDays(today, 10) },
    }),
    audits: ['meeting.task.create'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
    after: async () => {
      const mine = await ok(send('m1', { path: '/api/tasks?filter=mine' }));
      made.taskId = mine.items.find((t: any) => t.title === 'Nhiệm vụ').id;
    },
  },
  // The task's side: the assignee reports, the cell's leaders judge it.
  {
    route: 'POST /tasks/{id}/reports',
    as: 'm1',
    request: () => ({
      path: `/api/tasks/${made.taskId}/reports`,
      json: { note: 'Đã làm một nửa', progress: 50 },
    }),
    audits: ['task.report'],
    refused: { as: 'outsider', status: 404 },
    on: () => ['task', made.taskId],
  },
  {
    route: 'POST /tasks/{id}/reports/upload',
    as: 'm1',
    request: () => ({
      path: `/api/tasks/${made.taskId}/reports/upload`,
      method: 'POST',
      body: upload('bao-cao.pdf', 'application/pdf', { note: 'Kèm báo cáo', progress: '80' }),
    }),
    audits: ['task.report'],
    refused: { as: 'm2', status: 403 },
    on: () => ['task', made.taskId],
  },
  {
    route: 'POST /tasks/{id}/review',
    as: 'secretary',
    request: () => ({
      path: `/api/tasks/${made.taskId}/review`,
      json: { status: 'done', resultNote: 'Hoàn thành' },
    }),
    audits: ['task.review'],
    refused: { as: 'm1', status: 403 },
    on: () => ['task', made.taskId],
  },
  {
    route: 'POST /meetings/{id}/votes',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/votes`,
      json: { subject: 'Thông qua nghị quyết', kind: 'decision', method: 'electronic' },
    }),
    audits: ['meeting.vote.open'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
    after: (b) => void (made.voteId = b.id),
  },
  ...(['secretary', 'm0', 'm1'] as const).map((who): Step => ({
    route: 'POST /votes/{id}/ballots',
    as: who,
    request: () => ({ path: `/api/votes/${made.voteId}/ballots`, json: { choice: 'for' } }),
    audits: ['meeting.vote.ballot'],
    refused: { as: 'outsider', status: 404 },
    on: meeting,
  })),
  {
    route: 'POST /votes/{id}/close',
    as: 'secretary',
    request: () => ({ path: `/api/votes/${made.voteId}/close`, json: {} }),
    audits: ['meeting.vote.close'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/end',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/end`, method: 'POST' }),
    audits: ['meeting.end'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'PUT /meetings/{id}/scores/{kind}',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.meetingId}/scores/self`,
      method: 'PUT',
      json: { entries: [] },
    }),
    audits: ['scorecard.save'],
    refused: { as: 'm1', status: 403 },
  },
  {
    route: 'POST /meetings/{id}/adopt',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/adopt`, json: { decisionType: 'NQ' } }),
    audits: ['meeting.adopt'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/sign',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/sign`, json: { role: 'chair' } }),
    audits: ['meeting.sign'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /meetings/{id}/addenda',
    as: 'secretary',
    request: () => ({ path: `/api/meetings/${made.meetingId}/addenda`, json: { text: 'Bổ sung' } }),
    audits: ['meeting.addendum'],
    refused: { as: 'm1', status: 403 },
    on: meeting,
  },
  {
    route: 'POST /organizations/{id}/meetings',
    as: 'secretary',
    request: () => newMeeting('thematic', addDays(today, 5)),
    audits: ['meeting.create'],
    after: (b) => void (made.otherMeetingId = b.id),
  },
  {
    route: 'POST /meetings/{id}/cancel',
    as: 'secretary',
    request: () => ({
      path: `/api/meetings/${made.otherMeetingId}/cancel`,
      json: { reason: 'Trùng lịch' },
    }),
    audits: ['meeting.cancel'],
    refused: { as: 'm1', status: 403 },
    on: () => ['meeting', made.otherMeetingId],
  },
  // Scoring and evaluation of the year.
  {
    route: 'POST /organizations/{id}/rescore',
    as: 'officer',
    request: () => ({ path: `/api/organizations/${p.province.id}/rescore`, json: { year } }),
    audits: ['scorecard.rescore'],
    refused: { as: 'secretary', status: 404 },
    after: async (b) => {
      // The job runs after the answer; let it finish before the next step.
      for (let i = 0; i < 200; i++) {
        const job = await ok(send('officer', { path: `/api/rescore-jobs/${b.id}` }));
        if (job.status !== 'running') return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the rescore job did not finish');
    },
  },
  {
    route: 'POST /organizations/{id}/evaluations',
    as: 'secretary',
    request: () => ({ path: `/api/organizations/${p.cellA.id}/evaluations`, json: { year } }),
    audits: ['evaluation.start'],
    refused: { as: 'm2', status: 403 },
    after: async () => {
      const list = await ok(
        send('m2', { path: `/api/organizations/${p.cellA.id}/evaluations?year=${year}` }),
      );
      made.evaluationId = list.items.find((i: any) => i.member?.id === people.m2.id).id;
    },
  },
  {
    route: 'POST /evaluations/{id}/self-assessment',
    as: 'm2',
    request: () => ({
      path: `/api/evaluations/${made.evaluationId}/self-assessment`,
      json: { points: 80, level: 'completed', text: 'Tự đánh giá' },
    }),
    audits: ['evaluation.selfAssess'],
    refused: { as: 'm1', status: 403 },
    on: () => ['evaluation', made.evaluationId],
  },
  {
    route: 'POST /evaluations/{id}/proposal',
    as: 'secretary',
    request: () => ({ path: `/api/evaluations/${made.evaluationId}/proposal`, json: { level: 'completed' } }),
    audits: ['evaluation.propose'],
    refused: { as: 'm2', status: 403 },
    on: () => ['evaluation', made.evaluationId],
  },
  {
    route: 'POST /evaluations/{id}/decision',
    as: 'communeSecretary',
    request: () => ({ path: `/api/evaluations/${made.evaluationId}/decision`, json: { level: 'completed' } }),
    audits: ['evaluation.decide'],
    refused: { as: 'secretary', status: 403 },
    on: () => ['evaluation', made.evaluationId],
  },
  {
    route: 'POST /evaluations/{id}/announce',
    as: 'communeSecretary',
    request: () => ({ path: `/api/evaluations/${made.evaluationId}/announce`, method: 'POST' }),
    audits: ['evaluation.announce'],
    refused: { as: 'secretary', status: 403 },
    on: () => ['evaluation', made.evaluationId],
  },
  {
    route: 'POST /organizations/{id}/discipline',
    as: 'communeSecretary',
    request: () => ({
      path: `/api/organizations/${p.cellA.id}/discipline`,
      json: { memberId: people.m2.id, form: 'reprimand', decidedOn: `${year}-01-10`, reason: 'Thử' },
    }),
    audits: ['discipline.record'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /organizations/{id}/four-good',
    as: 'communeSecretary',
    request: () => ({
      path: `/api/organizations/${p.commune.id}/four-good`,
      json: { year, criterion: 'meeting_quality', met: true, evidence: 'Biên bản lưu' },
    }),
    audits: ['fourGood.enter'],
    refused: { as: 'secretary', status: 404 },
  },
  {
    route: 'POST /organizations/{id}/rule-sets',
    as: 'officer',
    request: () => ({
      path: `/api/organizations/${p.province.id}/rule-sets`,
      json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2022-01-01' },
    }),
    status: 201,
    audits: ['ruleSet.assign'],
    refused: { as: 'secretary', status: 404 },
  },
  // Committees, offices and roles, in cell B.
  {
    route: 'POST /organizations/{id}/committees',
    as: 'communeSecretary',
    request: () => ({
      path: `/api/organizations/${p.cellB.id}/committees`,
      json: { termLabel: '2025-2030', termStart: '2025-08-01' },
    }),
    status: 201,
    audits: ['committee.create'],
    refused: { as: 'outsider', status: 403 },
    after: (b) => void (made.committeeId = b.id),
  },
  {
    route: 'POST /organizations/{id}/positions',
    as: 'communeSecretary',
    request: () => ({
      path: `/api/organizations/${p.cellB.id}/positions`,
      json: {
        memberId: people.signer.id,
        kind: 'secretary',
        committeeId: made.committeeId,
        validFrom: '2025-08-02',
      },
    }),
    status: 201,
    audits: ['position.assign'],
    refused: { as: 'outsider', status: 403 },
    after: (b) => void (made.positionId = b.id),
  },
  {
    route: 'POST /positions/{id}/end',
    as: 'communeSecretary',
    request: () => ({ path: `/api/positions/${made.positionId}/end`, json: { validTo: '2025-09-01' } }),
    audits: ['position.end'],
    refused: { as: 'outsider', status: 403 },
  },
  {
    route: 'POST /committees/{id}/end',
    as: 'communeSecretary',
    request: () => ({ path: `/api/committees/${made.committeeId}/end`, json: { termEnd: '2025-10-01' } }),
    audits: ['committee.end'],
    refused: { as: 'outsider', status: 403 },
  },
  {
    route: 'POST /role-assignments',
    as: 'officer',
    request: () => ({
      path: '/api/role-assignments',
      json: {
        memberId: people.signer.id,
        role: 'follower',
        organizationId: p.cellB.id,
        validFrom: '2025-08-01',
      },
    }),
    status: 201,
    audits: ['role.assign'],
    refused: { as: 'secretary', status: 404 },
    after: (b) => void (made.roleId = b.id),
  },
  {
    route: 'POST /role-assignments/{id}/end',
    as: 'officer',
    request: () => ({ path: `/api/role-assignments/${made.roleId}/end`, json: { validTo: '2025-09-01' } }),
    audits: ['role.end'],
    refused: { as: 'secretary', status: 404 },
  },
  // Members: create, update, events, exemptions, party groups, transfers.
  {
    route: 'POST /members',
    as: 'secretary',
    request: () => ({
      path: '/api/members',
      json: {
        fullName: 'Lê Văn Ghi Sổ',
        status: 'probationary',
        admissionDate: '2024-06-01',
        organizationId: p.cellA.id,
        joinedOn: '2024-06-01',
      },
    }),
    status: 201,
    audits: ['member.create'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.memberId = b.id),
  },
  {
    route: 'PATCH /members/{id}',
    as: 'secretary',
    request: () => ({ path: `/api/members/${made.memberId}`, method: 'PATCH', json: { ethnicity: 'Kinh' } }),
    audits: ['member.update'],
    refused: { as: 'outsider', status: 404 },
    on: () => ['member', made.memberId],
  },
  {
    route: 'POST /members/{id}/events',
    as: 'secretary',
    request: () => ({
      path: `/api/members/${made.memberId}/events`,
      json: { kind: 'made_full', eventDate: '2025-06-02', documentRef: '12-QĐ/ĐU' },
    }),
    audits: ['member.made_full'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /members/{id}/exemptions',
    as: 'secretary',
    request: () => ({
      path: `/api/members/${made.memberId}/exemptions`,
      json: { reason: 'Ốm đau dài ngày', validFrom: '2025-07-01' },
    }),
    audits: ['member.exempt'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /organizations/{id}/group-members',
    as: 'secretary',
    before: async () => {
      made.groupId = (
        await makeOrganization(db, { name: 'Tổ đảng số 1', kind: 'party_group', parent: p.cellA })
      ).id;
    },
    request: () => ({
      path: `/api/organizations/${made.groupId}/group-members`,
      json: { memberId: made.memberId, validFrom: '2025-08-01' },
    }),
    audits: ['member.partyGroup.join'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.groupMembershipId = b.memberships.find((m: any) => m.kind === 'party_group').id),
  },
  {
    route: 'POST /memberships/{id}/end',
    as: 'secretary',
    request: () => ({
      path: `/api/memberships/${made.groupMembershipId}/end`,
      json: { validTo: '2025-09-01' },
    }),
    audits: ['membership.end'],
    refused: { as: 'm0', status: 403 },
  },
  {
    route: 'POST /members/{id}/transfers',
    as: 'officer',
    request: () => ({
      path: `/api/members/${made.memberId}/transfers`,
      json: { kind: 'official', toOrganizationId: p.cellB.id, effectiveDate: '2025-10-01' },
    }),
    audits: ['member.transfer.official'],
    refused: { as: 'm0', status: 403 },
  },
  // Organisations.
  {
    route: 'POST /organizations',
    as: 'officer',
    request: () => ({
      path: '/api/organizations',
      json: {
        parentId: p.commune.id,
        name: 'Chi bộ thôn Bắc',
        kind: 'cell',
        cellType: 'other',
        validFrom: '2025-01-01',
      },
    }),
    status: 201,
    audits: ['organization.create'],
    refused: { as: 'secretary', status: 404 },
    after: (b) => void (made.organizationId = b.id),
  },
  {
    route: 'POST /reorganizations',
    as: 'officer',
    request: () => ({
      path: '/api/reorganizations',
      json: {
        kind: 'rename',
        organizationId: made.organizationId,
        newName: 'Chi bộ thôn Bắc Mới',
        effectiveDate: '2025-02-01',
      },
    }),
    status: 201,
    audits: ['organization.rename'],
    refused: { as: 'secretary', status: 404 },
  },
  // Roster import: the upload, and the commit (both finish in the background, awaited before counting).
  {
    route: 'POST /roster-imports',
    as: 'secretary',
    request: () => {
      const csv = 'Họ và tên;Ngày sinh;Trạng thái\nTrần Thị Nhập Tệp;01/02/1985;Chính thức\n';
      const body = new FormData();
      body.append('file', new File([csv], 'danh-sach.csv', { type: 'text/csv' }));
      body.append('organizationId', p.cellA.id);
      return { path: '/api/roster-imports', method: 'POST', body };
    },
    status: 202,
    audits: ['member.import.upload'],
    refused: { as: 'm0', status: 403 },
    after: (b) => void (made.importId = b.id),
  },
  {
    route: 'POST /roster-imports/{id}/commit',
    as: 'secretary',
    request: () => ({ path: `/api/roster-imports/${made.importId}/commit`, method: 'POST' }),
    status: 202,
    audits: ['member.import'],
    refused: { as: 'm0', status: 404 },
  },
  // Accounts last: they sign sessions out.
  {
    route: 'POST /auth/login',
    as: 'anonymous',
    request: () => ({
      path: '/api/auth/login',
      json: { identifier: signerIdentifier, password: testPassword },
    }),
    audits: ['auth.login'],
    auditActor: 'signer',
    recorded: { identifierKind: 'phone' },
    on: () => ['account', actors.signer.accountId!],
  },
  {
    // A failed sign-in is a security event: audited with no actor (and never the password).
    route: 'POST /auth/login',
    as: 'anonymous',
    request: () => ({
      path: '/api/auth/login',
      json: { identifier: signerIdentifier, password: 'SaiMatKhau1' },
    }),
    status: 401,
    audits: ['auth.login.failed'],
    auditActor: null,
    recorded: { identifierKind: 'phone', failures: 1, locked: false },
    on: () => ['account', actors.signer.accountId!],
  },
  {
    route: 'POST /auth/password',
    as: 'signer',
    request: () => ({
      path: '/api/auth/password',
      json: { currentPassword: testPassword, newPassword: 'MatKhauMoi456' },
    }),
    audits: ['auth.password.change'],
    refused: {
      request: () => ({
        path: '/api/auth/password',
        json: { currentPassword: 'KhongPhaiMatKhau1', newPassword: 'MatKhauMoi456' },
      }),
      status: 400,
    },
  },
  {
    route: 'POST /members/{id}/reset-password',
    as: 'officer',
    request: () => ({
      path: `/api/members/${people.signer.id}/reset-password`,
      json: { newPassword: `${testPassword}9` },
    }),
    audits: ['account.password.reset'],
    refused: { as: 'outsider', status: 403 },
  },
  {
    route: 'DELETE /auth/sessions/{id}',
    as: 'outsider',
    before: async () => {
      await client.signIn(people.outsider.phone); // a second session, on another device
      const list = await ok(send('outsider', { path: '/api/auth/sessions' }));
      made.sessionHandle = list.sessions.find((s: any) => !s.isCurrent).id;
    },
    request: () => ({ path: `/api/auth/sessions/${made.sessionHandle}`, method: 'DELETE' }),
    audits: ['auth.session.revoke'],
    refused: {
      request: () => ({ path: '/api/auth/sessions/0000000000000000', method: 'DELETE' }),
      status: 404,
    },
  },
  {
    route: 'POST /auth/logout',
    as: 'outsider',
    request: () => ({ path: '/api/auth/logout', method: 'POST' }),
    audits: ['auth.logout'],
    // Signing out without a session answers 200 and writes nothing.
    refused: { as: 'anonymous', status: 200 },
  },
];

describe('every write route leaves an audit row', () => {
  for (const step of walk) {
    const name = `${step.route} as ${step.as} → ${step.audits.join(', ') || 'nothing to audit'}`;
    it(name, async () => {
      await step.before?.();
      if (step.refused) {
        const from = await lastAuditId();
        const as = step.refused.as ?? step.as;
        const res = await send(as, (step.refused.request ?? step.request)());
        expect(res.status, `refused: ${await res.text()}`).toBe(step.refused.status);
        await waitForBackgroundWork();
        expect(await rowsSince(from), 'a refused write leaves no audit row').toEqual([]);
      }
      const from = await lastAuditId();
      const res = await send(step.as, step.request());
      expect(res.status, await res.clone().text()).toBe(step.status ?? 200);
      await waitForBackgroundWork();
      const json = res.headers.get('content-type')?.includes('application/json');
      await step.after?.(json ? await res.json() : null);
      const rows = await rowsSince(from);
      expect(rows.map((r) => r.action)).toEqual(step.audits);
      const actor = step.auditActor === undefined ? step.as : step.auditActor;
      for (const r of rows) {
        expect(r.actor_account_id, 'the row names its actor').toBe(actor ? actors[actor].accountId : null);
        if (step.on) expect([r.entity, r.entity_id]).toEqual(step.on());
        if (step.recorded !== undefined) expect(r.after).toEqual(step.recorded);
      }
    });
  }

  it('keeps the chain whole and no password in it', async () => {
    const verified = await verifyNow(db);
    expect(verified.broken).toEqual([]);
    expect(verified.ok).toBe(true);
    const passwords = [testPassword, `${testPassword}9`, 'MatKhauMoi456', 'SaiMatKhau1', 'KhongPhaiMatKhau1'];
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log
        WHERE concat_ws(' ', before::text, after::text) LIKE ANY (SELECT '%' || x || '%' FROM unnest($1::text[]) x)`,
      [passwords],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('walks every write route the OpenAPI document declares, and the router has no other', async () => {
    const doc = (await (await client.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const declared = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => writeMethods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tabled = new Set(walk.map((s) => s.route));
    expect([...tabled].sort()).toEqual([...declared, ...writingReads].sort());
    // A write mounted outside the OpenAPI document would skip the table: the router must hold no such route.
    const routed = client.app.routes
      .filter((r) => writeMethods.includes(r.method.toLowerCase()))
      .map((r) => `${r.method} ${r.path.replace(/^\/api/, '').replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set(routed)].sort()).toEqual(declared.sort());
  });
});
