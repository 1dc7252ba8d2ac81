// Journey (issue 9.10): presence that is hard to fake, on phones. The secretary opens the room of a meeting held
// today: the check-in code changes every 30 seconds with a countdown. A member types the code shown at that moment
// and is marked present on the secretary's screen, live. Another member shows the personal code on their phone and
// the secretary marks them present by typing the 8 digits under its QR code (the fallback for a screen without a
// camera). The meeting is ended at the end so the other journeys find the cell as they expect.
import { writeFileSync } from 'node:fs';
import {
  type APIRequestContext,
  type Browser,
  chromium,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
import { apiLogin, login } from './support';

const password = 'ChiBo@2025';
const phone = { width: 360, height: 740 };

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The code now on the secretary's screen (digits only: the screen shows them in two groups). */
const shownCode = async (sec: Page) =>
  ((await sec.getByTestId('checkin-code').textContent()) ?? '').replace(/\D/g, '');

let meetingId = '';
let secretaryApi: APIRequestContext | null = null;

interface RollRow {
  memberId: string;
  name: string;
  temporary: boolean;
  exempt: boolean;
  status: string | null;
}

/** A full member of the meeting's roll not marked yet, given an account by the administrator (reset-password). */
async function unmarkedMemberWithAccount(baseURL: string, exclude: string[]) {
  const api = secretaryApi!;
  const detail = await json<{ organization: { id: string }; attendance: RollRow[] }>(
    await api.get(`/api/meetings/${meetingId}`),
    'detail',
  );
  const members = await json<{ items: { id: string; partyCardNumber: string | null }[] }>(
    await api.get(`/api/members?organizationId=${detail.organization.id}&scope=direct&limit=200`),
    'members',
  );
  const cards = new Map(members.items.map((m) => [m.id, m.partyCardNumber]));
  const row = detail.attendance.find(
    (r) =>
      r.status === null && !r.temporary && !r.exempt && cards.get(r.memberId) && !exclude.includes(r.name),
  );
  expect(row, 'another member of the cell with a party card').toBeTruthy();
  const admin = await playwrightRequest.newContext({ baseURL });
  await apiLogin(admin, 'admin', password);
  const reset = await admin.post(`/api/members/${row!.memberId}/reset-password`, {
    data: { newPassword: 'Tam@thoi2026' },
  });
  expect(reset.status(), await reset.text()).toBe(200);
  await admin.dispose();
  return { ...row!, identifier: cards.get(row!.memberId)! };
}

test.afterAll(async () => {
  // Ends the meeting this journey held (whatever happened), so the cell has no meeting left in session.
  if (secretaryApi && meetingId) await secretaryApi.post(`/api/meetings/${meetingId}/end`, { data: {} });
  await secretaryApi?.dispose();
});

test('the room code changes every 30 seconds; a member types the code shown, another is scanned by personal code', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);

  // ---- A thematic meeting of the secretary's cell, held today (created through the API: not the journey here).
  secretaryApi = await playwrightRequest.newContext({ baseURL });
  const me = (await apiLogin(secretaryApi, '0900000002', password)) as { member: { organizationId: string } };
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const created = await json<{ id: string }>(
    await secretaryApi.post(`/api/organizations/${me.member.organizationId}/meetings`, {
      data: {
        kind: 'thematic',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        location: 'Nhà văn hóa thôn',
      },
    }),
    'new meeting',
  );
  meetingId = created.id;

  // ---- The secretary, on a phone, starts the meeting: the code shows with its countdown and QR code.
  const secretaryContext = await browser.newContext({ baseURL, viewport: phone });
  const sec = await secretaryContext.newPage();
  await login(sec, '0900000002', password);
  await sec.goto(`/meetings/${meetingId}?tab=room`);
  await sec.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
  await expect(sec.getByTestId('checkin-code')).toHaveText(/^\d{3}\s*\d{3}$/);
  await expect(sec.getByTestId('code-countdown')).toHaveText(/^Mã đổi sau \d+ giây$/);
  await expect(sec.getByRole('img', { name: 'Mã QR điểm danh' })).toBeVisible();
  await sec
    .getByRole('region', { name: 'Mã điểm danh' })
    .screenshot({ path: testInfo.outputPath('room-code-secretary.png') });

  // ---- The member opens the room on their phone and types the code shown on the secretary's screen now.
  const memberContext = await browser.newContext({ baseURL, viewport: phone });
  const mem = await memberContext.newPage();
  await login(mem, '0900000003', password);
  const memberMe = await json<{ member: { fullName: string } }>(await mem.request.get('/api/me'), '/me');
  await mem.goto(`/meetings/${meetingId}?tab=room`);
  const presence = mem.getByRole('region', { name: 'Điểm danh của bạn' });
  const field = presence.getByRole('textbox', { name: 'Mã điểm danh' });
  await expect(field).toBeVisible();
  await presence.screenshot({ path: testInfo.outputPath('room-code-member.png') });
  // The code may change between reading and sending; an expired one is refused with its reason: read it again.
  const checkedIn = presence.getByText(/Bạn đã điểm danh lúc/);
  const expired = presence.getByText('Mã đã hết hạn — nhập mã đang hiện trên màn hình phòng họp');
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.fill(await shownCode(sec));
    await presence.getByRole('button', { name: 'Điểm danh' }).click();
    await expect(checkedIn.or(expired)).toBeVisible();
    if (await checkedIn.isVisible()) break;
    await presence.screenshot({ path: testInfo.outputPath('room-code-expired.png') });
  }
  await expect(checkedIn).toBeVisible();
  // The secretary's screen follows live: the member is present, by their own code.
  const memberPresent = sec.getByRole('button', { name: `Có mặt: ${memberMe.member.fullName}`, exact: true });
  await expect(memberPresent).toHaveAttribute('aria-pressed', 'true');
  await expect(
    sec
      .getByTestId('attendance-row')
      .filter({ hasText: memberMe.member.fullName })
      .getByText(/tự điểm danh/),
  ).toBeVisible();

  // ---- A second member of the cell (an account the administrator sets up) shows their personal code.
  const other = await unmarkedMemberWithAccount(baseURL!, [memberMe.member.fullName]);
  const otherContext = await browser.newContext({ baseURL, viewport: phone });
  const oth = await otherContext.newPage();
  await login(oth, other.identifier, 'Tam@thoi2026');
  await oth.goto(`/meetings/${meetingId}?tab=room`);
  await oth.getByRole('button', { name: 'Hiện mã cá nhân để thư ký quét' }).click();
  const passCode = oth.getByTestId('my-pass-code');
  await expect(passCode).toHaveText(/^\d{4}\s*\d{4}$/);
  await expect(oth.getByRole('img', { name: 'Mã QR cá nhân' })).toBeVisible();
  await expect(oth.getByTestId('my-pass').getByTestId('code-countdown')).toHaveText(/^Mã đổi sau \d+ giây$/);
  await oth
    .getByRole('region', { name: 'Điểm danh của bạn' })
    .screenshot({ path: testInfo.outputPath('personal-pass-member.png') });

  // ---- The secretary types the 8 digits under the QR code (no camera) and the member is marked present.
  const scanner = sec.getByRole('region', { name: 'Quét mã cá nhân' });
  await expect(scanner.getByRole('button', { name: 'Mở camera quét mã' })).toBeVisible();
  const marked = scanner.getByTestId('pass-marked');
  const passExpired = scanner.getByText(/đã hết hạn/);
  for (let attempt = 0; attempt < 3; attempt++) {
    await scanner
      .getByRole('textbox', { name: 'Mã cá nhân' })
      .fill(((await passCode.textContent()) ?? '').replace(/\D/g, ''));
    await scanner.getByRole('button', { name: 'Ghi có mặt' }).click();
    await expect(marked.or(passExpired).first()).toBeVisible();
    if (await marked.isVisible()) break;
  }
  await expect(marked).toHaveText(`Đã ghi có mặt: ${other.name}`);
  const otherPresent = sec.getByRole('button', { name: `Có mặt: ${other.name}`, exact: true });
  await expect(otherPresent).toHaveAttribute('aria-pressed', 'true');
  await expect(
    sec
      .getByTestId('attendance-row')
      .filter({ hasText: other.name })
      .getByText(/quét mã cá nhân/),
  ).toBeVisible();
  await scanner.screenshot({ path: testInfo.outputPath('personal-pass-scanner.png') });
  // The member's phone follows: present, and the personal code is gone.
  await expect(oth.getByTestId('my-status')).toHaveText(/Bạn đã điểm danh lúc/);
  await expect(oth.getByTestId('my-pass')).toBeHidden();

  // ---- A wrong personal code is refused with its reason, and nobody is marked.
  await scanner.getByRole('textbox', { name: 'Mã cá nhân' }).fill('1234 5678');
  await scanner.getByRole('button', { name: 'Ghi có mặt' }).click();
  await expect(
    scanner.getByText(/Mã cá nhân không đúng hoặc không thuộc cuộc họp này|Mã không khớp/).first(),
  ).toBeVisible();
  await scanner.screenshot({ path: testInfo.outputPath('personal-pass-refused.png') });

  await secretaryContext.close();
  await memberContext.close();
  await otherContext.close();
});

/**
 * A video file for Chromium's fake camera showing the QR code of an SVG: the SVG is drawn on a white 640×480 frame
 * in a blank page, its brightness written as the Y plane of a one-frame Y4M (grey chroma).
 */
async function qrVideo(browser: Browser, svg: string, path: string) {
  const width = 640;
  const height = 480;
  const context = await browser.newContext();
  const page = await context.newPage();
  const luma = await page.evaluate(
    async ({ svg, width, height }: { svg: string; width: number; height: number }) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, width, height);
      g.drawImage(image, (width - 400) / 2, (height - 400) / 2, 400, 400);
      const data = g.getImageData(0, 0, width, height).data;
      const y: number[] = [];
      for (let i = 0; i < data.length; i += 4)
        y.push(Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!));
      return y;
    },
    { svg, width, height },
  );
  await context.close();
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  writeFileSync(path, Buffer.concat([header, Buffer.from(luma), chroma]));
}

test('the secretary scans a member’s personal QR code with the camera', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  test.skip(!meetingId, 'needs the meeting held by the journey above');
  const member = await unmarkedMemberWithAccount(baseURL!, []);
  const memberContext = await browser.newContext({ baseURL, viewport: phone });
  const mem = await memberContext.newPage();
  await login(mem, member.identifier, 'Tam@thoi2026');
  await mem.goto(`/meetings/${meetingId}?tab=room`);
  await mem.getByRole('button', { name: 'Hiện mã cá nhân để thư ký quét' }).click();
  const qr = mem.getByTestId('my-pass').getByRole('img', { name: 'Mã QR cá nhân' });
  await expect(qr).toBeVisible();

  // The secretary's phone, whose camera films the member's QR code (a pass lasts 60 s and 30 s more: if it ran
  // out while the camera started, the refusal says so and the member's current code is filmed again).
  const marked = async () => {
    const video = testInfo.outputPath('personal-pass.y4m');
    await qrVideo(browser, await qr.evaluate((el) => new XMLSerializer().serializeToString(el)), video);
    const camera = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await camera.newContext({ baseURL, viewport: phone, locale: 'vi-VN' });
      await context.grantPermissions(['camera']);
      const sec = await context.newPage();
      await login(sec, '0900000002', password);
      await sec.goto(`/meetings/${meetingId}?tab=room`);
      const scanner = sec.getByRole('region', { name: 'Quét mã cá nhân' });
      await scanner.getByRole('button', { name: 'Mở camera quét mã' }).click();
      const done = scanner.getByTestId('pass-marked');
      const expired = scanner.getByText(/đã hết hạn/).first();
      await expect(done.or(expired)).toBeVisible({ timeout: 30_000 });
      if (!(await done.isVisible())) return false;
      await expect(done).toHaveText(`Đã ghi có mặt: ${member.name}`);
      await expect(sec.getByRole('button', { name: `Có mặt: ${member.name}`, exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await scanner.screenshot({ path: testInfo.outputPath('personal-pass-camera.png') });
      return true;
    } finally {
      await camera.close();
    }
  };
  expect((await marked()) || (await marked()), 'the camera marked the member present').toBe(true);
  await expect(mem.getByTestId('my-status')).toHaveText(/Bạn đã điểm danh lúc/);
  await memberContext.close();
});
