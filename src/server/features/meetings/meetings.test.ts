// Service tests of the meeting cycle over HTTP: plan, prepare, publish, hold, vote, adopt, document, follow up;
// and the bad inputs the issue names (codes outside the meeting or twice, ineligible votes, locked minutes,
// absence without reason, concurrent minute edits).
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import type { MemberRef, OrgRef } from '../../testing/factories.ts';
import { addDays, todayIso } from '../../../domain/dates.ts';
import { renderVi } from '../../../messages/index.ts';
import { sendTaskReminders } from '../tasks/tasks.service.ts';
import { makeMeetingCell, type MeetingCell, type Req } from './meetings.fixtures.ts';

// The meeting is held today (it can only start on its day); the plan is for next year, wholly in the future.
const today = todayIso();
const thisMonth = today.slice(0, 7);
const nextYear = Number(today.slice(0, 4)) + 1;

let db: Database;
let client: MeetingCell['client'];
let cell: OrgRef;
let secretary: MemberRef;
let full: MemberRef[];
let probationary: MemberRef;
let temporary: MemberRef;
let sec: Req;
let reqOf: Map<string, Req>;
let outsider: Req;

beforeAll(async () => {
  ({ db, client, cell, secretary, full, probationary, temporary, sec, reqOf, outsider } =
    await makeMeetingCell());
});
afterAll(async () => db.close());

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

const ok = async (res: Response | Promise<Response>) => {
  const r = await json(res);
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('the meeting cycle', () => {
  let meetingId: string;

  it('checks the date against the rule set: the 3rd, or first week with a reason', async () => {
    const bad = await json(
      sec(`/api/organizations/${cell.id}/meetings`, {
        json: { kind: 'regular', forMonth: `${nextYear}-01`, plannedDate: `${nextYear}-01-09` },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({ path: 'dateReason' });
    expect(bad.body.error.issues[0].message).toContain('Chỉ thị 50-CT/TW');

    const plan = await ok(sec(`/api/organizations/${cell.id}/meeting-plan`, { json: { year: nextYear } }));
    expect(plan.created).toBe(12);
    const year = await ok(sec(`/api/organizations/${cell.id}/meetings?year=${nextYear}`));
    expect(year.meetings).toHaveLength(12);
    for (const [i, m] of year.meetings.entries()) {
      expect(m).toMatchObject({ status: 'planned', ruleSetId: 'ct50-hd42-2025' });
      expect(m.plannedDate).toBe(year.calendar[i].date);
      // On the 3rd, or moved within the first week with the day off named as the reason.
      if (m.plannedDate.endsWith('-03')) expect(m.dateReason).toBeNull();
      else expect(m.dateReason).toMatch(/là ngày nghỉ/);
    }
    expect(year.actions).toEqual(['plan_meetings', 'edit_work_programme']);
  });

  it('a secretary prepares and publishes a meeting; members and the follower are notified', async () => {
    const created = await ok(
      sec(`/api/organizations/${cell.id}/meetings`, {
        json: {
          kind: 'regular',
          forMonth: thisMonth,
          plannedDate: today,
          dateReason: today.endsWith('-03') ? undefined : 'Trường hợp đặc biệt: đón đoàn kiểm tra',
          location: 'Nhà văn hóa thôn',
        },
      }),
    );
    meetingId = created.id;
    const detail = await ok(sec(`/api/meetings/${meetingId}`));
    expect(detail.agenda.map((a: any) => a.key)).toEqual(
      expect.arrayContaining(['purpose_guests', 'appoint_minute_taker', 'previous_decision_review', 'vote']),
    );
    // Roll: cell members officially and temporarily; the exempt member is marked exempt.
    expect(detail.attendance).toHaveLength(9);
    expect(detail.summary).toMatchObject({ total: 9, exempt: 1, voteBase: 6 });
    expect(detail.actions).toEqual(expect.arrayContaining(['edit_preparation', 'publish_notice', 'start']));

    const noNotice = await json(sec(`/api/meetings/${meetingId}/publish`, { method: 'POST' }));
    expect(noNotice.status).toBe(400);
    await ok(
      sec(`/api/meetings/${meetingId}`, {
        method: 'PATCH',
        json: {
          chairMemberId: secretary.id,
          minuteTakerMemberId: full[0]!.id,
          preparerMemberId: secretary.id,
          noticeContent: 'Sinh hoạt thường kỳ tháng 12: đánh giá kết quả tháng 11, nhiệm vụ tháng 12',
          draftResolution: 'Vận động đảng viên tham gia bảo vệ môi trường\nHoàn thành thu đảng phí',
        },
      }),
    );
    const pub = await ok(sec(`/api/meetings/${meetingId}/publish`, { method: 'POST' }));
    expect(Array.isArray(pub.warnings)).toBe(true);
    const notes = await ok(reqOf.get(full[1]!.id)!('/api/me/notifications'));
    expect(renderVi(notes.items[0].title)).toContain('Thông báo sinh hoạt');
    // A member outside the subtree sees nothing of it.
    expect((await outsider(`/api/meetings/${meetingId}`)).status).toBe(404);
  });

  it('keeps material versions and read receipts; refuses other file types', async () => {
    const upload = (name: string, type: string, materialId?: string) => {
      const form = new FormData();
      form.set('file', new File([new TextEncoder().encode(`%PDF-1.4 ${name}`)], name, { type }));
      form.set('title', 'Dự thảo nghị quyết');
      if (materialId) form.set('materialId', materialId);
      return sec(`/api/meetings/${meetingId}/materials`, { method: 'POST', body: form });
    };
    const first = await ok(upload('du-thao.pdf', 'application/pdf'));
    await ok(upload('du-thao-v2.pdf', 'application/pdf', first.materialId));
    const bad = await json(upload('virus.exe', 'application/x-msdownload'));
    expect(bad.status).toBe(415);
    const member = reqOf.get(full[1]!.id)!;
    const seen = await ok(member(`/api/meetings/${meetingId}`));
    expect(seen.materials).toHaveLength(1);
    expect(seen.materials[0].versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(seen.materials[0].readByMe).toBe(false);
    const file = await member(`/api/material-versions/${seen.materials[0].versions[0].id}/download`);
    expect(await file.text()).toContain('du-thao-v2.pdf');
    const after = await ok(member(`/api/meetings/${meetingId}`));
    expect(after.materials[0]).toMatchObject({ readByMe: true, readCount: 1 });
    expect(
      (await outsider(`/api/material-versions/${seen.materials[0].versions[0].id}/download`)).status,
    ).toBe(404);
  });

  it('streams the room to open screens and pushes a new state after a change', async () => {
    const member = reqOf.get(full[2]!.id)!;
    const res = await member(`/api/meetings/${meetingId}/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const nextRoom = async () => {
      let buffer = '';
      for (;;) {
        const { value } = await reader.read();
        buffer += value;
        const m = /event: room\ndata: (.*)\n\n/.exec(buffer);
        if (m) return JSON.parse(m[1]!);
      }
    };
    const initial = await nextRoom();
    expect(initial.id).toBe(meetingId);
    await ok(
      sec(`/api/meetings/${meetingId}/guests`, {
        json: { name: 'Đồng chí Phó Bí thư Đảng ủy xã', title: 'Khách mời' },
      }),
    );
    const pushed = await nextRoom();
    expect(pushed.guests.map((g: any) => g.name)).toContain('Đồng chí Phó Bí thư Đảng ủy xã');
    await reader.cancel();
    expect((await outsider(`/api/meetings/${meetingId}/events`)).status).toBe(404);
  });

  it('an absence request needs a reason', async () => {
    const m = reqOf.get(full[4]!.id)!;
    const bad = await json(
      m(`/api/meetings/${meetingId}/rsvp`, { json: { response: 'absence_requested', reason: ' ' } }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Phải ghi lý do');
    await ok(
      m(`/api/meetings/${meetingId}/rsvp`, {
        json: { response: 'absence_requested', reason: 'Đi công tác' },
      }),
    );
    const mine = await ok(m('/api/me/meetings'));
    expect(mine.upcoming[0]).toMatchObject({ id: meetingId, rsvp: 'absence_requested' });
    expect(mine.calendarUrl).toMatch(/\/api\/calendar\/.+\.ics$/);
    const ics = await client.app.request(new URL(mine.calendarUrl).pathname);
    expect(await ics.text()).toContain('SUMMARY:Sinh hoạt thường kỳ – ');
  });

  it('check-in by code works only during the meeting, once per member', async () => {
    const m1 = reqOf.get(full[1]!.id)!;
    const before = await json(m1(`/api/meetings/${meetingId}/check-in`, { json: { code: 'ABCDEF' } }));
    expect(before.status).toBe(422);

    await ok(sec(`/api/meetings/${meetingId}/start`, { method: 'POST' }));
    const { checkinCode } = await ok(sec(`/api/meetings/${meetingId}`));
    expect(checkinCode).toMatch(/^\d{6}$/);
    // Members never see the code through the API.
    expect((await ok(m1(`/api/meetings/${meetingId}`))).checkinCode).toBeNull();

    const wrong = await json(m1(`/api/meetings/${meetingId}/check-in`, { json: { code: 'ZZZZZZ' } }));
    expect(wrong.status).toBe(400);
    await ok(m1(`/api/meetings/${meetingId}/check-in`, { json: { code: ` ${checkinCode.toLowerCase()} ` } }));
    const twice = await json(m1(`/api/meetings/${meetingId}/check-in`, { json: { code: checkinCode } }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('đã được điểm danh');

    for (const m of [secretary, full[0]!, full[2]!, probationary, temporary]) {
      await ok(reqOf.get(m.id)!(`/api/meetings/${meetingId}/check-in`, { json: { code: checkinCode } }));
    }
    // The minute-taker taps the rest.
    const taker = reqOf.get(full[0]!.id)!;
    const noReason = await json(
      taker(`/api/meetings/${meetingId}/attendance`, {
        json: { memberId: full[3]!.id, status: 'absent_excused' },
      }),
    );
    expect(noReason.status).toBe(400);
    await ok(
      taker(`/api/meetings/${meetingId}/attendance`, { json: { memberId: full[3]!.id, status: 'present' } }),
    );
    const detail = await ok(sec(`/api/meetings/${meetingId}`));
    // Absence requested beforehand became "absent with reason" at the start.
    expect(detail.attendance.find((a: any) => a.memberId === full[4]!.id)).toMatchObject({
      status: 'absent_excused',
      reason: 'Đi công tác',
    });
    expect(detail.summary).toMatchObject({
      present: 7,
      presentFull: 6,
      presentProbationary: 1,
      presentTemporary: 1,
      voteBase: 6,
      eligiblePresent: 5,
    });
  });

  it('records contributions and minutes; detects concurrent edits without losing text', async () => {
    const detail = await ok(sec(`/api/meetings/${meetingId}`));
    const item = detail.agenda.find((a: any) => a.key === 'discussion');
    await ok(
      sec(`/api/meetings/${meetingId}/contributions`, {
        json: {
          agendaItemId: item.id,
          memberId: full[2]!.id,
          summary: 'Đề nghị tăng cường vệ sinh môi trường',
        },
      }),
    );
    const notPresent = await json(
      sec(`/api/meetings/${meetingId}/contributions`, {
        json: { agendaItemId: item.id, memberId: full[4]!.id, summary: 'x' },
      }),
    );
    expect(notPresent.status).toBe(400);
    const taker = reqOf.get(full[0]!.id)!;
    const first = await ok(
      taker(`/api/meetings/${meetingId}/agenda/${item.id}`, {
        method: 'PUT',
        json: { notes: 'Bản của thư ký', baseVersion: item.notesVersion },
      }),
    );
    expect(first.notesVersion).toBe(item.notesVersion + 1);
    const conflict = await json(
      sec(`/api/meetings/${meetingId}/agenda/${item.id}`, {
        method: 'PUT',
        json: { notes: 'Bản của bí thư', baseVersion: item.notesVersion },
      }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('edit_conflict');
    // The other text travels as written (a verbatim message), for the editor to show beside this one.
    expect(conflict.body.error.issues[0]).toMatchObject({ path: 'notes', message: 'Bản của thư ký' });
    const after = await ok(sec(`/api/meetings/${meetingId}`));
    expect(after.speakersShare).toBeCloseTo(1 / 7);
    expect(after.agenda.find((a: any) => a.id === item.id).notes).toBe('Bản của thư ký');
  });

  it('only eligible full members present vote; the resolution passes with more than half of the base', async () => {
    const vote = await ok(
      sec(`/api/meetings/${meetingId}/votes`, {
        json: { subject: 'Thông qua nghị quyết tháng này', kind: 'decision', method: 'electronic' },
      }),
    );
    const byProbationary = await json(
      reqOf.get(probationary.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'for' } }),
    );
    expect(byProbationary.status).toBe(403);
    expect(byProbationary.body.error.message).toContain('dự bị');
    const byTemporary = await json(
      reqOf.get(temporary.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'for' } }),
    );
    expect(byTemporary.status).toBe(403);
    const byAbsent = await json(
      reqOf.get(full[4]!.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'for' } }),
    );
    expect(byAbsent.status).toBe(403);
    for (const m of [secretary, full[0]!, full[1]!, full[2]!]) {
      await ok(reqOf.get(m.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'for' } }));
    }
    await ok(reqOf.get(full[3]!.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'abstain' } }));
    const again = await json(
      reqOf.get(full[3]!.id)!(`/api/votes/${vote.id}/ballots`, { json: { choice: 'for' } }),
    );
    expect(again.status).toBe(409);
    const closed = await ok(sec(`/api/votes/${vote.id}/close`, { json: {} }));
    expect({ ...closed, line: renderVi(closed.line) }).toEqual({
      passed: true,
      line: '4/6 đồng chí tán thành, đạt 66,7%',
    });
  });

  it('assigns tasks, ends, adopts once and numbers the decision; the minutes are then locked', async () => {
    await ok(
      sec(`/api/meetings/${meetingId}/tasks`, {
        json: {
          title: 'Ra quân vệ sinh đường làng',
          assigneeMemberId: full[1]!.id,
          deadline: addDays(today, 20),
        },
      }),
    );
    const ended = await ok(sec(`/api/meetings/${meetingId}/end`, { method: 'POST' }));
    expect(renderVi(ended.warnings[0])).toContain('chưa đủ 90 phút');
    const adopted = await ok(sec(`/api/meetings/${meetingId}/adopt`, { json: { decisionType: 'NQ' } }));
    expect(adopted.decisionNumber).toBe('01-NQ/CB');
    const twice = await json(sec(`/api/meetings/${meetingId}/adopt`, { json: { decisionType: 'NQ' } }));
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toContain('đã được thông qua');
    const detail = await ok(sec(`/api/meetings/${meetingId}`));
    const item = detail.agenda[0];
    const edit = await json(
      sec(`/api/meetings/${meetingId}/agenda/${item.id}`, {
        method: 'PUT',
        json: { notes: 'x', baseVersion: item.notesVersion },
      }),
    );
    expect(edit.status).toBe(422);
    expect(edit.body.error.message).toContain('phụ lục');
    await ok(
      sec(`/api/meetings/${meetingId}/addenda`, { json: { text: 'Bổ sung ý kiến của đồng chí Đức' } }),
    );
    // Only the chair signs as chair.
    expect(
      (await reqOf.get(full[2]!.id)!(`/api/meetings/${meetingId}/sign`, { json: { role: 'chair' } })).status,
    ).toBe(403);
    await ok(sec(`/api/meetings/${meetingId}/sign`, { json: { role: 'chair' } }));
  });

  it('exports the decision and minutes as DOCX and PDF with the number and vote line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-docs-'));
    for (const file of ['decision.pdf', 'minutes.pdf', 'attendance.pdf']) {
      const res = await sec(`/api/meetings/${meetingId}/documents/${file}`);
      expect(res.status).toBe(200);
      const path = join(dir, file);
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      if (file === 'decision.pdf') {
        expect(text).toContain('Số 01-NQ/CB');
        expect(text).toContain('4/6 đồng chí tán thành, đạt 66,7%');
        expect(text).toContain('T/M CHI BỘ');
        expect(text).toContain('Nguyễn Thị Hường');
      }
    }
    const docx = await sec(`/api/meetings/${meetingId}/documents/decision.docx`);
    const path = join(dir, 'decision.docx');
    writeFileSync(path, Buffer.from(await docx.arrayBuffer()));
    expect(execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' })).toContain(
      '01-NQ/CB',
    );
    expect((await sec(`/api/organizations/${cell.id}/books/${today.slice(0, 4)}/decisions.pdf`)).status).toBe(
      200,
    );
  });

  it('next month’s meeting reviews the task; reminders reach the assignee', async () => {
    const year = await ok(sec(`/api/organizations/${cell.id}/meetings?year=${nextYear}`));
    const jan = year.meetings.find((m: any) => m.forMonth === `${nextYear}-01`);
    const detail = await ok(sec(`/api/meetings/${jan.id}`));
    expect(detail.previousTasks).toHaveLength(1);
    expect(detail.previousAchievement.decisionNumber).toBe('01-NQ/CB');
    const task = detail.previousTasks[0];
    // The detail says what this viewer may do with each task (the room's state carries no viewer's actions).
    expect(task.actions).toEqual(['report', 'review']);
    const assignee = reqOf.get(full[1]!.id)!;
    expect((await ok(assignee(`/api/meetings/${jan.id}`))).previousTasks[0].actions).toEqual(['report']);
    const inbox = await ok(assignee('/api/tasks?filter=mine'));
    expect(inbox.items.map((t: any) => t.id)).toContain(task.id);
    await ok(
      assignee(`/api/tasks/${task.id}/reports`, {
        json: { note: 'Đã huy động 20 hộ tham gia', progress: 100 },
      }),
    );
    const form = new FormData();
    form.set('note', 'Ảnh buổi ra quân');
    form.set('progress', '100');
    form.set(
      'file',
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'ra-quan.png', { type: 'image/png' }),
    );
    const withFile = await ok(
      assignee(`/api/tasks/${task.id}/reports/upload`, { method: 'POST', body: form }),
    );
    const badForm = new FormData();
    badForm.set('note', 'x');
    badForm.set('file', new File(['x'], 'a.exe', { type: 'application/x-msdownload' }));
    expect(
      (await assignee(`/api/tasks/${task.id}/reports/upload`, { method: 'POST', body: badForm })).status,
    ).toBe(415);
    const photo = await sec(`/api/task-reports/${withFile.id}/file`);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect((await outsider(`/api/task-reports/${withFile.id}/file`)).status).toBe(404);
    // The assignee cannot judge their own task.
    expect((await assignee(`/api/tasks/${task.id}/review`, { json: { status: 'done' } })).status).toBe(403);
    await ok(sec(`/api/tasks/${task.id}/review`, { json: { status: 'done', resultNote: 'Hoàn thành' } }));
    const reviewed = await ok(sec(`/api/meetings/${jan.id}`));
    expect(reviewed.previousAchievement).toMatchObject({ due: 1, achieved: 1, share: 1 });

    // A second task, still open: a reminder before its deadline and one after, each sent once.
    await db.query(
      `INSERT INTO task (province_id, organization_id, meeting_id, title, deadline, assignee_member_id)
       VALUES ($1,$2,$3,'Nộp báo cáo sơ kết',$4,$5)`,
      [cell.provinceId, cell.id, meetingId, addDays(today, 10), full[2]!.id],
    );
    expect((await sendTaskReminders(db, addDays(today, 8))).sent).toBe(1);
    expect((await sendTaskReminders(db, addDays(today, 8))).sent).toBe(0);
    expect((await sendTaskReminders(db, addDays(today, 11))).sent).toBe(1);
    // A notification stored as text before titles were messages still shows, as stored.
    await db.query(`INSERT INTO notification (member_id, kind, title) VALUES ($1, 'task_overdue', $2)`, [
      full[2]!.id,
      'Nhiệm vụ cũ đã quá hạn',
    ]);
    const notes = await ok(reqOf.get(full[2]!.id)!('/api/me/notifications'));
    expect(notes.items.map((n: any) => renderVi(n.title))).toEqual(
      expect.arrayContaining([
        'Sắp đến hạn nhiệm vụ: Nộp báo cáo sơ kết',
        'Nhiệm vụ đã quá hạn: Nộp báo cáo sơ kết',
      ]),
    );
    expect(notes.items.map((n: any) => n.title)).toContainEqual({
      code: 'text.verbatim',
      params: { text: 'Nhiệm vụ cũ đã quá hạn' },
    });
  });

  it('shows nothing of the cell to someone outside its subtree, and names bad input', async () => {
    const year = today.slice(0, 4);
    for (const path of [
      `/api/organizations/${cell.id}/meetings?year=${year}`,
      `/api/organizations/${cell.id}/work-programme?year=${year}`,
      `/api/organizations/${cell.id}/thematic-topics?year=${year}`,
      `/api/organizations/${cell.id}/compliance?year=${year}`,
      `/api/organizations/${cell.id}/books/${year}/minutes.pdf`,
      `/api/organizations/${cell.id}/ratings?year=${year}`,
      `/api/organizations/${cell.id}/scoring-frameworks`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/events`,
      `/api/meetings/${meetingId}/scores`,
      `/api/meetings/${meetingId}/documents/minutes.pdf`,
    ]) {
      expect((await outsider(path)).status, path).toBe(404);
    }
    for (const [path, json] of [
      [
        `/api/organizations/${cell.id}/meetings`,
        { kind: 'regular', forMonth: '2027-05', plannedDate: '2027-05-03' },
      ],
      [`/api/organizations/${cell.id}/meeting-plan`, { year: 2027 }],
      [`/api/meetings/${meetingId}/rsvp`, { response: 'confirmed' }],
      [`/api/meetings/${meetingId}/check-in`, { code: 'ABCDEF' }],
      [`/api/meetings/${meetingId}/addenda`, { text: 'x' }],
    ] as const) {
      expect((await outsider(path, { json })).status, path).toBe(404);
    }
    expect((await client.app.request('/api/calendar/khong-co.ics')).status).toBe(404);
    const badFile = await json(sec(`/api/meetings/${meetingId}/documents/minutes.exe`));
    expect(badFile.status).toBe(404);
    expect(badFile.body.error.message).toContain('minutes.docx');
    const badYear = await json(sec(`/api/organizations/${cell.id}/meetings?year=abc`));
    expect(badYear.status).toBe(400);
    expect(badYear.body.error.issues[0].path).toBe('year');
  });
});
