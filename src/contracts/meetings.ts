// Contracts of the meeting cycle: the year's meetings, preparation, the live room, minutes, decisions and tasks
// (work programme, thematic topics and the compliance overview are in ./plan.ts).
import { taskFilters } from './values.ts';
import { z } from 'zod';
import { boundedText, isoDate, messageSchema, uuid } from './common.ts';

export const meetingKinds = [
  'regular',
  'thematic',
  'regular_thematic',
  'committee',
  'general_assembly',
  'extraordinary',
] as const;
export const meetingKind = z.enum(meetingKinds);
export const meetingStatuses = ['planned', 'notified', 'in_session', 'held', 'adopted', 'cancelled'] as const;
export const meetingStatus = z.enum(meetingStatuses);
export const attendanceStatus = z.enum(['present', 'absent_excused', 'absent_unexcused', 'exempt']);
export const voteKind = z.enum(['decision', 'admission', 'other']);
export const voteMethod = z.enum(['show_of_hands', 'electronic']);
export const voteChoice = z.enum(['for', 'against', 'abstain']);
export const taskStatus = z.enum(['open', 'done', 'not_done', 'cancelled']);

// What the viewer may do, per resource (src/domain/topic-actions.ts and task-actions.ts say when).
/** On an organisation's year plan: plan its meetings, write its work programme; review its topics from above. */
export const yearPlanActions = ['plan_meetings', 'edit_work_programme', 'review_topics'] as const;
/** On one task: report progress (the assignee or the cell's leaders); judge its result (the leaders). */
export const taskActions = ['report', 'review'] as const;
export const complianceCode = z.enum([
  'no_meeting',
  'wrong_day',
  'too_short',
  'materials_late',
  'finalised_late',
  'no_thematic_in_quarter',
  'combined',
]);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'form.time_format' });
const text = boundedText;
const reason = z.string().trim().min(1, { error: 'form.reason_required' }).max(500);

export const complianceFinding = z.object({
  code: complianceCode,
  period: z.string(),
  meetingId: uuid.nullable(),
  message: messageSchema,
  source: messageSchema.describe('the cited document'),
});

export const meetingListItem = z.object({
  id: uuid,
  kind: meetingKind,
  forMonth: z.string(),
  plannedDate: isoDate,
  plannedTime: z.string(),
  dateReason: z.string().nullable(),
  location: z.string(),
  status: meetingStatus,
  ruleSetId: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  decisionNumber: z.string().nullable(),
});

export const plannedDate = z.object({
  month: z.number().int(),
  date: isoDate,
  reason: z.enum(['day_off']).nullable(),
  reasonText: messageSchema.nullable(),
  meetingId: uuid.nullable(),
});

export const meetingYearResponse = z.object({
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  year: z.number().int(),
  ruleSet: z.object({ id: z.string(), title: z.string(), document: z.string() }).nullable(),
  calendar: z.array(plannedDate),
  meetings: z.array(meetingListItem),
  findings: z.array(complianceFinding),
  notApplicableMonths: z
    .array(z.string())
    .describe('months (YYYY-MM) of the year in which the organisation was not a cell: not judged'),
  actions: z.array(z.enum(yearPlanActions)),
});

export const yearQuery = z.object({ year: z.coerce.number().int().min(2015).max(2100).optional() });
export const generatePlanBody = z.object({ year: z.number().int().min(2020).max(2100) });

export const createMeetingBody = z.object({
  kind: meetingKind,
  // There is no year 0 (PostgreSQL refuses it), as for isoDate.
  forMonth: z.string().regex(/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/, { error: 'form.month_format' }),
  plannedDate: isoDate,
  plannedTime: hhmm.default('07:30'),
  dateReason: text(500).optional(),
  location: text(300).default(''),
  thematicTopicId: uuid.optional(),
  combinedWithOther: z.boolean().default(false),
});

export const updateMeetingBody = z.object({
  kind: meetingKind.optional(),
  plannedDate: isoDate.optional(),
  plannedTime: hhmm.optional(),
  dateReason: text(500).nullable().optional(),
  changeReason: text(500).optional(),
  location: text(300).optional(),
  preparerMemberId: uuid.nullable().optional(),
  chairMemberId: uuid.nullable().optional(),
  minuteTakerMemberId: uuid.nullable().optional(),
  preparatoryHeldOn: isoDate.nullable().optional(),
  preparatoryMinutes: text(10000).nullable().optional(),
  noticeContent: text(5000).nullable().optional(),
  draftResolution: text(20000).nullable().optional(),
  thematicTopicId: uuid.nullable().optional(),
  combinedWithOther: z.boolean().optional(),
});

export const cancelBody = z.object({ reason });

const personRef = z.object({ id: uuid, name: z.string() }).nullable();

export const attendanceRow = z.object({
  memberId: uuid,
  name: z.string(),
  memberClass: z.enum(['full', 'probationary']),
  temporary: z.boolean(),
  exempt: z.boolean(),
  status: attendanceStatus.nullable(),
  reason: z.string().nullable(),
  rsvp: z.enum(['confirmed', 'absence_requested']).nullable(),
  rsvpReason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkInMethod: z
    .enum(['tap', 'code', 'pass'])
    .nullable()
    .describe('tap: marked by the secretary; code: the room code; pass: the personal pass scanned'),
  canVote: z.boolean(),
  voteIneligibleReason: messageSchema.nullable(),
});

export const attendanceSummary = z.object({
  total: z.number().int(),
  full: z.number().int(),
  probationary: z.number().int(),
  temporary: z.number().int(),
  exempt: z.number().int(),
  present: z.number().int(),
  presentFull: z.number().int(),
  presentProbationary: z.number().int(),
  presentTemporary: z.number().int(),
  absentExcused: z.number().int(),
  absentUnexcused: z.number().int(),
  unmarked: z.number().int(),
  base: z.number().int(),
  rate: z.number().nullable(),
  voteBase: z.number().int(),
  eligiblePresent: z.number().int(),
});

export const agendaItem = z.object({
  id: uuid,
  position: z.number().int(),
  section: z.enum(['opening', 'main', 'closing']),
  key: z.string(),
  title: z.string(),
  notes: z.string(),
  notesVersion: z.number().int(),
  conclusion: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const contribution = z.object({
  id: uuid,
  agendaItemId: uuid,
  memberId: uuid.nullable(),
  speaker: z.string(),
  summary: z.string(),
  createdAt: z.string(),
});

export const voteView = z.object({
  id: uuid,
  agendaItemId: uuid.nullable(),
  subject: z.string(),
  kind: voteKind,
  method: voteMethod,
  status: z.enum(['open', 'closed']),
  ballotsCast: z.number().int(),
  forCount: z.number().int().nullable(),
  againstCount: z.number().int().nullable(),
  abstainCount: z.number().int().nullable(),
  voteBase: z.number().int().nullable(),
  eligiblePresent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  line: messageSchema.nullable(),
  threshold: messageSchema,
});

export const materialView = z.object({
  id: uuid,
  title: z.string(),
  versions: z.array(
    z.object({
      id: uuid,
      version: z.number().int(),
      fileName: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      uploadedAt: z.string(),
    }),
  ),
  readCount: z.number().int(),
  readByMe: z.boolean(),
});

export const taskView = z.object({
  id: uuid,
  meetingId: uuid.nullable(),
  organizationId: uuid,
  organizationName: z.string(),
  title: z.string(),
  expectedResult: z.string().nullable(),
  deadline: isoDate.nullable(),
  assignee: z.string(),
  assigneeMemberId: uuid.nullable(),
  assigneeGroupId: uuid.nullable(),
  status: taskStatus,
  resultNote: z.string().nullable(),
  completedOn: isoDate.nullable(),
  overdue: z.boolean(),
  reports: z.array(
    z.object({
      id: uuid,
      author: z.string(),
      note: z.string(),
      progress: z.number().int().nullable(),
      fileName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  actions: z.array(z.enum(taskActions)),
});

export const decisionView = z.object({
  id: uuid,
  type: z.enum(['NQ', 'KL']),
  number: z.string(),
  title: z.string(),
  issuedOn: isoDate,
  finalisedAt: z.string().nullable(),
});

/**
 * The one vocabulary of what can be done with a meeting: every meeting write and every control of the meeting's
 * screens is one of these. The domain's rule (src/domain/meeting-actions.ts) says which a viewer may take now; the
 * server enforces exactly that and sends the list as `actions`; the web enables controls from it alone.
 */
export const meetingActions = [
  // preparation (the organisation's leaders)
  'edit_preparation',
  'upload_material',
  'publish_notice',
  'cancel',
  // the member's answer to the notice
  'rsvp',
  // the session
  'start',
  'end',
  'check_in',
  'record_attendance',
  'add_guest',
  'edit_agenda',
  'set_current_item',
  'record_contribution',
  'add_task',
  'open_vote',
  'close_vote',
  'cast_vote',
  // the minutes
  'edit_minutes',
  'adopt_minutes',
  'sign_chair',
  'sign_minute_taker',
  'add_addendum',
  // scoring the meeting's quality (which kind of scorecard is the scorecard's own permission)
  'score',
] as const;
export const meetingAction = z.enum(meetingActions);
export type MeetingAction = z.infer<typeof meetingAction>;

/** Shared state of a meeting, the same for every viewer; also what the live room's events carry. */
export const meetingRoom = z.object({
  id: uuid,
  version: z.number().int(),
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  kind: meetingKind,
  title: messageSchema.describe("the meeting's kind and month, e.g. “Sinh hoạt thường kỳ tháng 3/2026”"),
  forMonth: z.string(),
  plannedDate: isoDate,
  plannedTime: z.string(),
  dateReason: z.string().nullable(),
  location: z.string(),
  status: meetingStatus,
  ruleSet: z.object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    document: z.string(),
    minDurationMinutes: z.number().int(),
    requiredMinutes: z.number().int(),
    materialsLeadDays: z.number().int().nullable(),
  }),
  votingRules: z.object({ id: z.string(), title: z.string(), sources: z.array(z.string()) }),
  preparer: personRef,
  chair: personRef,
  minuteTaker: personRef,
  preparatoryHeldOn: isoDate.nullable(),
  preparatoryMinutes: z.string().nullable(),
  noticeContent: z.string().nullable(),
  noticePublishedAt: z.string().nullable(),
  draftResolution: z.string().nullable(),
  combinedWithOther: z.boolean(),
  thematicTopic: z.object({ id: uuid, title: z.string() }).nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  currentItemId: uuid.nullable(),
  minutesGeneral: z.string(),
  minutesGeneralVersion: z.number().int(),
  adoptedAt: z.string().nullable(),
  chairSignedAt: z.string().nullable(),
  minuteTakerSignedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  agenda: z.array(agendaItem),
  attendance: z.array(attendanceRow),
  summary: attendanceSummary,
  guests: z.array(z.object({ id: uuid, name: z.string(), title: z.string() })),
  contributions: z.array(contribution),
  speakersShare: z.number().nullable(),
  votes: z.array(voteView),
  tasks: z.array(taskView),
  previousTasks: z.array(taskView),
  previousAchievement: z.object({
    meetingId: uuid.nullable(),
    decisionNumber: z.string().nullable(),
    due: z.number().int(),
    achieved: z.number().int(),
    share: z.number().nullable(),
  }),
  decision: decisionView.nullable(),
  addenda: z.array(z.object({ id: uuid, text: z.string(), createdAt: z.string() })),
  findings: z.array(complianceFinding),
});

export const meetingDetail = meetingRoom.extend({
  actions: z.array(meetingAction),
  me: z
    .object({
      memberId: uuid,
      onRoll: z.boolean(),
      canVote: z.boolean(),
      ballots: z.record(z.string(), voteChoice),
    })
    .nullable(),
  checkinCode: z.string().nullable().describe('the room code now, for those who run the meeting, in session'),
  materials: z.array(materialView),
});

export const rsvpBody = z.discriminatedUnion('response', [
  z.object({ response: z.literal('confirmed') }),
  z.object({ response: z.literal('absence_requested'), reason }),
]);
export const attendanceBody = z.object({
  memberId: uuid,
  status: attendanceStatus,
  reason: text(500).optional(),
});
export const checkInBody = z.object({
  code: z.string().trim().min(1, { error: 'form.check_in_code_required' }).max(20),
});
/** The personal pass the secretary scanned (or typed from under the QR code). */
export const passBody = z.object({
  code: z.string().trim().min(1, { error: 'form.pass_code_required' }).max(40),
});
/** A rotating code as a screen shows it, with its countdown by the server's clock. */
export const rotatingCode = z.object({
  code: z.string(),
  validUntil: z
    .string()
    .describe('when the screen replaces the code (still accepted for graceSeconds after)'),
  serverNow: z
    .string()
    .describe('the server’s clock, so a screen with a wrong clock still counts down right'),
  windowSeconds: z.number().int(),
  graceSeconds: z.number().int(),
});
export const passMarked = z.object({ memberId: uuid, name: z.string() });
export const guestBody = z.object({ name: text(200).min(1), title: text(200).default('') });
export const currentItemBody = z.object({
  agendaItemId: uuid.nullable(),
  markDone: z.boolean().default(false),
});
export const addAgendaItemBody = z.object({
  section: z.enum(['opening', 'main', 'closing']),
  title: text(300).min(1),
});
export const contributionBody = z
  .object({
    agendaItemId: uuid,
    memberId: uuid.optional(),
    guestName: text(200).optional(),
    summary: text(5000).min(1, { error: 'form.contribution_summary_required' }),
  })
  .refine((b) => b.memberId || b.guestName, { error: 'form.speaker_required', path: ['memberId'] });
export const notesBody = z.object({
  notes: z.string().max(50000),
  conclusion: z.string().max(10000).nullable().optional(),
  baseVersion: z.number().int(),
});
export const generalNotesBody = z.object({ text: z.string().max(50000), baseVersion: z.number().int() });
export const openVoteBody = z.object({
  subject: text(300).min(1),
  kind: voteKind.default('decision'),
  method: voteMethod.default('electronic'),
  agendaItemId: uuid.optional(),
});
export const ballotBody = z.object({ choice: voteChoice });
export const closeVoteBody = z.object({
  forCount: z.number().int().min(0).optional(),
  againstCount: z.number().int().min(0).optional(),
  abstainCount: z.number().int().min(0).optional(),
});
export const createTaskBody = z
  .object({
    title: text(500).min(1),
    expectedResult: text(1000).optional(),
    deadline: isoDate.optional(),
    assigneeMemberId: uuid.optional(),
    assigneeGroupId: uuid.optional(),
  })
  .refine((b) => b.assigneeMemberId || b.assigneeGroupId, {
    error: 'form.task_assignee_required',
    path: ['assigneeMemberId'],
  });
export const reviewTaskBody = z.object({
  status: z.enum(['done', 'not_done', 'cancelled']),
  resultNote: text(2000).optional(),
});
export const taskReportBody = z.object({
  note: text(5000).min(1, { error: 'form.task_report_required' }),
  progress: z.number().int().min(0).max(100).optional(),
});
export const adoptBody = z.object({
  decisionType: z.enum(['NQ', 'KL']).default('NQ'),
  decisionTitle: text(300).optional(),
});
export const signBody = z.object({ role: z.enum(['chair', 'minute_taker']) });
export const addendumBody = z.object({ text: text(10000).min(1, { error: 'form.addendum_text_required' }) });

export const taskListQuery = z.object({ filter: z.enum(taskFilters).default('mine') });
export const taskList = z.object({ items: z.array(taskView) });

/** A meeting in the member's list, with what the member may do with it now (the one meeting rule). */
const myMeetingItem = meetingListItem.extend({
  organizationName: z.string(),
  actions: z.array(meetingAction),
});

export const myMeetingsResponse = z.object({
  upcoming: z.array(
    myMeetingItem.extend({
      rsvp: z.enum(['confirmed', 'absence_requested']).nullable(),
      materialsCount: z.number().int(),
      unreadMaterials: z.number().int(),
    }),
  ),
  recent: z.array(myMeetingItem),
  calendarUrl: z.string().nullable(),
});

/** What publishing the notice or ending the meeting answers: what the rule set says went wrong, if anything. */
export const meetingWarnings = z.object({ ok: z.literal(true), warnings: z.array(messageSchema) });

export const notificationList = z.object({
  items: z.array(
    z.object({
      id: uuid,
      kind: z.string(),
      title: messageSchema,
      link: z.string().nullable(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
  unread: z.number().int(),
});
