// Journey: scoring a held meeting on phones. The secretary holds a thematic meeting today, opens "Chấm điểm", sees
// the automatic values with their evidence, is stopped when changing one without a reason, fills in the rest and
// submits; the follower scores the same meeting lower; the side-by-side comparison shows both and the gap; the API
// refuses a score above a criterion's maximum and saves nothing.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { type Message, renderVi } from '../src/messages/index.ts';
import { expectNoSeriousA11yViolations, login } from './support';

const password = 'ChiBo@2025';
const phone = { width: 360, height: 740 };

interface Criterion {
  id: string;
  title: string;
  max: number;
  type: string;
  options: { points: number; label: Message }[];
  automatic: boolean;
  appliesWhen: string | null;
}
interface Scores {
  framework: { groups: { criteria: Criterion[] }[] };
  automatic: { id: string; points: number; evidence: Message }[];
  scorecards: { kind: string; status: string; total: number; percent: number }[];
  actions: string[];
  gap: { difference: number } | null;
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Picks a value of one criterion on the sheet: segments for short lists, a select for long ones. */
async function choose(page: Page, c: Criterion, points: number) {
  const group = page.getByRole('group', { name: c.title, exact: true });
  await group.scrollIntoViewIfNeeded();
  if (c.type === 'toggle') {
    await group.getByText(points === 0 ? 'Không đạt (0)' : `Đạt (${points})`, { exact: true }).click();
  } else if (c.options.length + (c.type === 'ratio_bands' ? 1 : 0) <= 7) {
    await group.getByText(String(points), { exact: true }).click();
  } else {
    await group.locator('input:not([type="radio"])').first().click();
    await page.getByRole('option', { name: new RegExp(`^${points} điểm`) }).click();
  }
}

test('a held meeting scored on phones by the cell and its follower, compared side by side', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);

  // ---- The secretary holds a thematic meeting today (created, started, a few present, ended) through the API.
  const secretaryContext = await browser.newContext({ baseURL, viewport: phone });
  const sec = await secretaryContext.newPage();
  await login(sec, '0900000002', password);
  const me = await json<{ member: { organizationId: string } }>(await sec.request.get('/api/me'), '/me');
  const cellId = me.member.organizationId;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const body = { kind: 'thematic', forMonth: today.slice(0, 7), plannedDate: today, plannedTime: '07:30' };
  let created = await sec.request.post(`/api/organizations/${cellId}/meetings`, { data: body });
  if (created.status() === 400) {
    created = await sec.request.post(`/api/organizations/${cellId}/meetings`, {
      data: { ...body, dateReason: 'Sinh hoạt chuyên đề theo kế hoạch của chi bộ' },
    });
  }
  const { id } = await json<{ id: string }>(created, 'create the thematic meeting');
  await json(await sec.request.post(`/api/meetings/${id}/start`), 'start');
  const detail = await json<{ attendance: { memberId: string }[] }>(
    await sec.request.get(`/api/meetings/${id}`),
    'detail',
  );
  for (const row of detail.attendance.slice(0, 5)) {
    await json(
      await sec.request.post(`/api/meetings/${id}/attendance`, {
        data: { memberId: row.memberId, status: 'present' },
      }),
      'mark present',
    );
  }
  await json(await sec.request.post(`/api/meetings/${id}/end`), 'end');

  // ---- A score above a criterion's maximum is refused with the reason, and nothing is saved.
  const scoresBefore = await json<Scores>(await sec.request.get(`/api/meetings/${id}/scores`), 'scores');
  expect(scoresBefore.actions).toContain('score_self');
  const criteria = scoresBefore.framework.groups.flatMap((g) => g.criteria);
  const manual = criteria.find((c) => !c.automatic && c.appliesWhen === null)!;
  const tooHigh = await sec.request.put(`/api/meetings/${id}/scores/self`, {
    data: { entries: [{ criterionId: manual.id, points: manual.max + 5 }], submit: false },
  });
  expect(tooHigh.status(), await tooHigh.text()).toBe(400);
  expect(await tooHigh.text()).toContain('vượt quá tối đa');
  const afterRefusal = await json<Scores>(await sec.request.get(`/api/meetings/${id}/scores`), 'scores');
  expect(afterRefusal.scorecards).toHaveLength(0);

  // ---- The secretary opens "Chấm điểm" on the phone: automatic values are pre-filled with their evidence.
  await sec.goto(`/meetings/${id}`);
  await sec.getByRole('tab', { name: 'Chấm điểm' }).click();
  await expect(sec.getByRole('heading', { name: 'Phiếu chấm: Chi bộ tự chấm' })).toBeVisible();
  const autos = new Map(scoresBefore.automatic.map((a) => [a.id, a]));
  const duration = criteria.find((c) => c.id === 'duration')!;
  const durationAuto = autos.get('duration')!;
  const durationGroup = sec.getByRole('group', { name: duration.title, exact: true });
  await expect(durationGroup).toContainText(
    `Tự động: ${durationAuto.points} điểm — ${renderVi(durationAuto.evidence)}`,
  );
  await expect(durationGroup).toContainText('phút');
  const attendanceAuto = autos.get('attendance')!;
  await expect(
    sec.getByRole('group', { name: criteria.find((c) => c.id === 'attendance')!.title, exact: true }),
  ).toContainText(renderVi(attendanceAuto.evidence));
  await sec.screenshot({ path: testInfo.outputPath('sheet-prefilled.png') });
  await expectNoSeriousA11yViolations(sec, 'scoring sheet prefilled (secretary, phone)');

  // ---- Changing an automatic value without a reason is stopped; with the reason it stands.
  const other = duration.options.find((o) => o.points !== durationAuto.points)!.points;
  await choose(sec, duration, other);
  await expect(durationGroup.getByRole('textbox', { name: /Lý do điều chỉnh/ })).toBeVisible();
  await sec.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(durationGroup.getByText('Phải ghi lý do điều chỉnh')).toBeVisible();
  await sec.screenshot({ path: testInfo.outputPath('sheet-reason-required.png') });
  await expectNoSeriousA11yViolations(sec, 'scoring sheet asking for a reason');
  await durationGroup
    .getByRole('textbox', { name: /Lý do điều chỉnh/ })
    .fill('Họp tiếp phần còn lại tại nhà văn hóa, giờ kết thúc ghi thiếu');

  // ---- The rest at full marks; the running total follows; then submit.
  // A thematic meeting: the thematic criterion applies too.
  for (const c of criteria) if (!autos.has(c.id)) await choose(sec, c, c.max);
  const liveTotal = sec.getByTestId('live-total');
  await expect(liveTotal).not.toHaveText(/^0\//);
  await expect(sec.getByTestId('live-reason')).toContainText('nên xếp');
  const shownTotal = (await liveTotal.textContent())!.split('/')[0]!.trim();
  sec.once('dialog', (d) => void d.accept());
  await sec.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
  await expect(sec.getByText('Đã nộp phiếu chấm', { exact: true })).toBeVisible();
  const afterSelf = await json<Scores>(await sec.request.get(`/api/meetings/${id}/scores`), 'scores');
  const selfCard = afterSelf.scorecards.find((c) => c.kind === 'self')!;
  expect(selfCard.status).toBe('submitted');
  // What the phone showed is what the server computed.
  expect(String(selfCard.total).replace('.', ',')).toBe(shownTotal);
  await expect(sec.getByTestId('total-self')).toContainText(`${shownTotal}/`);

  // ---- The follower opens the same meeting on their phone and scores it lower.
  const followerContext = await browser.newContext({ baseURL, viewport: phone });
  const fol = await followerContext.newPage();
  await login(fol, '0900000007', password);
  await fol.goto(`/meetings/${id}?tab=score`);
  await expect(fol.getByRole('heading', { name: 'Phiếu chấm: Cấp ủy viên theo dõi' })).toBeVisible();
  for (const c of criteria) {
    if (autos.has(c.id)) continue;
    const lowest = c.type === 'levels' ? Math.min(...c.options.map((o) => o.points)) : 0;
    await choose(fol, c, lowest);
  }
  fol.once('dialog', (d) => void d.accept());
  await fol.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
  await expect(fol.getByText('Đã nộp phiếu chấm', { exact: true })).toBeVisible();

  // ---- The comparison shows both scorecards, the overridden value with its reason, and the gap.
  const comparison = fol.getByRole('region', { name: 'So sánh các phiếu chấm' });
  await expect(comparison.getByTestId('column-self')).toContainText('Chi bộ tự chấm');
  await expect(comparison.getByTestId('column-follower')).toContainText('Cấp ủy viên theo dõi');
  await expect(comparison).toContainText('giờ kết thúc ghi thiếu');
  const gap = comparison.getByTestId('score-gap');
  await expect(gap).toContainText(/Tự chấm cao hơn điểm cấp trên [\d,]+ điểm/);
  await gap.scrollIntoViewIfNeeded();
  await fol.screenshot({ path: testInfo.outputPath('comparison-follower.png') });
  await expectNoSeriousA11yViolations(fol, 'scorecards compared (follower, phone)');
  const final = await json<Scores>(await fol.request.get(`/api/meetings/${id}/scores`), 'scores');
  expect(final.gap!.difference).toBeGreaterThanOrEqual(10);

  await sec.reload();
  await expect(sec.getByTestId('score-gap')).toContainText('Tự chấm cao hơn điểm cấp trên');
  await expect(sec.getByText(/đã nộp phiếu chấm lúc/)).toBeVisible();

  await followerContext.close();
  await secretaryContext.close();
});
