// Journey: the year's plan and the member's side. The commune secretary returns a cell's submitted thematic topic
// (a return needs a comment); a member, on a phone, sees the next meeting on the home page and asks to be excused
// (a reason is required), then reports progress on a task from the task inbox.
import { type APIRequestContext, expect, test } from '@playwright/test';
import { apiLogin, expectNoSeriousA11yViolations, login } from './support';

const password = 'ChiBo@2025';
const cell = 'Chi bộ thôn Đông Hạ';
const commune = 'Đảng bộ xã Tân Lập';
const phone = { width: 360, height: 740 };
const topicTitle = 'Nâng cao chất lượng sinh hoạt chi bộ ở khu dân cư';

const kindLabels: Record<string, string> = {
  regular: 'Sinh hoạt thường kỳ',
  thematic: 'Sinh hoạt chuyên đề',
  regular_thematic: 'Thường kỳ kết hợp chuyên đề',
  committee: 'Họp chi ủy',
  general_assembly: 'Hội nghị đảng bộ',
  extraordinary: 'Họp bất thường',
};

interface MeRoles {
  member: { id: string } | null;
  roles: { organizationId: string | null; organizationName: string | null }[];
}
interface Upcoming {
  id: string;
  kind: string;
  plannedDate: string;
  status: string;
  organizationName: string;
  rsvp: string | null;
}
interface Task {
  id: string;
  title: string;
  actions: string[];
  status: string;
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Today in Vietnam, ISO. */
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function cellIdOf(request: APIRequestContext): Promise<string> {
  const me = await json<MeRoles>(await request.get('/api/me'), 'me');
  const role = me.roles.find((r) => r.organizationName === cell);
  expect(role?.organizationId, 'the cell secretary leads the cell').toBeTruthy();
  return role!.organizationId!;
}

test('the commune secretary returns a cell’s thematic topic only with a comment', async ({
  page,
  playwright,
  baseURL,
}) => {
  // The cell registers a topic for this quarter and submits it to the commune.
  const secretary = await playwright.request.newContext({ baseURL });
  await apiLogin(secretary, '0900000002', password);
  const cellId = await cellIdOf(secretary);
  const today = vietnamToday();
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const created = await json<{ id: string }>(
    await secretary.post(`/api/organizations/${cellId}/thematic-topics`, {
      data: {
        year,
        quarter,
        title: topicTitle,
        presenters: 'Đồng chí Bí thư chi bộ',
        draft: 'Đề cương: 1. …',
      },
    }),
    'register topic',
  );
  await json(await secretary.post(`/api/thematic-topics/${created.id}/submit`, { data: {} }), 'submit topic');
  await secretary.dispose();

  // The commune secretary finds the cell from the commune's plan, where the cells' compliance is listed.
  await login(page, '0900000005', password);
  await page.getByRole('link', { name: commune, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: commune })).toBeVisible();
  await page.getByRole('link', { name: 'Sinh hoạt chi bộ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sinh hoạt chi bộ' })).toBeVisible();
  const overview = page.getByRole('region', { name: /Tình hình sinh hoạt của các chi bộ/ });
  await expect(overview.getByRole('row')).not.toHaveCount(0);
  await overview.getByRole('link', { name: cell, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${cellId}/meetings`));

  const topics = page.getByRole('region', { name: `Sinh hoạt chuyên đề năm ${year}` });
  const item = topics.getByRole('listitem').filter({ hasText: topicTitle });
  await expect(item.getByText('Chờ duyệt')).toBeVisible();
  await item.getByRole('button', { name: `Duyệt: ${topicTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: `Duyệt chuyên đề: ${topicTitle}` });
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(dialog.getByText('Trả lại phải kèm ý kiến')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'returning a topic needs a comment (commune secretary)');

  await dialog.getByLabel(/^Ý kiến/).fill('Đề nghị bổ sung phần liên hệ thực tiễn ở thôn');
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Đã trả lại chuyên đề')).toBeVisible();
  await expect(item.getByText('Trả lại', { exact: true })).toBeVisible();
  await expect(item.getByText(/Đề nghị bổ sung phần liên hệ thực tiễn ở thôn/)).toBeVisible();
});

test('a member asks to be excused from the next meeting and reports progress on a task', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const secretary = await playwright.request.newContext({ baseURL });
  await apiLogin(secretary, '0900000002', password);
  const cellId = await cellIdOf(secretary);
  const context = await browser.newContext({ baseURL, viewport: phone });
  const page = await context.newPage();
  await login(page, '0900000003', password);
  const member = await json<MeRoles>(await page.request.get('/api/me'), 'member');

  // The next meeting of the cell the member may still answer (the demo's, or one the secretary plans now).
  const answerable = (list: Upcoming[]) =>
    list.find(
      (m) => m.organizationName === cell && m.rsvp === null && ['planned', 'notified'].includes(m.status),
    );
  let meeting = answerable(
    (await json<{ upcoming: Upcoming[] }>(await page.request.get('/api/me/meetings'), 'my meetings'))
      .upcoming,
  );
  if (!meeting) {
    const day = vietnamToday();
    await json(
      await secretary.post(`/api/organizations/${cellId}/meetings`, {
        data: {
          kind: 'extraordinary',
          forMonth: day.slice(0, 7),
          plannedDate: day,
          plannedTime: '20:00',
          location: 'Nhà văn hóa thôn Đông Hạ',
          dateReason: 'Họp bất thường triển khai nhiệm vụ đột xuất',
        },
      }),
      'plan a meeting',
    );
    meeting = answerable(
      (await json<{ upcoming: Upcoming[] }>(await page.request.get('/api/me/meetings'), 'my meetings'))
        .upcoming,
    );
  }
  expect(meeting, 'the member has a meeting to answer').toBeTruthy();
  const label = `${kindLabels[meeting!.kind]} ${dmy(meeting!.plannedDate)}`;

  await page.goto('/');
  const upcoming = page.getByRole('region', { name: 'Cuộc họp sắp tới' });
  await expect(upcoming).toBeVisible();
  await upcoming.getByRole('button', { name: `Xin vắng: ${label}` }).click();
  const dialog = page.getByRole('dialog', { name: `Xin vắng: ${label}` });
  await dialog.getByRole('button', { name: 'Gửi xin vắng' }).click();
  await expect(dialog.getByText('Phải ghi lý do')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'asking to be excused (member, phone)');
  await dialog.getByLabel(/^Lý do vắng mặt/).fill('Đi công tác tỉnh ngoài');
  await dialog.getByRole('button', { name: 'Gửi xin vắng' }).click();
  await expect(dialog).toBeHidden();
  const card = upcoming
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Xác nhận dự họp: ${label}` }) });
  await expect(card.getByText('Đã xin vắng')).toBeVisible();
  await expect(card.getByRole('link', { name: 'Xem cuộc họp' })).toBeVisible();

  // A task the member can report on: the demo's, or one given now at a meeting held today.
  const mine = async () =>
    (await json<{ items: Task[] }>(await page.request.get('/api/tasks?filter=mine'), 'my tasks')).items.find(
      (t) => t.actions.includes('report'),
    );
  let task = await mine();
  if (!task) {
    const day = vietnamToday();
    const held = await json<{ id: string }>(
      await secretary.post(`/api/organizations/${cellId}/meetings`, {
        data: {
          kind: 'extraordinary',
          forMonth: day.slice(0, 7),
          plannedDate: day,
          plannedTime: '07:30',
          location: 'Nhà văn hóa thôn Đông Hạ',
          dateReason: 'Họp bất thường giao nhiệm vụ',
        },
      }),
      'plan a meeting to give a task',
    );
    await json(await secretary.post(`/api/meetings/${held.id}/start`, { data: {} }), 'start');
    await json(
      await secretary.post(`/api/meetings/${held.id}/tasks`, {
        data: {
          title: 'Nắm tình hình các hộ gia đình chính sách trong xóm',
          expectedResult: 'Báo cáo chi ủy trước cuộc họp sau',
          assigneeMemberId: member.member!.id,
        },
      }),
      'give a task',
    );
    task = await mine();
  }
  await secretary.dispose();
  expect(task, 'the member has an open task').toBeTruthy();

  await page.getByRole('link', { name: 'Nhiệm vụ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhiệm vụ' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Của tôi' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: `Báo cáo tiến độ: ${task!.title}` }).click();
  const report = page.getByRole('dialog', { name: `Báo cáo tiến độ: ${task!.title}` });
  await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  await expect(report.getByText('Ghi nội dung báo cáo')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'reporting progress on a task (member, phone)');
  await report.getByLabel(/^Nội dung báo cáo/).fill('Đã gặp 5 hộ, còn 3 hộ sẽ gặp trong tuần tới');
  await report.getByLabel(/^Tiến độ/).fill('60');
  await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
  await expect(report).toBeHidden();
  await expect(page.getByText('Đã gửi báo cáo tiến độ')).toBeVisible();
  const taskCard = page.getByRole('listitem').filter({ hasText: task!.title }).first();
  await expect(taskCard.getByText(/Đã gặp 5 hộ, còn 3 hộ/)).toBeVisible();
  await expect(taskCard.getByText('60%').first()).toBeVisible();
  await context.close();
});
