import { describe, expect, it } from 'vitest';
import { meetingActions as vocabulary } from '../contracts/meetings.ts';
import { renderVi } from '../messages/index.ts';
import {
  type MeetingAction,
  meetingActionRefusal,
  meetingActions,
  type MeetingState,
  type MeetingViewer,
  nextStatus,
} from './meeting-actions.ts';
import { DomainError } from './messages.ts';
import type { AttendanceEntry } from './meeting-attendance.ts';
import type { MeetingStatus } from './meetings.ts';

const statuses: readonly MeetingStatus[] = [
  'planned',
  'notified',
  'in_session',
  'held',
  'adopted',
  'cancelled',
];

const entry = (status: AttendanceEntry['status'], memberClass: 'full' | 'probationary' = 'full') => ({
  memberId: 'me',
  memberClass,
  temporary: false,
  exempt: false,
  status,
});

const nobody: MeetingViewer = {
  manage: false,
  run: false,
  entry: null,
  chair: false,
  minuteTaker: false,
  scorer: false,
};

/** The kinds of viewer a meeting has. Those on the roll are present, except where named otherwise. */
const viewers = {
  leader: { ...nobody, manage: true, run: true, entry: entry('present'), scorer: true },
  minuteTaker: { ...nobody, run: true, entry: entry('present'), minuteTaker: true },
  chair: { ...nobody, entry: entry('present'), chair: true },
  memberPresent: { ...nobody, entry: entry('present') },
  memberAbsent: { ...nobody, entry: entry('absent_unexcused') },
  memberUnmarked: { ...nobody, entry: entry(null) },
  probationaryPresent: { ...nobody, entry: entry('present', 'probationary') },
  notOnRoll: nobody,
  follower: { ...nobody, scorer: true },
  upperCommittee: { ...nobody, scorer: true },
} satisfies Record<string, MeetingViewer>;
type Kind = keyof typeof viewers;
const kinds = Object.keys(viewers) as Kind[];

const onRoll: Kind[] = kinds.filter((k) => viewers[k].entry !== null);
const before: MeetingStatus[] = ['planned', 'notified'];
const beforeEnd: MeetingStatus[] = ['planned', 'notified', 'in_session'];

/** The specification, written out: who may take each action, and in which statuses. */
const spec: Record<MeetingAction, { who: Kind[]; in: MeetingStatus[] }> = {
  edit_preparation: { who: ['leader'], in: before },
  upload_material: { who: ['leader'], in: ['planned', 'notified', 'in_session', 'held'] },
  publish_notice: { who: ['leader'], in: ['planned'] },
  cancel: { who: ['leader'], in: before },
  rsvp: { who: onRoll, in: before },
  start: { who: ['leader'], in: before },
  end: { who: ['leader'], in: ['in_session'] },
  check_in: { who: onRoll, in: ['in_session'] },
  record_attendance: { who: ['leader', 'minuteTaker'], in: ['in_session'] },
  add_guest: { who: ['leader', 'minuteTaker'], in: beforeEnd },
  edit_agenda: { who: ['leader', 'minuteTaker'], in: beforeEnd },
  set_current_item: { who: ['leader', 'minuteTaker'], in: ['in_session'] },
  record_contribution: { who: ['leader', 'minuteTaker'], in: ['in_session', 'held'] },
  add_task: { who: ['leader', 'minuteTaker'], in: ['in_session', 'held'] },
  open_vote: { who: ['leader', 'minuteTaker'], in: ['in_session'] },
  close_vote: { who: ['leader', 'minuteTaker'], in: ['in_session'] },
  cast_vote: { who: ['leader', 'minuteTaker', 'chair', 'memberPresent'], in: ['in_session'] },
  edit_minutes: { who: ['leader', 'minuteTaker'], in: ['in_session', 'held'] },
  adopt_minutes: { who: ['leader'], in: ['held'] },
  sign_chair: { who: ['chair'], in: ['adopted'] },
  sign_minute_taker: { who: ['minuteTaker'], in: ['adopted'] },
  add_addendum: { who: ['leader', 'minuteTaker'], in: ['adopted'] },
  score: { who: ['leader', 'follower', 'upperCommittee'], in: ['held', 'adopted'] },
};

const meetingIn = (status: MeetingStatus): MeetingState => ({
  status,
  chairSigned: false,
  minuteTakerSigned: false,
});

/** What the specification expects: forbidden first, then the state, then what is already done. */
function expected(kind: Kind, status: MeetingStatus, action: MeetingAction) {
  if (!spec[action].who.includes(kind)) return 'forbidden';
  if (!spec[action].in.includes(status)) return 'invalid_state';
  if (action === 'check_in' && viewers[kind].entry?.status === 'present') return 'conflict';
  return null;
}

describe('the rule of meeting actions', () => {
  it('covers the one vocabulary, and nothing else', () => {
    expect(Object.keys(spec).sort()).toEqual([...vocabulary].sort());
  });

  for (const action of vocabulary) {
    it(`${action}: each status × each kind of viewer`, () => {
      const got: Record<string, string | null> = {};
      const want: Record<string, string | null> = {};
      for (const status of statuses) {
        for (const kind of kinds) {
          const key = `${status} / ${kind}`;
          got[key] = meetingActionRefusal(viewers[kind], meetingIn(status), action)?.error ?? null;
          want[key] = expected(kind, status, action);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('lists exactly the actions without a refusal', () => {
    for (const status of statuses) {
      for (const kind of kinds) {
        const list = meetingActions(viewers[kind], meetingIn(status));
        expect(list).toEqual(vocabulary.filter((a) => expected(kind, status, a) === null));
      }
    }
  });

  it('shows the leader the lifecycle one step at a time', () => {
    const at = (status: MeetingStatus) => meetingActions(viewers.leader, meetingIn(status));
    expect(at('planned')).toEqual(expect.arrayContaining(['publish_notice', 'start', 'cancel']));
    expect(at('notified')).not.toContain('publish_notice');
    expect(at('in_session')).toEqual(expect.arrayContaining(['end', 'record_attendance', 'open_vote']));
    expect(at('held')).toEqual(expect.arrayContaining(['adopt_minutes', 'edit_minutes', 'add_task']));
    // After the meeting nobody marks attendance: the server would refuse it.
    expect(at('held')).not.toContain('record_attendance');
    expect(at('adopted')).toEqual(['add_addendum', 'score']);
    expect(at('cancelled')).toEqual([]);
  });

  it('words each refusal as the services always have', () => {
    const words = (v: MeetingViewer, status: MeetingStatus, action: MeetingAction) => {
      return renderVi(meetingActionRefusal(v, meetingIn(status), action)!.message);
    };
    expect(words(viewers.memberPresent, 'planned', 'start')).toBe(
      'Chỉ bí thư, phó bí thư chi bộ được thực hiện',
    );
    expect(words(viewers.memberPresent, 'in_session', 'record_attendance')).toContain('thư ký');
    expect(words(viewers.leader, 'adopted', 'adopt_minutes')).toBe('Biên bản đã được thông qua');
    expect(words(viewers.leader, 'adopted', 'edit_minutes')).toContain('phụ lục');
    expect(words(viewers.memberUnmarked, 'planned', 'check_in')).toBe(
      'Chỉ điểm danh được trong thời gian cuộc họp diễn ra',
    );
    expect(words(viewers.memberPresent, 'in_session', 'check_in')).toBe('Đồng chí đã được điểm danh có mặt');
    expect(words(viewers.probationaryPresent, 'in_session', 'cast_vote')).toContain('dự bị');
    expect(words(viewers.memberAbsent, 'in_session', 'cast_vote')).toContain('có mặt');
    expect(words(viewers.notOnRoll, 'notified', 'rsvp')).toBe('Đồng chí không có trong danh sách dự họp này');
    expect(words(viewers.leader, 'held', 'add_guest')).toBe('Chỉ thêm khách mời trước hoặc trong cuộc họp');
    expect(words(viewers.leader, 'adopted', 'upload_material')).toBe(
      'Không thêm tài liệu cho cuộc họp đã kết thúc hồ sơ',
    );
    expect(words(viewers.follower, 'in_session', 'score')).toBe(
      'Cuộc họp chưa diễn ra nên chưa chấm điểm được',
    );
    expect(words(viewers.memberPresent, 'adopted', 'sign_chair')).toBe(
      'Chỉ đồng chí chủ trì cuộc họp được ký',
    );
  });

  it('lets each signer sign once', () => {
    const signed = { status: 'adopted' as const, chairSigned: true, minuteTakerSigned: false };
    expect(meetingActionRefusal(viewers.chair, signed, 'sign_chair')).toMatchObject({ error: 'conflict' });
    expect(meetingActionRefusal(viewers.minuteTaker, signed, 'sign_minute_taker')).toBeNull();
    expect(meetingActions(viewers.chair, signed)).not.toContain('sign_chair');
    // Someone who is both chair and minute-taker signs in both roles.
    const both = { ...viewers.chair, minuteTaker: true };
    expect(meetingActions(both, meetingIn('adopted'))).toEqual(['sign_chair', 'sign_minute_taker']);
  });

  it('names the form field of a second check-in', () => {
    const r = meetingActionRefusal(viewers.memberPresent, meetingIn('in_session'), 'check_in');
    expect(r?.issues?.map((i) => i.path)).toEqual(['code']);
  });
});

/** Someone who may take every action (a leader who chairs, takes the minutes and scores): only the state refuses. */
const anyone: MeetingViewer = {
  manage: true,
  run: true,
  entry: entry(null),
  chair: true,
  minuteTaker: true,
  scorer: true,
};
const anyoneVoting: MeetingViewer = { ...anyone, entry: entry('present') };

/** Where the lifecycle's moves lead; every other action keeps the status. */
const after: Partial<Record<MeetingAction, MeetingStatus>> = {
  publish_notice: 'notified',
  start: 'in_session',
  end: 'held',
  adopt_minutes: 'adopted',
  cancel: 'cancelled',
};

describe('the lifecycle of a meeting, every status × action', () => {
  const cases = statuses.flatMap((status) => vocabulary.map((action) => [status, action] as const));
  it.each(cases)('%s + %s', (status, action) => {
    const viewer = action === 'cast_vote' ? anyoneVoting : anyone;
    const refusal = meetingActionRefusal(viewer, meetingIn(status), action);
    if (spec[action].in.includes(status)) {
      expect(refusal).toBeNull();
      expect(nextStatus(status, action)).toBe(after[action] ?? status);
    } else {
      expect(refusal?.error).toBe('invalid_state');
      expect(renderVi(refusal!.message)).toMatch(/\S/);
      let thrown: unknown = null;
      try {
        nextStatus(status, action);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).problem).toEqual(refusal!.message);
    }
  });
});

describe('the lifecycle of a meeting: its words', () => {
  const words = (status: MeetingStatus, action: MeetingAction) => {
    const viewer = action === 'cast_vote' ? anyoneVoting : anyone;
    return renderVi(meetingActionRefusal(viewer, meetingIn(status), action)!.message);
  };
  const locked = 'Biên bản đã được thông qua và khóa; chỉ có thể thêm phụ lục bổ sung có ghi ngày';
  it.each([
    ['adopted', 'adopt_minutes', 'Biên bản đã được thông qua'],
    ['adopted', 'edit_minutes', locked],
    ['adopted', 'record_attendance', locked],
    ['adopted', 'edit_preparation', locked],
    ['adopted', 'add_task', locked],
    ['cancelled', 'start', 'Cuộc họp đã bị hủy'],
    ['cancelled', 'cancel', 'Cuộc họp đã bị hủy'],
    ['cancelled', 'sign_chair', 'Cuộc họp đã bị hủy'],
    ['notified', 'publish_notice', 'Thông báo triệu tập đã được gửi'],
    ['in_session', 'publish_notice', 'Chỉ gửi thông báo triệu tập trước khi cuộc họp bắt đầu'],
    ['in_session', 'start', 'Cuộc họp đang diễn ra'],
    ['held', 'start', 'Cuộc họp đã kết thúc'],
    ['planned', 'end', 'Cuộc họp chưa bắt đầu'],
    ['in_session', 'adopt_minutes', 'Kết thúc cuộc họp trước khi thông qua biên bản'],
    ['notified', 'adopt_minutes', 'Cuộc họp chưa diễn ra, chưa có biên bản để thông qua'],
    ['in_session', 'cancel', 'Cuộc họp đang diễn ra, không thể hủy'],
    ['held', 'cancel', 'Cuộc họp đã diễn ra, không thể hủy'],
    ['in_session', 'edit_preparation', 'Cuộc họp đã bắt đầu; không sửa phần chuẩn bị'],
    ['planned', 'open_vote', 'Cuộc họp chưa bắt đầu'],
    ['held', 'cast_vote', 'Cuộc họp đã kết thúc'],
    ['held', 'sign_chair', 'Biên bản chưa được thông qua'],
    ['in_session', 'add_addendum', 'Biên bản chưa được thông qua'],
    ['planned', 'edit_minutes', 'Cuộc họp chưa bắt đầu, chưa có biên bản'],
    ['held', 'rsvp', 'Chỉ xác nhận dự họp hoặc xin vắng trước khi cuộc họp bắt đầu'],
  ] as const)('%s + %s: %s', (status, action, text) => {
    expect(words(status, action)).toBe(text);
  });

  it('names the problem by code', () => {
    const code = (status: MeetingStatus, action: MeetingAction) =>
      meetingActionRefusal(anyone, meetingIn(status), action)?.message;
    expect(code('planned', 'end')).toEqual({ code: 'meeting.action.not_started' });
    expect(code('adopted', 'edit_minutes')).toEqual({ code: 'meeting.action.minutes_locked' });
    expect(code('cancelled', 'start')).toEqual({ code: 'meeting.action.cancelled' });
  });

  it('walks the happy path', () => {
    let s: MeetingStatus = 'planned';
    for (const a of ['publish_notice', 'start', 'end', 'adopt_minutes'] as const) s = nextStatus(s, a);
    expect(s).toBe('adopted');
    expect(() => nextStatus(s, 'adopt_minutes')).toThrow('Biên bản đã được thông qua');
  });
});
