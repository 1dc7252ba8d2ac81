// Journey: a cell's monthly meeting from preparation to the adopted resolution, on phones. The secretary prepares
// and runs the meeting; a member asks to be excused, changes their mind, checks in with the room's code and votes
// from their own phone while the secretary's screen follows live; the minutes are adopted and numbered, the
// documents download as DOCX and PDF, and next month's meeting reviews the task given here, in its room.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { type Message, renderVi } from '../src/messages/index.ts';
import { apiLogin, expectNoSeriousA11yViolations, login } from './support';

const password = 'ChiBo@2025';
const cell = 'Chi bộ thôn Đông Hạ';
const phone = { width: 360, height: 740 };
const taskTitle = 'Vận động nhân dân hiến đất làm đường liên thôn';

interface Row {
  memberId: string;
  name: string;
  memberClass: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
  status: string | null;
}
interface Detail {
  id: string;
  plannedDate: string;
  organization: { id: string };
  forMonth: string;
  attendance: Row[];
  summary: { voteBase: number; present: number; total: number };
  votes: { id: string; status: string }[];
}
interface MemberItem {
  id: string;
  partyCardNumber: string | null;
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

test('a cell meeting: prepare, hold it live on phones, adopt the minutes, download, review next month', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);

  // ---- The secretary, on a phone, finds the cell's upcoming meeting and prepares it.
  const secretaryContext = await browser.newContext({ baseURL, viewport: phone, acceptDownloads: true });
  const sec = await secretaryContext.newPage();
  await login(sec, '0900000002', password);
  const mine = await json<{ upcoming: { id: string; kind: string; organizationName: string }[] }>(
    await sec.request.get('/api/me/meetings'),
    'my meetings',
  );
  // The cell's next monthly meeting (the demo also holds an extraordinary meeting today, which this journey leaves).
  const upcoming = mine.upcoming.find(
    (m) => m.organizationName === cell && (m.kind === 'regular' || m.kind === 'regular_thematic'),
  );
  expect(upcoming, 'the secretary has an upcoming meeting of the cell').toBeTruthy();
  const id = upcoming!.id;
  const detailOf = async () => json<Detail>(await sec.request.get(`/api/meetings/${id}`), 'meeting detail');
  let first = await detailOf();
  // The journey runs on any day; a meeting starts only on its day, so it is moved to today with a reason.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  if (first.plannedDate !== today) {
    const moved = await sec.request.patch(`/api/meetings/${id}`, {
      data: {
        plannedDate: today,
        changeReason: 'Đồng chí bí thư đi công tác vào ngày dự kiến',
        dateReason: today.endsWith('-03') ? null : 'Trường hợp đặc biệt: bí thư đi công tác',
      },
    });
    expect(moved.status(), await moved.text()).toBe(200);
    first = await detailOf();
  }

  await sec.goto(`/meetings/${id}?tab=prep`);
  await expect(sec.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(sec.getByText(/Theo Chỉ thị 50-CT\/TW/).first()).toBeVisible();
  await sec.getByRole('textbox', { name: 'Địa điểm' }).fill('Nhà văn hóa thôn Đông Hạ');
  await sec
    .getByRole('textbox', { name: 'Dự thảo nghị quyết' })
    .fill('Dự thảo nghị quyết tháng: 1. Làm đường liên thôn; 2. Chuẩn bị đón Tết.');
  await sec.getByRole('button', { name: 'Lưu phần chuẩn bị' }).click();
  await expect(sec.getByText('Đã lưu phần chuẩn bị')).toBeVisible();
  await sec.getByRole('textbox', { name: 'Nội dung mục mới' }).fill('Bàn kế hoạch làm đường liên thôn');
  await sec.getByRole('button', { name: 'Thêm mục' }).click();
  await expect(sec.getByText('Bàn kế hoạch làm đường liên thôn')).toBeVisible();
  // The demo may have notified the members already: wait until the page shows one state or the other.
  const publish = sec.getByRole('button', { name: 'Gửi thông báo' });
  const published = sec.getByText(/Đã gửi thông báo lúc/);
  await expect(publish.or(published).first()).toBeVisible();
  if (await publish.isVisible()) {
    await publish.click();
    await expect(sec.getByText('Đã gửi thông báo đến đảng viên')).toBeVisible();
  }
  await expect(published).toBeVisible();
  await expectNoSeriousA11yViolations(sec, 'meeting preparation (secretary, phone)');

  // ---- The member, on their own phone, asks to be excused (a reason is required), then confirms after all.
  const memberContext = await browser.newContext({ baseURL, viewport: phone });
  const mem = await memberContext.newPage();
  await login(mem, '0900000003', password);
  const memberMe = await json<{ member: { id: string; fullName: string } }>(
    await mem.request.get('/api/me'),
    'member /me',
  );
  const secretaryMe = await json<{ member: { id: string } }>(
    await sec.request.get('/api/me'),
    'secretary /me',
  );
  await mem.goto(`/meetings/${id}`);
  const rsvp = mem.getByRole('region', { name: 'Tham dự của bạn' });
  await rsvp.getByRole('button', { name: 'Xin vắng' }).click();
  await rsvp.getByRole('button', { name: 'Gửi xin vắng' }).click();
  await expect(rsvp.getByText('Phải ghi lý do')).toBeVisible();
  await rsvp.getByRole('textbox', { name: 'Lý do xin vắng' }).fill('Đi công tác huyện');
  await rsvp.getByRole('button', { name: 'Gửi xin vắng' }).click();
  await expect(rsvp.getByText('Bạn đã xin vắng. Lý do: Đi công tác huyện')).toBeVisible();
  await rsvp.getByRole('button', { name: 'Xác nhận tham dự' }).click();
  await expect(rsvp.getByText('Bạn đã xác nhận tham dự.')).toBeVisible();
  await expectNoSeriousA11yViolations(mem, 'meeting before the start (member, phone)');

  // ---- Enough full members to pass a resolution by electronic ballot: the member, the secretary, and others who
  // get an account from the administrator (reset-password creates it) and vote through the API.
  const voteBase = first.summary.voteBase;
  const needed = Math.floor(voteBase / 2) + 1;
  const voters = first.attendance.filter(
    (r) =>
      r.memberClass === 'full' &&
      !r.temporary &&
      !r.exempt &&
      r.memberId !== memberMe.member.id &&
      r.memberId !== secretaryMe.member.id,
  );
  const members = await json<{ items: MemberItem[] }>(
    await sec.request.get(`/api/members?organizationId=${first.organization.id}&scope=direct&limit=200`),
    'members',
  );
  const cards = new Map(members.items.map((m) => [m.id, m.partyCardNumber]));
  const extra = voters.filter((r) => cards.get(r.memberId)).slice(0, Math.max(0, needed - 2));
  expect(extra.length, 'enough full members with a party card to pass the vote').toBe(
    Math.max(0, needed - 2),
  );
  const extraClients: APIRequestContext[] = [];
  const admin = await playwrightRequest.newContext({ baseURL });
  await apiLogin(admin, 'admin', password);
  for (const r of extra) {
    const reset = await admin.post(`/api/members/${r.memberId}/reset-password`, {
      data: { newPassword: 'Tam@thoi2026' },
    });
    expect(reset.status(), `account for ${r.name}: ${await reset.text()}`).toBe(200);
    const client = await playwrightRequest.newContext({ baseURL });
    await apiLogin(client, cards.get(r.memberId)!, 'Tam@thoi2026');
    extraClients.push(client);
  }

  // ---- The secretary starts the meeting and marks members present by tapping.
  await sec.getByRole('tab', { name: 'Phòng họp' }).click();
  await sec.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
  const codeBox = sec.getByTestId('checkin-code');
  await expect(codeBox).toHaveText(/^\d{6}$/);
  await expect(sec.getByRole('img', { name: 'Mã QR điểm danh' })).toBeVisible();
  await sec.screenshot({ path: testInfo.outputPath('room-secretary.png') });
  await expectNoSeriousA11yViolations(sec, 'live room: the secretary’s screen with the code and QR');
  const secretaryName = first.attendance.find((r) => r.memberId === secretaryMe.member.id)!.name;
  for (const name of [secretaryName, ...extra.map((r) => r.name)]) {
    await sec.getByRole('button', { name: `Có mặt: ${name}`, exact: true }).click();
    await expect(sec.getByRole('button', { name: `Có mặt: ${name}`, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }
  const presentBox = sec.getByTestId('present-count');
  const total = first.summary.total;
  await expect(presentBox).toHaveText(`${extra.length + 1}/${total}`);

  // ---- The member checks in from the QR link (the code comes prefilled); the secretary's count follows live.
  // The code changes every 30 seconds (accepted 10 s longer): read the one showing now.
  const code = (await codeBox.textContent())!.trim();
  await mem.goto(`/meetings/${id}?tab=room&code=${code}`);
  const checkIn = mem.getByRole('region', { name: 'Điểm danh của bạn' });
  await expect(checkIn.getByRole('textbox', { name: 'Mã điểm danh' })).toHaveValue(code);
  await checkIn.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(checkIn.getByText(/Bạn đã điểm danh lúc/)).toBeVisible();
  await expect(presentBox).toHaveText(`${extra.length + 2}/${total}`);
  await expect(sec.getByTestId('vote-base')).toContainText(
    `Cần hơn 1/2 của ${voteBase} đảng viên chính thức (đảng viên miễn sinh hoạt chỉ tính khi có mặt)`,
  );
  await expectNoSeriousA11yViolations(mem, 'live room: the member checked in');

  // ---- An electronic vote on the resolution: the member votes from their phone, the others through the API.
  await sec.getByRole('button', { name: 'Mở biểu quyết' }).click();
  const openVote = sec.getByRole('dialog', { name: 'Mở biểu quyết' });
  await expect(openVote.getByRole('textbox', { name: 'Nội dung biểu quyết' })).toHaveValue(
    'Thông qua dự thảo nghị quyết',
  );
  await expectNoSeriousA11yViolations(sec, 'live room: the dialog opening a vote');
  await openVote.getByRole('button', { name: 'Mở biểu quyết' }).click();
  await expect(openVote).toBeHidden();
  await expect(sec.getByTestId('ballots-cast')).toContainText('Đã bỏ phiếu: 0/');

  await mem.getByRole('button', { name: 'Tán thành', exact: true }).click();
  await expect(mem.getByText('Bạn đã chọn: Tán thành')).toBeVisible();
  await expectNoSeriousA11yViolations(mem, 'live room: the member’s ballot');
  await mem
    .getByTestId('vote')
    .first()
    .screenshot({ path: testInfo.outputPath('room-member-ballot.png') });
  await expect(sec.getByTestId('ballots-cast')).toContainText('Đã bỏ phiếu: 1/');

  const voteId = (await detailOf()).votes.find((v) => v.status === 'open')!.id;
  for (const client of [sec.request, ...extraClients]) {
    const ballot = await client.post(`/api/votes/${voteId}/ballots`, { data: { choice: 'for' } });
    expect(ballot.status(), await ballot.text()).toBe(200);
  }
  await expect(sec.getByTestId('ballots-cast')).toContainText(`Đã bỏ phiếu: ${needed}/`);
  await sec.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  await expect(sec.getByText('Được thông qua')).toBeVisible();
  await expect(sec.getByTestId('vote-line')).toContainText('đồng chí tán thành');
  await expect(mem.getByText('Được thông qua')).toBeVisible();

  // ---- A task for next month, then the end of the meeting.
  await sec.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  const taskForm = sec.getByRole('dialog', { name: 'Giao nhiệm vụ' });
  await taskForm.getByRole('textbox', { name: 'Nhiệm vụ' }).fill(taskTitle);
  await taskForm.getByLabel(/^Người thực hiện/).fill(memberMe.member.fullName);
  await sec.getByRole('option', { name: memberMe.member.fullName }).first().click();
  await taskForm.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await expect(taskForm).toBeHidden();
  await expect(sec.getByTestId('task').filter({ hasText: taskTitle })).toBeVisible();
  await expectNoSeriousA11yViolations(sec, 'live room: after the vote, with a task');

  sec.once('dialog', (d) => void d.accept());
  await sec.getByRole('button', { name: 'Kết thúc cuộc họp' }).click();
  await expect(sec.getByText('Đã họp', { exact: true })).toBeVisible();

  // ---- The minutes: a note, then adoption numbers the resolution and locks them.
  await sec.getByRole('tab', { name: 'Biên bản' }).click();
  const item1 = sec.getByTestId('minutes-item-1');
  await item1
    .getByRole('textbox', { name: 'Ghi chép' })
    .fill('Đồng chí Bí thư khai mạc, nêu mục đích yêu cầu.');
  await item1.getByRole('button', { name: 'Lưu' }).click();
  await expect(item1.getByText(/Đã lưu \(phiên bản \d+\)/)).toBeVisible();
  await sec.getByRole('button', { name: 'Thông qua biên bản' }).click();
  const adopt = sec.getByRole('dialog', { name: 'Thông qua biên bản' });
  await adopt.getByRole('button', { name: 'Thông qua và cấp số' }).click();
  await expect(adopt).toBeHidden();
  const numberBox = sec.getByTestId('decision-number');
  await expect(numberBox).toHaveText(/^Số \d+-NQ\/CB$/);
  const decisionNumber = (await numberBox.textContent())!.replace(/^Số /, '').trim();
  await expect(sec.getByRole('button', { name: 'Thông qua biên bản' })).toHaveCount(0);
  await sec.screenshot({ path: testInfo.outputPath('minutes-adopted.png') });
  await expectNoSeriousA11yViolations(sec, 'adopted minutes (secretary, phone)');
  const again = await sec.request.post(`/api/meetings/${id}/adopt`, { data: { decisionType: 'NQ' } });
  expect(again.status(), await again.text()).toBe(422);

  // ---- The documents: DOCX and PDF of the minutes.
  await sec.getByRole('tab', { name: 'Văn bản' }).click();
  await expect(sec.getByRole('link', { name: 'Tải Biên bản cuộc họp (PDF)' })).toBeVisible();
  await expectNoSeriousA11yViolations(sec, 'meeting documents (secretary, phone)');
  const download = async (label: string, file: string) => {
    const [d] = await Promise.all([
      sec.waitForEvent('download'),
      sec.getByRole('link', { name: label }).click(),
    ]);
    const path = testInfo.outputPath(file);
    await d.saveAs(path);
    return path;
  };
  const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const docxText = (path: string) =>
    execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
  const minutesPdf = await download('Tải Biên bản cuộc họp (PDF)', 'minutes.pdf');
  const minutesText = pdfText(minutesPdf);
  writeFileSync(testInfo.outputPath('minutes.pdf.txt'), minutesText);
  expect(minutesText).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  expect(minutesText).toContain('đồng chí tán thành');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    minutesPdf,
    testInfo.outputPath('minutes-page'),
  ]);
  const decisionPdf = await download('Tải Nghị quyết / Kết luận (PDF)', 'decision.pdf');
  const decisionText = pdfText(decisionPdf);
  writeFileSync(testInfo.outputPath('decision.pdf.txt'), decisionText);
  expect(decisionText).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  expect(decisionText).toContain(decisionNumber);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    decisionPdf,
    testInfo.outputPath('decision-page'),
  ]);
  const minutesDocx = docxText(await download('Tải Biên bản cuộc họp (DOCX)', 'minutes.docx'));
  expect(minutesDocx).toContain('đồng chí tán thành');
  const decisionDocx = docxText(await download('Tải Nghị quyết / Kết luận (DOCX)', 'decision.docx'));
  expect(decisionDocx).toContain(decisionNumber);

  // ---- Next month's meeting reviews the task given here (the month after the one this meeting was for).
  const [y, mo] = first.forMonth.split('-').map(Number) as [number, number];
  const nextMonth = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  const year = await json<{ calendar: { month: number; date: string; reasonText: Message | null }[] }>(
    await sec.request.get(
      `/api/organizations/${first.organization.id}/meetings?year=${nextMonth.slice(0, 4)}`,
    ),
    'year plan',
  );
  const planned = year.calendar.find((c) => c.month === Number(nextMonth.slice(5)))!;
  const created = await sec.request.post(`/api/organizations/${first.organization.id}/meetings`, {
    data: {
      kind: 'regular',
      forMonth: nextMonth,
      plannedDate: planned.date,
      dateReason: planned.reasonText ? renderVi(planned.reasonText) : undefined,
    },
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const nextId = ((await created.json()) as { id: string }).id;
  await sec.goto(`/meetings/${nextId}?tab=room`);
  const review = sec.getByRole('region', { name: 'Kiểm điểm nghị quyết tháng trước' });
  await expect(review.getByTestId('task').filter({ hasText: taskTitle })).toBeVisible();
  await expect(review).toContainText(decisionNumber);
  // The secretary judges the task in the room, from the actions the detail gives this viewer for each task.
  const achieved = review.getByRole('button', { name: `Đạt: ${taskTitle}`, exact: true });
  await expect(achieved).toHaveAttribute('aria-pressed', 'false');
  await achieved.click();
  await expect(sec.getByText('Đã ghi kết quả')).toBeVisible();
  await expect(achieved).toHaveAttribute('aria-pressed', 'true');
  await expect(review.getByTestId('previous-share')).toHaveText('Đạt 1/1 (100%)');
  await review.screenshot({ path: testInfo.outputPath('next-month-review.png') });
  await expectNoSeriousA11yViolations(sec, 'next month’s room reviewing the task');

  for (const c of [admin, ...extraClients]) await c.dispose();
  await memberContext.close();
  await secretaryContext.close();
});
