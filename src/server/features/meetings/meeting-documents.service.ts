// Documents out of the recorded facts: a meeting's minutes, decision and attendance sheet, and a year's minutes
// or resolutions book, as DOCX or PDF in the Party document format.
import type { Actor } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import { viText } from '../../../domain/messages.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { runHeavy } from '../../platform/worker-pool.ts';
import {
  attendanceSheetDocument,
  decisionDocument,
  type MeetingRecord,
  minutesDocument,
} from '../documents/meeting-documents.ts';
import type { PartyDocument } from '../documents/party-document.ts';
import { buildRoom } from '../meeting-room/meeting-room.service.ts';
import { findNameAsOf, getVisibleNode } from '../organizations/organizations.service.ts';
import { findMeeting, type MeetingRow, visibleMeeting, vnDate, vnTime } from './meeting-access.ts';
import * as votesRepo from './meeting-votes.repository.ts';

const mimeOf = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/** The locality in a committee's name, for the date line: 'Đảng ủy xã Tân Lập' → 'Tân Lập'. */
export function placeOf(name: string): string {
  const stripped = name
    .replace(/^(Đảng ủy|Đảng bộ|Chi bộ|Ban Thường vụ)\s+/i, '')
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|khối|cơ sở)\s+/i, '');
  return stripped || name;
}

export async function meetingRecord(q: Queryable, m: MeetingRow): Promise<MeetingRecord> {
  const room = await buildRoom(q, m);
  const superiorName = (m.parent_id ? await findNameAsOf(q, m.parent_id, m.planned_date) : null) ?? '';
  const decisionBody = await votesRepo.findDecisionBody(q, m.id);
  const secretaryName = await votesRepo.findSecretaryName(q, m.organization_id, m.planned_date);
  const decisionVote = [...room.votes].reverse().find((v) => v.kind === 'decision' && v.status === 'closed');
  const byItem = (id: string) =>
    room.contributions
      .filter((c) => c.agendaItemId === id)
      .map((c) => ({ speaker: c.speaker, summary: c.summary }));
  const chairName = room.chair?.name ?? secretaryName ?? '';
  const isCell = m.org_kind === 'cell' || m.org_kind === 'grassroots_cell';
  return {
    superiorName,
    organizationName: m.org_name,
    place: placeOf(superiorName || m.org_name),
    kind: m.kind as MeetingRecord['kind'],
    month: Number(m.for_month.slice(5, 7)),
    year: Number(m.for_month.slice(0, 4)),
    date: m.started_at ? vnDate(m.started_at) : m.planned_date,
    startTime: vnTime(m.started_at),
    endTime: vnTime(m.ended_at),
    durationMinutes: room.durationMinutes,
    location: m.location,
    chair: chairName ? { name: chairName, title: secretaryName === chairName ? 'Bí thư' : 'Chủ trì' } : null,
    minuteTaker: room.minuteTaker ? { name: room.minuteTaker.name } : null,
    counts: {
      total: room.summary.total,
      full: room.summary.full,
      probationary: room.summary.probationary,
      temporary: room.summary.temporary,
      exempt: room.summary.exempt,
      present: room.summary.present,
      presentFull: room.summary.presentFull,
      presentProbationary: room.summary.presentProbationary,
      presentTemporary: room.summary.presentTemporary,
      absentExcused: room.attendance
        .filter((a) => a.status === 'absent_excused')
        .map((a) => ({ name: a.name, reason: a.reason ?? '' })),
      absentUnexcused: room.attendance
        .filter((a) => a.status === 'absent_unexcused')
        .map((a) => ({ name: a.name })),
    },
    guests: room.guests.map((g) => ({ name: g.name, title: g.title })),
    agenda: room.agenda.map((a) => ({
      section: a.section,
      title: a.title,
      contributions: [
        ...(a.notes.trim() ? [{ speaker: '', summary: a.notes.trim() }] : []),
        ...byItem(a.id),
      ].filter((c) => c.summary),
      conclusion: a.conclusion,
    })),
    votes: room.votes
      .filter((v) => v.status === 'closed')
      .map((v) => ({
        subject: v.subject,
        forCount: v.forCount ?? 0,
        againstCount: v.againstCount ?? 0,
        abstainCount: v.abstainCount ?? 0,
        base: v.voteBase ?? 0,
        passed: !!v.passed,
        line: viText(v.line) ?? '',
      })),
    speakersShare: room.speakersShare,
    decision: room.decision
      ? {
          type: room.decision.type,
          number: room.decision.number,
          title: room.decision.title,
          issuedOn: room.decision.issuedOn,
          intro: decisionBody?.intro ?? null,
          sections: decisionBody?.sections ?? [],
          previousTasks: room.previousTasks.map((t) => ({
            title: t.title,
            assignee: t.assignee,
            deadline: t.deadline,
            result: t.resultNote,
            achieved: t.status === 'done' ? true : t.status === 'not_done' ? false : null,
          })),
          previousAchievementShare: room.previousAchievement.share,
          nextTasks: room.tasks.map((t) => ({
            title: t.title,
            assignee: t.assignee,
            deadline: t.deadline,
            expectedResult: t.expectedResult,
          })),
          voteLine: viText(decisionVote?.line ?? null),
          signer: {
            authority: isCell ? 'T/M CHI BỘ' : 'T/M BAN CHẤP HÀNH',
            position: 'BÍ THƯ',
            name: secretaryName ?? chairName,
          },
          recipients: [
            ...(superiorName ? [`${superiorName} (để b/c)`] : []),
            isCell ? 'Đảng viên trong chi bộ' : 'Các chi bộ trực thuộc',
            isCell ? 'Lưu chi bộ' : 'Lưu văn phòng',
          ],
        }
      : null,
    attendance: room.attendance.map((a) => ({
      name: a.name,
      memberClass: a.memberClass,
      temporary: a.temporary,
      status: a.status,
      reason: a.reason,
      checkedInAt: vnTime(a.checkedInAt),
    })),
    minutesAdoptedAt: room.adoptedAt,
    chairSignedAt: room.chairSignedAt,
    minuteTakerSignedAt: room.minuteTakerSignedAt,
    addenda: room.addenda.map((a) => ({ date: vnDate(a.createdAt), text: a.text })),
  };
}

function parseFile(file: string, kinds: readonly string[]) {
  const match = file.match(/^([a-z]+)\.(docx|pdf)$/);
  if (!match || !kinds.includes(match[1]!)) {
    const choices = kinds.map((k) => `${k}.docx|${k}.pdf`).join(', ');
    throw notFound(message('document.unknown', { choices }));
  }
  return { kind: match[1]!, format: match[2] as 'docx' | 'pdf' };
}

/**
 * Renders in the worker pool (platform/worker-pool.ts): the documents are plain data built here from the
 * database; the bytes come back. A member with too many files in the making gets a 429.
 */
async function render(actor: Actor, docs: PartyDocument[], format: 'docx' | 'pdf'): Promise<Buffer> {
  const bytes = await runHeavy(actor.accountId, format === 'docx' ? 'renderDocx' : 'renderPdf', docs);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export async function meetingDocument(db: Database, actor: Actor, meetingId: string, file: string) {
  const { kind, format } = parseFile(file, ['minutes', 'decision', 'attendance']);
  const { meeting } = await visibleMeeting(db, actor, meetingId);
  if (kind !== 'attendance' && !['held', 'adopted'].includes(meeting.status)) {
    throw new AppError('invalid_state', message('document.meeting_not_held'));
  }
  const rec = await meetingRecord(db, meeting);
  if (kind === 'decision' && !rec.decision) {
    throw new AppError('invalid_state', message('document.no_decision'));
  }
  const doc =
    kind === 'minutes'
      ? minutesDocument(rec)
      : kind === 'decision'
        ? decisionDocument(rec)
        : attendanceSheetDocument(rec);
  const name = { minutes: 'bien-ban', decision: 'nghi-quyet', attendance: 'diem-danh' }[kind]!;
  return {
    content: await render(actor, [doc], format),
    fileName: `${name}-${meeting.for_month}.${format}`,
    mimeType: mimeOf[format],
  };
}

/** The minutes book or resolutions book of a year: every adopted meeting's document, in date order, as one file. */
export async function book(db: Queryable, actor: Actor, organizationId: string, year: number, file: string) {
  const { kind, format } = parseFile(file, ['minutes', 'decisions']);
  const node = await getVisibleNode(db, actor, organizationId);
  const ids = await votesRepo.listAdoptedMeetingIds(db, node.id, year);
  if (!ids.length) throw notFound(message('document.book_empty', { year }));
  const docs: PartyDocument[] = [];
  for (const id of ids) {
    const rec = await meetingRecord(db, (await findMeeting(db, id))!);
    if (kind === 'minutes') docs.push(minutesDocument(rec));
    else if (rec.decision) docs.push(decisionDocument(rec));
  }
  return {
    content: await render(actor, docs, format),
    fileName: `${kind === 'minutes' ? 'so-bien-ban' : 'so-nghi-quyet'}-${year}.${format}`,
    mimeType: mimeOf[format],
  };
}
