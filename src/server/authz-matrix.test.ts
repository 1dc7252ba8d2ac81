// The authorisation matrix (issue 9): every route × the ten roles of the permissions table × a resource inside the
// role's subtree and the same resource in another province. Two provinces are built alike (route-world.ts); the
// roles sign in to the first. The policy is a table, one row per route: what the route's path (or body) names, and
// who may — a named action of `can()` (src/domain/permissions.ts) asked of the real actor on that resource, 'view'
// (whoever sees it), 'self' (the signed-in account's own things), or a list of roles for rules that are not a
// named action (a meeting's attendees, a task's assignee). Each cell's answer follows:
//   not visible (anything in the other province, for all but the administrator) → 404, never 403;
//   visible, not allowed → 403; allowed → the route's success code (a write may also meet the resource in a state
//   that refuses it, 409/422, after an earlier allowed role changed it: that is past authorisation).
// Every answer to a role other than the administrator — lists, counts, exports (the .xlsx read back), streams (the
// first event) — must contain no id, phone or name of the other province. The table is checked against the router:
// a new route fails here until it has a row.
/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../domain/dates.ts';
import { type Action, type Actor, can, type Resource } from '../domain/permissions.ts';
import { hd42Framework } from '../domain/scoring-frameworks.ts';
import { createApp } from './app.ts';
import { resolveActor } from './features/auth/auth.service.ts';
import { checkinClock } from './features/meetings/meeting-checkin.service.ts';
import { waitForBackgroundWork } from './features/roster-import/roster-import.service.ts';
import { loadConfig } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { makeClient } from './testing/factories.ts';
import { buildWorld, type Role, roles, type World } from './testing/route-world.ts';
import { createTestDatabase } from './testing/test-db.ts';

const today = todayIso();
const year = Number(today.slice(0, 4));

interface Call {
  path: string;
  method?: string;
  json?: unknown;
  form?: Record<string, string | File>;
}

/** What the route names, as `can()` sees it. */
type On = (w: World) => Resource | null;
const cellA: On = (w) => ({ type: 'organization', path: w.p.cellA.path });
const commune: On = (w) => ({ type: 'organization', path: w.p.commune.path });
const province: On = (w) => ({ type: 'organization', path: w.p.province.path });
const target: On = (w) => ({
  type: 'member',
  memberId: w.ids.targets[0]!,
  organizationPaths: [w.p.cellA.path],
});
const evaluation: On = (w) => ({
  type: 'evaluation',
  subjectKind: 'member',
  memberId: w.people.m2!.id,
  path: w.p.cellA.path,
  holderPath: w.p.commune.path,
});
/** Nothing of a subtree: the signed-in account's own things, or public. */
const nothing: On = () => null;

interface Row {
  route: string;
  on: On;
  /** Who succeeds on a visible resource. */
  may: Action | Rule | 'view' | 'self' | 'public' | readonly Role[];
  call: (w: World) => Call;
  /** The success code (200 unless said). */
  ok?: number;
  /** Answers every role gets whatever its scope (a refusal that is not about authorisation). */
  always?: number[];
  /** The resource is private to whoever made it: others who see its organisation get 404, not 403. */
  hidden?: boolean;
  /** A 404 with this message code is an allowed answer too: there is nothing to show yet (an empty book). */
  empty?: string;
}

/** A rule made of named actions, for the routes whose service asks more than one. */
type Rule = (actor: Actor, resource: Resource) => boolean;
/** Offices of an organisation are set by the level above it (committees.service): the action on the parent. */
const onParent =
  (action: Action): Rule =>
  (actor, r) =>
    r.type === 'organization' &&
    can(actor, action, { type: 'organization', path: r.path.split('.').slice(0, -1).join('.') });
/** Reviewing from above: the action, by someone who does not lead the organisation itself (topic-actions.ts). */
const fromAbove =
  (action: Action): Rule =>
  (actor, r) =>
    can(actor, action, r) && !can(actor, 'meeting.manage', r);

const attendees = ['secretary', 'deputy', 'member', 'probationary'] as const satisfies readonly Role[];
let counter = 0;
const next = () => ++counter;
const file = (name: string, type: string, text = '%PDF-1.4') => new File([text], name, { type });

// prettier-ignore
const table: Row[] = [
  // Public and the account's own.
  { route: 'GET /health', on: nothing, may: 'public', call: () => ({ path: '/api/health' }) },
  { route: 'POST /auth/login', on: nothing, may: 'public', always: [401, 429], call: () => ({ path: '/api/auth/login', json: { identifier: 'khong-co-ai', password: 'SaiMatKhau1' } }) },
  { route: 'POST /auth/logout', on: nothing, may: 'public', call: () => ({ path: '/api/auth/logout', method: 'POST' }) },
  { route: 'GET /me', on: nothing, may: 'self', call: () => ({ path: '/api/me' }) },
  { route: 'GET /auth/sessions', on: nothing, may: 'self', call: () => ({ path: '/api/auth/sessions' }) },
  { route: 'DELETE /auth/sessions/{id}', on: nothing, may: 'self', always: [404], call: () => ({ path: '/api/auth/sessions/0000000000000000', method: 'DELETE' }) },
  { route: 'POST /auth/password', on: nothing, may: 'self', always: [400], call: () => ({ path: '/api/auth/password', json: { currentPassword: 'KhongPhaiMatKhau1', newPassword: 'MatKhauMoi456' } }) },
  { route: 'GET /tasks', on: nothing, may: 'self', call: () => ({ path: '/api/tasks?filter=open' }) },
  { route: 'GET /me/meetings', on: nothing, may: 'self', call: () => ({ path: '/api/me/meetings' }) },
  { route: 'GET /me/notifications', on: nothing, may: 'self', call: () => ({ path: '/api/me/notifications' }) },
  { route: 'POST /me/notifications/read-all', on: nothing, may: 'self', call: () => ({ path: '/api/me/notifications/read-all', json: {} }) },
  { route: 'GET /calendar/{file}', on: nothing, may: 'public', call: (w) => ({ path: `/api/calendar/${w.ids.calendarFile}` }) },
  { route: 'GET /rule-sets', on: nothing, may: 'self', call: () => ({ path: '/api/rule-sets' }) },
  { route: 'POST /scoring-frameworks', on: nothing, may: 'scoringFramework.load', call: () => ({ path: '/api/scoring-frameworks', json: { definition: { ...hd42Framework, id: `khung-ma-tran-${next()}`, title: 'Khung thử', scope: 'assigned' } } }) },
  // The tree, its lists and its searches.
  { route: 'GET /organizations/tree', on: nothing, may: 'self', call: () => ({ path: '/api/organizations/tree' }) },
  { route: 'GET /organizations/search', on: nothing, may: 'self', call: (w) => ({ path: `/api/organizations/search?q=${encodeURIComponent(w.markers[0]!)}` }) },
  { route: 'GET /organizations/{id}', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}` }) },
  { route: 'GET /organizations/{id}/roles', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/roles` }) },
  { route: 'POST /organizations', on: commune, may: 'organization.create', ok: 201, call: (w) => ({ path: '/api/organizations', json: { parentId: w.p.commune.id, name: `Chi bộ mới ${next()} ${w.markers[0]}`, kind: 'cell', cellType: 'other', validFrom: '2025-01-01' } }) },
  { route: 'POST /reorganizations', on: cellA, may: 'organization.reorganize', ok: 201, call: (w) => ({ path: '/api/reorganizations', json: { kind: 'rename', organizationId: w.p.cellA.id, newName: `Chi bộ thôn Đông ${next()} ${w.markers[0]}`, effectiveDate: today } }) },
  { route: 'POST /organizations/{id}/committees', on: cellA, may: onParent('committee.manage'), ok: 201, call: (w) => { const n = next(); return { path: `/api/organizations/${w.p.cellA.id}/committees`, json: { termLabel: `${2040 + n}-${2045 + n}`, termStart: `${2040 + n}-08-01` } }; } },
  { route: 'POST /organizations/{id}/positions', on: cellA, may: onParent('committee.manage'), ok: 201, call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/positions`, json: { memberId: w.ids.targets[1], kind: 'committee_member', committeeId: w.ids.committee, validFrom: '2025-09-01' } }) },
  { route: 'POST /positions/{id}/end', on: cellA, may: onParent('committee.manage'), call: (w) => ({ path: `/api/positions/${w.ids.position}/end`, json: { validTo: '2025-12-01' } }) },
  { route: 'POST /committees/{id}/end', on: cellA, may: onParent('committee.manage'), call: (w) => ({ path: `/api/committees/${w.ids.committee}/end`, json: { termEnd: '2026-01-01' } }) },
  { route: 'POST /role-assignments', on: cellA, may: 'follower.appoint', ok: 201, call: (w) => ({ path: '/api/role-assignments', json: { memberId: w.ids.targets[2], role: 'follower', organizationId: w.p.cellA.id, validFrom: '2025-08-01' } }) },
  { route: 'POST /role-assignments/{id}/end', on: cellA, may: 'follower.appoint', call: (w) => ({ path: `/api/role-assignments/${w.ids.roleAssignment}/end`, json: { validTo: '2025-09-01' } }) },
  // Rule sets and the year's plan.
  { route: 'GET /organizations/{id}/rule-set', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/rule-set` }) },
  { route: 'POST /organizations/{id}/rule-sets', on: cellA, may: 'ruleSet.assign', ok: 201, call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/rule-sets`, json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: `2022-01-${String(next() % 28 + 1).padStart(2, '0')}` } }) },
  { route: 'GET /organizations/{id}/meetings', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/meetings?year=${year}` }) },
  { route: 'POST /organizations/{id}/meetings', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/meetings`, json: { kind: 'extraordinary', forMonth: today.slice(0, 7), plannedDate: today, dateReason: 'Trường hợp đặc biệt: họp đột xuất', location: 'Hội trường' } }) },
  { route: 'POST /organizations/{id}/meeting-plan', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/meeting-plan`, json: { year: year + 1 } }) },
  { route: 'GET /organizations/{id}/work-programme', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/work-programme?year=${year}` }) },
  { route: 'PUT /organizations/{id}/work-programme', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/work-programme?year=${year}`, method: 'PUT', json: { content: 'Chương trình công tác' } }) },
  { route: 'GET /organizations/{id}/thematic-topics', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/thematic-topics?year=${year}` }) },
  { route: 'POST /organizations/{id}/thematic-topics', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/thematic-topics`, json: { year: year + 1, quarter: 2, title: `Chuyên đề ${next()}`, presenters: 'Bí thư' } }) },
  { route: 'POST /thematic-topics/{id}/submit', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/thematic-topics/${w.ids.topic}/submit`, method: 'POST' }) },
  { route: 'POST /thematic-topics/{id}/review', on: cellA, may: fromAbove('topic.review'), call: (w) => ({ path: `/api/thematic-topics/${w.ids.topic}/review`, json: { decision: 'return', comment: 'Bổ sung' } }) },
  { route: 'GET /organizations/{id}/compliance', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/compliance?year=${year}` }) },
  // The meeting under way (and one planned).
  { route: 'GET /meetings/{id}', on: cellA, may: 'view', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}` }) },
  { route: 'GET /meetings/{id}/events', on: cellA, may: 'view', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/events` }) },
  { route: 'GET /meetings/{id}/documents/{file}', on: cellA, may: 'view', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/documents/attendance.docx` }) },
  { route: 'GET /material-versions/{id}/download', on: cellA, may: 'view', call: (w) => ({ path: `/api/material-versions/${w.ids.materialVersion}/download` }) },
  { route: 'GET /meetings/{id}/scores', on: cellA, may: 'view', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/scores` }) },
  { route: 'PATCH /meetings/{id}', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.plannedMeeting}`, method: 'PATCH', json: { location: `Nhà văn hoá ${next()}`, noticeContent: 'Sinh hoạt đột xuất' } }) },
  { route: 'POST /meetings/{id}/materials', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.plannedMeeting}/materials`, method: 'POST', form: { file: file('tai-lieu.pdf', 'application/pdf') } }) },
  { route: 'POST /meetings/{id}/publish', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.plannedMeeting}/publish`, method: 'POST' }) },
  { route: 'POST /meetings/{id}/rsvp', on: cellA, may: attendees, call: (w) => ({ path: `/api/meetings/${w.ids.plannedMeeting}/rsvp`, json: { response: 'confirmed' } }) },
  { route: 'POST /meetings/{id}/cancel', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.plannedMeeting}/cancel`, json: { reason: 'Trùng lịch' } }) },
  { route: 'POST /meetings/{id}/check-in', on: cellA, may: attendees, call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/check-in`, json: { code: w.checkinCode } }) },
  { route: 'GET /meetings/{id}/checkin-code', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/checkin-code` }) },
  { route: 'GET /meetings/{id}/my-pass', on: cellA, may: attendees, call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/my-pass` }) },
  { route: 'POST /meetings/{id}/attendance/pass', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/attendance/pass`, json: { code: w.passCode } }) },
  { route: 'POST /meetings/{id}/attendance', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/attendance`, json: { memberId: w.people.member!.id, status: 'present' } }) },
  { route: 'POST /meetings/{id}/guests', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/guests`, json: { name: 'Khách mời', title: 'Đại biểu' } }) },
  { route: 'POST /meetings/{id}/agenda', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/agenda`, json: { section: 'main', title: 'Mục thêm' } }) },
  { route: 'POST /meetings/{id}/current-item', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/current-item`, json: { agendaItemId: w.ids.agendaItem } }) },
  { route: 'PUT /meetings/{id}/agenda/{itemId}', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/agenda/${w.ids.agendaItem}`, method: 'PUT', json: { notes: 'Ghi chép', baseVersion: 0 } }) },
  { route: 'PUT /meetings/{id}/minutes', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/minutes`, method: 'PUT', json: { text: 'Ghi chung', baseVersion: 0 } }) },
  { route: 'POST /meetings/{id}/contributions', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/contributions`, json: { agendaItemId: w.ids.agendaItem, memberId: w.people.member!.id, summary: 'Ý kiến' } }) },
  { route: 'POST /meetings/{id}/tasks', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/tasks`, json: { title: 'Việc thêm', assigneeMemberId: w.people.m1!.id, deadline: '2030-01-01' } }) },
  { route: 'POST /meetings/{id}/votes', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/votes`, json: { subject: 'Biểu quyết thêm', kind: 'other', method: 'show_of_hands' } }) },
  { route: 'POST /votes/{id}/ballots', on: cellA, may: ['secretary', 'deputy', 'member'] /* present, not probationary */, call: (w) => ({ path: `/api/votes/${w.ids.vote}/ballots`, json: { choice: 'for' } }) },
  { route: 'POST /votes/{id}/close', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/votes/${w.ids.vote}/close`, json: {} }) },
  { route: 'POST /meetings/{id}/start', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/start`, method: 'POST' }) },
  { route: 'POST /meetings/{id}/end', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/end`, method: 'POST' }) },
  { route: 'PUT /meetings/{id}/scores/{kind}', on: cellA, may: 'scorecard.scoreSelf', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/scores/self`, method: 'PUT', json: { entries: [] } }) },
  { route: 'POST /meetings/{id}/adopt', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/adopt`, json: { decisionType: 'NQ' } }) },
  { route: 'POST /meetings/{id}/sign', on: cellA, may: ['secretary'] /* the chair */, call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/sign`, json: { role: 'chair' } }) },
  { route: 'POST /meetings/{id}/addenda', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/meetings/${w.ids.meeting}/addenda`, json: { text: 'Bổ sung' } }) },
  { route: 'GET /organizations/{id}/books/{year}/{file}', on: cellA, may: 'view', empty: 'document.book_empty', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/books/${year}/minutes.docx` }) },
  // Tasks: the assignee (a helper, none of the roles) reports; the cell's leaders review.
  { route: 'POST /tasks/{id}/reports', on: cellA, may: 'meeting.manage' /* and the assignee, a helper */, call: (w) => ({ path: `/api/tasks/${w.ids.task}/reports`, json: { note: 'Tiến độ', progress: 60 } }) },
  { route: 'POST /tasks/{id}/reports/upload', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/tasks/${w.ids.task}/reports/upload`, method: 'POST', form: { file: file('bc.pdf', 'application/pdf'), note: 'Kèm tệp', progress: '70' } }) },
  { route: 'GET /task-reports/{id}/file', on: cellA, may: 'view', call: (w) => ({ path: `/api/task-reports/${w.ids.taskReport}/file` }) },
  { route: 'POST /tasks/{id}/review', on: cellA, may: 'meeting.manage', call: (w) => ({ path: `/api/tasks/${w.ids.task}/review`, json: { status: 'done', resultNote: 'Xong' } }) },
  // Scoring.
  { route: 'GET /organizations/{id}/ratings', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/ratings?year=${year}` }) },
  { route: 'GET /organizations/{id}/scoring-frameworks', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/scoring-frameworks` }) },
  { route: 'POST /organizations/{id}/scoring-frameworks', on: cellA, may: 'scoringFramework.assign', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/scoring-frameworks`, json: { frameworkId: hd42Framework.id, effectiveFrom: `2024-02-${String(next() % 28 + 1).padStart(2, '0')}` } }) },
  { route: 'POST /organizations/{id}/rescore', on: cellA, may: 'scorecard.rescore', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/rescore`, json: { year } }) },
  { route: 'GET /rescore-jobs/{id}', on: province, may: 'view', call: (w) => ({ path: `/api/rescore-jobs/${w.ids.rescoreJob}` }) },
  // The annual evaluation.
  { route: 'GET /organizations/{id}/evaluations', on: cellA, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/evaluations?year=${year}` }) },
  { route: 'POST /organizations/{id}/evaluations', on: cellA, may: 'evaluation.start', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/evaluations`, json: { year } }) },
  { route: 'POST /evaluations/{id}/self-assessment', on: evaluation, may: 'evaluation.selfAssess', call: (w) => ({ path: `/api/evaluations/${w.ids.evaluation}/self-assessment`, json: { points: 80, level: 'completed', text: 'Tự đánh giá' } }) },
  { route: 'POST /evaluations/{id}/proposal', on: evaluation, may: 'evaluation.propose', call: (w) => ({ path: `/api/evaluations/${w.ids.evaluation}/proposal`, json: { level: 'completed' } }) },
  { route: 'POST /evaluations/{id}/decision', on: evaluation, may: 'evaluation.decide', call: (w) => ({ path: `/api/evaluations/${w.ids.evaluation}/decision`, json: { level: 'completed' } }) },
  { route: 'POST /evaluations/{id}/announce', on: evaluation, may: 'evaluation.announce', call: (w) => ({ path: `/api/evaluations/${w.ids.evaluation}/announce`, method: 'POST' }) },
  { route: 'POST /organizations/{id}/discipline', on: cellA, may: 'discipline.record', call: (w) => ({ path: `/api/organizations/${w.p.cellA.id}/discipline`, json: { memberId: w.ids.targets[0], form: 'reprimand', decidedOn: `${year}-01-10`, reason: 'Thử' } }) },
  { route: 'GET /organizations/{id}/four-good', on: commune, may: 'view', call: (w) => ({ path: `/api/organizations/${w.p.commune.id}/four-good?year=${year}` }) },
  { route: 'POST /organizations/{id}/four-good', on: commune, may: 'fourGood.enter', call: (w) => ({ path: `/api/organizations/${w.p.commune.id}/four-good`, json: { year, criterion: 'meeting_quality', met: true, evidence: 'Biên bản' } }) },
  // Members: lists, the export, profiles and their changes; the roster import.
  { route: 'GET /members', on: cellA, may: 'view', call: (w) => ({ path: `/api/members?organizationId=${w.p.cellA.id}` }) },
  { route: 'GET /members/export.xlsx', on: cellA, may: 'view', call: (w) => ({ path: `/api/members/export.xlsx?organizationId=${w.p.cellA.id}` }) },
  { route: 'GET /members/{id}', on: target, may: 'member.view', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}` }) },
  { route: 'POST /members', on: cellA, may: 'member.create', ok: 201, call: (w) => ({ path: '/api/members', json: { fullName: `Lê Văn Mới ${next()}`, status: 'probationary', admissionDate: '2024-06-01', organizationId: w.p.cellA.id, joinedOn: '2024-06-01' } }) },
  { route: 'PATCH /members/{id}', on: target, may: 'member.update', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}`, method: 'PATCH', json: { ethnicity: 'Kinh' } }) },
  { route: 'POST /members/{id}/events', on: target, may: 'member.recordEvent', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}/events`, json: { kind: 'made_full', eventDate: today, documentRef: '12-QĐ/ĐU' } }) },
  { route: 'POST /members/{id}/exemptions', on: target, may: 'member.exempt', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}/exemptions`, json: { reason: 'Ốm đau dài ngày', validFrom: `2025-07-${String(next() % 28 + 1).padStart(2, '0')}` } }) },
  { route: 'POST /members/{id}/reset-password', on: target, may: 'account.resetPassword', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}/reset-password`, json: { newPassword: 'MatKhauMoi789' } }) },
  { route: 'POST /organizations/{id}/group-members', on: target, may: 'member.transfer', call: (w) => ({ path: `/api/organizations/${w.ids.group}/group-members`, json: { memberId: w.ids.targets[0], validFrom: '2025-09-01' } }) },
  { route: 'POST /memberships/{id}/end', on: (w) => ({ type: 'member', memberId: w.ids.targets[2]!, organizationPaths: [w.p.cellA.path] }), may: 'member.transfer', call: (w) => ({ path: `/api/memberships/${w.ids.membership}/end`, json: { validTo: '2025-12-01' } }) },
  { route: 'POST /members/{id}/transfers', on: target, may: 'member.transfer', call: (w) => ({ path: `/api/members/${w.ids.targets[0]}/transfers`, json: { kind: 'temporary', toOrganizationId: w.p.cellB.id, effectiveDate: today } }) },
  { route: 'POST /roster-imports', on: cellA, may: 'member.import', ok: 202, call: (w) => ({ path: '/api/roster-imports', method: 'POST', form: { file: file('ds.csv', 'text/csv', 'Họ và tên;Ngày sinh;Trạng thái\nTrần Thị Ma Trận;01/02/1985;Chính thức\n'), organizationId: w.p.cellA.id } }) },
  { route: 'GET /roster-imports/{id}', on: cellA, may: ['admin', 'secretary'] /* who uploaded it */, hidden: true, call: (w) => ({ path: `/api/roster-imports/${w.ids.rosterImport}` }) },
  { route: 'POST /roster-imports/{id}/commit', on: cellA, may: ['admin', 'secretary'], hidden: true, ok: 202, call: (w) => ({ path: `/api/roster-imports/${w.ids.rosterImport}/commit`, method: 'POST' }) },
];

let db: Database;
let inside: World;
let outside: World;
const actors = {} as Record<Role, Actor>;

// The room code turns every 30 seconds: the clock of check-in codes stands still while the matrix runs, so the code
// the world read at its start is still the current one when a role sends it.
const realCheckinNow = checkinClock.now;
beforeAll(async () => {
  const frozen = Date.now();
  checkinClock.now = () => frozen;
  db = await createTestDatabase();
  const client = makeClient(db);
  inside = await buildWorld(db, client, 'TRONGTINH', { admin: true });
  outside = await buildWorld(db, client, 'NGOAITINH');
  for (const role of roles) actors[role] = (await resolveActor(db, inside.accountIds[role]))!;
}, 180_000);
afterAll(async () => {
  checkinClock.now = realCheckinNow;
  await waitForBackgroundWork();
  await db.close();
});

type Side = 'inside' | 'outside';

/** The answers a role may get on one side of a row. */
function expected(row: Row, role: Role, side: Side): number[] {
  if (row.always !== undefined) return row.always;
  const ok = row.ok ?? 200;
  if (row.may === 'public' || row.may === 'self') return [ok];
  const actor = actors[role];
  const resource = row.on(side === 'inside' ? inside : outside);
  const past = [ok, 409, 422]; // allowed: the success, or the resource's state refusing it
  if (!resource) return can(actor, row.may as Action) ? past : [403];
  const visible =
    resource.type === 'member'
      ? can(actor, 'member.view', resource)
      : can(actor, 'organization.view', { type: 'organization', path: resource.path });
  if (!visible) return [404];
  const may = row.may;
  const allowed =
    may === 'view'
      ? true
      : Array.isArray(may)
        ? may.includes(role)
        : typeof may === 'function'
          ? may(actor, resource)
          : can(actor, may as Action, resource);
  if (!allowed) return [row.hidden ? 404 : 403];
  return may === 'view' ? [ok] : past;
}

/** The answer's text, an export read back into its cells, a stream's first event. */
async function textOf(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return new TextDecoder().decode(first.value);
  }
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => void cells.push(String(c.text)))));
    return cells.join('\n');
  }
  return res.text();
}

async function send(role: Role, call: Call): Promise<Response> {
  let body: FormData | undefined;
  if (call.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(call.form)) body.append(k, v);
  }
  const req = inside.req[role];
  if (call.path === '/api/auth/logout' || call.path.startsWith('/api/calendar/')) {
    // Signing out would end the role's session: sent without one (as is the calendar feed, by its secret name).
    return createAppOnce().request(call.path, { method: call.method ?? 'GET' });
  }
  return req(call.path, {
    method: call.method ?? (call.json !== undefined || body ? 'POST' : 'GET'),
    json: call.json,
    body,
  });
}
let anonymousApp: ReturnType<typeof createApp> | null = null;
const createAppOnce = () => (anonymousApp ??= createApp(db, loadConfig({ CHECK_RESPONSES: 'on' })));

describe(`the authorisation matrix: ${table.length} routes × ${roles.length} roles × inside and outside`, () => {
  it('has a row for every route the router holds, and no other', () => {
    const app = createApp({} as Database, loadConfig({}));
    const routed = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json')
        .map((r) => `${r.method} ${r.path.replace(/^\/api/, '').replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(table.map((r) => r.route).sort()).toEqual([...routed].sort());
  });

  for (const row of table) {
    it(row.route, async () => {
      const wrong: string[] = [];
      for (const side of ['inside', 'outside'] as const) {
        const w = side === 'inside' ? inside : outside;
        // Refused roles first: an allowed one may change the resource's state.
        const refused = (r: Role) => expected(row, r, side).some((s) => s === 403 || s === 404);
        const order = [...roles.filter(refused), ...roles.filter((r) => !refused(r))];
        for (const role of order) {
          const want = expected(row, role, side);
          const res = await send(role, row.call(w));
          const text = await textOf(res);
          const code = res.status === 404 ? (JSON.parse(text) as any).error?.messageCode : undefined;
          const allowedEmpty = row.empty !== undefined && !want.includes(404) && code === row.empty;
          // A refusal for not seeing must not tell "exists but empty" apart from "not there".
          if (row.empty !== undefined && want.includes(404) && code === row.empty)
            wrong.push(`${role} ${side}: a 404 saying ${code} tells that the hidden resource exists`);
          if (!want.includes(res.status) && !allowedEmpty)
            wrong.push(`${role} ${side}: ${res.status} (expected ${want.join('/')}) ${text.slice(0, 200)}`);
          // The calendar feed is reached by its secret name, not by a role: it holds its owner's meetings.
          if (role !== 'admin' && row.route !== 'GET /calendar/{file}') {
            const leaked = outside.markers.filter((m) => text.includes(m));
            if (leaked.length)
              wrong.push(
                `${role} ${side}: the answer holds ${leaked.length} marker(s) of the other province: ${leaked.slice(0, 3).join(', ')}`,
              );
          }
        }
      }
      await waitForBackgroundWork();
      expect(wrong).toEqual([]);
    });
  }
});
