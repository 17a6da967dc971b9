/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import sharp from 'sharp';
import request from 'supertest';
import { BannerCounters } from '@loa/banner';
import { FanoutService } from '@loa/campaigns';
import { QUEUES } from '@loa/queue';
import { docxToText } from '@loa/directives';
import { AcknowledgementService } from '@loa/email';
import { carrierQuotaDeferral, renderSms } from '@loa/sms';
import { type AccessibilityProblem, accessibilityProblems } from '../support/accessibility';
import { SCREENSHOTS, launchChromium } from '../support/browser';
import { failedJob } from '../support/failed-job';
import { SmtpCapture, startSmtpCapture } from '../../tools/peers/smtp-capture';
import { viewAndClickBanner } from '../../tools/run/demo-campaign';
import { waitUntil } from '../../tools/run/processes';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';
import { letterDocx, letterPdf, noTextPdf } from '../support/letter-files';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const CONSOLE_DIR = join(__dirname, '../../dist/console');
/** The operators' pages, each a chunk of its own that only an operator's browser loads. */
const OPERATOR_PAGE_CHUNK =
  /\/assets\/(CampaignListPage|NewCampaignPage|CampaignPage|EditCampaignPage|ApprovalsPage|DirectivesPage|AdminPage)-[\w-]+\.js$/;
/**
 * Scripts a station's phone may download (compressed) to open its page: 282 KiB in gzip when the operators' pages
 * became chunks of their own (440 KiB before, when the first load carried all of them), 237 KiB in Brotli; room for
 * growth, not for them.
 */
const STATION_SCRIPTS_KIB = 330;
/** Its styles: Ant Design's static stylesheet (zero-runtime mode), 73 KiB in Brotli. */
const STATION_STYLES_KIB = 90;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * The operators' console in real headless Chromium, served by the API itself at `/` (the build of `npm run build`),
 * against real PostgreSQL and Redis: people sign in, read a letter into a campaign, approve it (four eyes), run it,
 * watch it progress and cancel it. Screenshots land in test-output/screenshots for a person to look at.
 */
describe('operators’ console (Chromium, API serving the built console, real PostgreSQL and Redis)', () => {
  let api: InProcessApi;
  let smtp: SmtpCapture;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const user = (role: string) => api.seed.users.find((u) => u.role === role)!;

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error('no built console: run `npm run build` first');
    // Many sign-ins a minute from one address: the login limit (10) is the security suite's subject, not this one's.
    smtp = await startSmtpCapture();
    api = await startInProcessApi({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      CONSOLE_DIR,
    });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  // Each test's pages close with it: a page left open goes on polling the API and rendering, which slows the tests
  // after it (and nothing a test checks may come from another test's page).
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await smtp?.close();
  });

  async function pageFor(lang?: 'en'): Promise<Page> {
    // Operators' browsers ask for reduced motion (the console then shows pop-ups at once): on a loaded machine a
    // click could land while a pop-up was still zooming in, where its button had not arrived yet. The station's
    // phone keeps the default motion.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'vi-VN',
      reducedMotion: 'reduce',
    });
    contexts.push(context);
    if (lang) await context.addInitScript(() => localStorage.setItem('loa.lang', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(page: Page, role: string, path = '/'): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.getByLabel('Thư điện tử').fill(user(role).email);
    await page.getByLabel('Mật khẩu').fill(user(role).password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('whoami').waitFor();
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const statusOf = (page: Page) =>
    page.getByTestId('campaign-title').locator('[data-status]').getAttribute('data-status');
  /** An element's text once it reads `expected` (a counter re-renders a moment after the input that changes it). */
  const settledText = async (locator: Locator, expected: string): Promise<string> => {
    await waitUntil(`text ${expected}`, async () => (await locator.innerText()) === expected, 5_000, 50).catch(
      () => undefined,
    );
    return locator.innerText();
  };

  async function tokenOf(role: string): Promise<string> {
    const res = await request(base)
      .post('/api/auth/login')
      .send({ email: user(role).email, password: user(role).password });
    return res.body.token as string;
  }

  /** A draft made over the API (for the steps whose subject is not the drafting itself). */
  async function draftOverApi(role: string, title: string, stationCodes = ['dtt-mytu']): Promise<string> {
    const token = await tokenOf(role);
    const as = { authorization: `Bearer ${token}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title,
        channels: { radio: { stationCodes, script: 'Kính mời bà con ủng hộ Quỹ vì người nghèo.' } },
      })
      .expect(201);
    return c.body.id as string;
  }

  /** A draft of the editor's with these channels, made over the API; its id. */
  async function campaignOverApi(title: string, channels: Record<string, unknown>): Promise<string> {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base).post('/api/campaigns').set(as).send({ directiveId: d.body.id, title, channels });
    expect(c.status).toBe(201);
    return c.body.id as string;
  }

  /** The four-eyes steps every launch needs, when they are not the test's subject. */
  async function submitAndApproveOverApi(id: string): Promise<void> {
    await request(base)
      .post(`/api/campaigns/${id}/submit`)
      .set({ authorization: `Bearer ${await tokenOf('editor')}` })
      .expect(200);
    await request(base)
      .post(`/api/campaigns/${id}/approve`)
      .set({ authorization: `Bearer ${await tokenOf('approver')}` })
      .expect(200);
  }

  it('greets a new user at / with the sign-in page in Vietnamese, and refuses a wrong password plainly', async () => {
    const page = await pageFor();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Thư điện tử').fill(user('editor').email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Sai thư điện tử hoặc mật khẩu.').waitFor();
    await shot(page, '01-login');
    // A locked account is told so, in the server's own words, not "wrong password".
    const admin = { authorization: `Bearer ${await tokenOf('admin')}` };
    const locked = { email: 'se.bi.khoa@soctrang.demo', password: 'mat-khau-du-dai-2026' };
    await request(base)
      .post('/api/admin/users')
      .set(admin)
      .send({ ...locked, displayName: 'Người sẽ bị khóa', role: 'editor' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await request(base).post('/api/auth/login').send({ email: locked.email, password: 'sai-mat-khau' }).expect(401);
    }
    await page.getByLabel('Thư điện tử').fill(locked.email);
    await page.getByLabel('Mật khẩu').fill(locked.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText(/Tài khoản tạm khóa do đăng nhập sai nhiều lần/).waitFor();
    // The bundle goes out compressed and cached for good (its name changes with its content); the page itself is
    // revalidated, so a new release is picked up.
    const html = await request(base).get('/campaigns/anything').set('accept', 'text/html').expect(200);
    expect(html.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html.text)![1];
    const asset = await request(base).get(script).set('accept-encoding', 'gzip').expect(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    // A browser that takes Brotli gets the build's Brotli copy, which reads back as the script itself.
    const brotli = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(brotli.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(Number(brotli.headers.get('content-length'))).toBeLessThan(Number(asset.headers['content-length']));
    expect(await brotli.text()).toBe(readFileSync(join(CONSOLE_DIR, script), 'utf8'));
    // The API still answers as an API beside the console.
    const res = await request(base).get('/api/nothing-here').set('accept', 'text/html').expect(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('lets an editor read a letter, see what was found beside the original, edit the plan and submit it', async () => {
    const page = await pageFor();
    await signIn(page, 'editor');
    await page.getByRole('menuitem', { name: 'Tạo chiến dịch' }).click();
    await page.getByTestId('letter-text').fill(LETTER);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    const fields = page.getByTestId('parsed-fields');
    await fields.waitFor();
    await expect(fields.innerText()).resolves.toMatch(/SỞ THÔNG TIN VÀ TRUYỀN THÔNG/);
    await expect(page.getByTestId('original-letter').innerText()).resolves.toContain('Kính gửi');
    expect(await page.getByTestId('plan-entries').locator('.ant-list-item').count()).toBeGreaterThan(0);
    // The 2021 signer is the body the organisation grew out of (config/organizations).
    await page
      .getByText(
        /Sở Thông tin và Truyền thông tỉnh Sóc Trăng ban hành; .* nay là Sở Khoa học và Công nghệ thành phố Cần Thơ — đơn vị của bạn/u,
      )
      .waitFor();

    // The SMS counter follows the text as it is typed, by the same rules the server bills by.
    const sms = page.getByTestId('plan-sms');
    const use = sms.getByRole('checkbox', { name: 'Dùng kênh này' });
    if (!(await use.isChecked())) await use.check();
    const text = 'Ủng hộ Quỹ vì người nghèo tại vandongxahoi.mattran.org.vn';
    await sms.getByTestId('sms-text').fill(text);
    const strip = sms.getByRole('checkbox', { name: /Gửi không dấu/ });
    if (!(await strip.isChecked())) await strip.check();
    const gsm = renderSms(text, { stripDiacritics: true });
    await expect(settledText(sms.getByTestId('sms-encoding'), gsm.encoding)).resolves.toBe(gsm.encoding);
    await expect(settledText(sms.getByTestId('sms-length'), String(gsm.length))).resolves.toBe(String(gsm.length));
    await strip.uncheck();
    const ucs = renderSms(text);
    await expect(settledText(sms.getByTestId('sms-encoding'), 'UCS-2')).resolves.toBe('UCS-2');
    await expect(settledText(sms.getByTestId('sms-segments'), String(ucs.segments))).resolves.toBe(
      String(ucs.segments),
    );
    await strip.check();
    await sms.getByLabel(/Danh sách thuê bao/).fill('0912345678\n0987654321');
    await shot(page, '02-new-campaign-plan');

    await page.getByRole('button', { name: 'Tạo bản nháp chiến dịch' }).click();
    await page.waitForURL(new RegExp(`/campaigns/${UUID.source}$`));
    await expect(statusOf(page)).resolves.toBe('draft');
    // The campaign's page opens at its top, not where the long form before it was scrolled to.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.getByRole('button', { name: 'Gửi phê duyệt' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') ===
        'pending_approval',
    );
    await shot(page, '03-submitted');
    // What was sent is what was stored: the SMS plan and its two subscribers.
    const id = UUID.exec(page.url())![0];
    const [plan] = await api.ds.query(`SELECT content FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms'`, [
      id,
    ]);
    expect(plan.content).toMatchObject({ text, stripDiacritics: true });
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM audience_members WHERE campaign_id = $1`, [id]);
    expect(n).toBe(2);
  });

  it('asks for the password again when the session ends mid-work, keeping the half-written campaign', async () => {
    const page = await pageFor();
    await signIn(page, 'editor', '/campaigns/new');
    await page.getByTestId('letter-text').fill(LETTER);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    const sms = page.getByTestId('plan-sms');
    const use = sms.getByRole('checkbox', { name: 'Dùng kênh này' });
    if (!(await use.isChecked())) await use.check();
    const text = 'Phiên hết giữa chừng: bà con ủng hộ tại vandongxahoi.mattran.org.vn';
    await sms.getByTestId('sms-text').fill(text);
    await sms.getByLabel(/Danh sách thuê bao/).fill('0912345678');

    // The session ends elsewhere (signed out on another tab, or expired): the server no longer knows the token.
    const token = await page.evaluate(() => sessionStorage.getItem('loa.token'));
    await request(base)
      .post('/api/auth/logout')
      .set({ authorization: `Bearer ${token}` })
      .expect(204);
    await page.getByRole('button', { name: 'Tạo bản nháp chiến dịch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phiên đăng nhập đã hết' });
    await dialog.waitFor();
    await shot(page, '02b-session-expired');
    // Nothing was made, and the page behind the dialog still holds what was typed.
    expect(page.url()).toMatch(/\/campaigns\/new$/);
    await expect(sms.getByTestId('sms-text').inputValue()).resolves.toBe(text);
    await expect(dialog.getByLabel('Thư điện tử').inputValue()).resolves.toBe(user('editor').email);
    await dialog.getByLabel('Mật khẩu').fill('not the password');
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.getByText('Sai thư điện tử hoặc mật khẩu.').waitFor();
    await dialog.getByLabel('Mật khẩu').fill(user('editor').password);
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Tạo bản nháp chiến dịch' }).click();
    await page.waitForURL(new RegExp(`/campaigns/${UUID.source}$`));
    const id = UUID.exec(page.url())![0];
    const [plan] = await api.ds.query(`SELECT content FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms'`, [
      id,
    ]);
    expect(plan.content).toMatchObject({ text });
  });

  it('lets an editor narrow the area to a commune by name, and shows the area on the campaign', async () => {
    await api.ds.query(
      `INSERT INTO stations (organization_id, code, name, level, admin_unit_code, region, broadcast_slots, time_zone)
       SELECT organization_id, 'dtt-xa-myhuong-2025', 'Đài Truyền thanh xã Mỹ Hương', 'commune', '31591', region,
              broadcast_slots, time_zone FROM stations WHERE code = 'dtt-mytu'`,
    );
    const page = await pageFor();
    await signIn(page, 'editor', '/campaigns/new');
    await page.getByTestId('letter-text').fill(LETTER);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    // The 2021 Sóc Trăng letter proposes today's Cần Thơ (92).
    await page.getByTestId('campaign-area').getByText('Thành phố Cần Thơ').waitFor();
    const area = page.getByTestId('area-field');
    await area.locator('.ant-select-selection-item-remove').click();
    await page.getByRole('combobox', { name: 'Khu vực' }).fill('my huong');
    // antd lists options twice: a hidden list for screen readers and the visible one clicked here.
    await page.locator('.ant-select-item-option[title="Xã Mỹ Hương — Thành phố Cần Thơ"]').click();
    await page.keyboard.press('Escape');
    // Province-wide agencies and portals are not within a commune; the radio plan takes the commune's stations.
    // (This letter names no carrier, so there is no SMS plan; moving carrier orders is in the specs.)
    for (const channel of ['email', 'banner']) {
      const use = page.getByTestId(`plan-${channel}`).getByRole('checkbox', { name: 'Dùng kênh này' });
      if (await use.isChecked()) await use.uncheck();
    }
    const radio = page.getByTestId('plan-radio');
    const useRadio = radio.getByRole('checkbox', { name: 'Dùng kênh này' });
    if (!(await useRadio.isChecked())) await useRadio.check();
    while ((await radio.locator('.ant-select-selection-item-remove').count()) > 0)
      await radio.locator('.ant-select-selection-item-remove').first().click();
    await shot(page, '02c-new-campaign-area');
    await page.getByRole('button', { name: 'Tạo bản nháp chiến dịch' }).click();
    // Either the campaign's page, or the server's refusal shown on the form (then the test says what it was).
    const refused = page.locator('.ant-alert-error');
    await Promise.race([page.waitForURL(new RegExp(`/campaigns/${UUID.source}$`)), refused.waitFor()]);
    expect(await refused.count()).toBe(0);
    const id = UUID.exec(page.url())![0];
    await page.getByTestId('campaign-area').getByText('Xã Mỹ Hương').waitFor();
    const [campaign] = await api.ds.query(`SELECT area_codes FROM campaigns WHERE id = $1`, [id]);
    expect(campaign.area_codes).toEqual(['31591']);
    const plans: Array<{ channel: string; content: Record<string, unknown> }> = await api.ds.query(
      `SELECT channel, content FROM channel_plans WHERE campaign_id = $1 ORDER BY channel`,
      [id],
    );
    expect(plans.map((p) => p.channel)).toEqual(['radio']);
    expect(plans[0].content.stationCodes).toEqual(['dtt-xa-myhuong-2025']);
    await shot(page, '02d-campaign-area');
  });

  it('reads a letter uploaded as DOCX or PDF like the pasted one, and says plainly what a scan needs', async () => {
    const page = await pageFor();
    await signIn(page, 'editor', '/campaigns/new');
    const upload = async (name: string, mimeType: string, buffer: Buffer) => {
      await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
    };
    const docx = await letterDocx();
    await upload(
      'cong-van-mat-tran.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      docx,
    );
    // Reading a file (pdf.js, OCR checks) takes seconds on a loaded 2-core runner: what is asserted is what was read.
    const READ_MS = 60_000;
    const fields = page.getByTestId('parsed-fields');
    await fields.waitFor({ timeout: READ_MS });
    const fromDocx = await fields.innerText();
    expect(fromDocx).toMatch(/SỞ THÔNG TIN VÀ TRUYỀN THÔNG/);
    // The text read from the file, columns in order, is shown beside what was found in it.
    const original = await page.getByTestId('original-letter').innerText();
    expect(original).toContain('Kính gửi');
    expect(original.indexOf('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')).toBeLessThan(original.indexOf('CỘNG HÒA XÃ HỘI'));
    await expect(page.getByTestId('original-file').innerText()).resolves.toMatch(/^cong-van-mat-tran\.docx · \d+ KB$/);
    await shot(page, '02b-letter-from-docx');

    // The same letter printed to PDF reads to the same fields.
    await page.goto(`${base}/campaigns/new`);
    await upload('cong-van-mat-tran.pdf', 'application/pdf', await letterPdf());
    await page.getByTestId('parsed-fields').waitFor({ timeout: READ_MS });
    await expect(page.getByTestId('parsed-fields').innerText()).resolves.toBe(fromDocx);

    // A scan without a text layer is refused in words an editor can act on; nothing is stored.
    const before = Number((await api.ds.query(`SELECT count(*) AS n FROM directives`))[0].n);
    await page.goto(`${base}/campaigns/new`);
    await upload('ban-quet.pdf', 'application/pdf', await noTextPdf());
    const alert = page.locator('.ant-alert-error');
    await alert.waitFor({ timeout: READ_MS });
    await expect(alert.innerText()).resolves.toMatch(/bản quét.*OCR/);
    expect(Number((await api.ds.query(`SELECT count(*) AS n FROM directives`))[0].n)).toBe(before);
  }, 180_000);

  it('uploads a subscriber CSV with progress, counts what it did and hands back the rejected rows', async () => {
    const token = await tokenOf('editor');
    const as = { authorization: `Bearer ${token}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Danh sách thuê bao từ tệp',
        channels: { sms: { text: 'Loa: ung ho Quy vi nguoi ngheo', subscribers: ['0912345678'] } },
      })
      .expect(201);
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${c.body.id}`);
    const csv = ['Họ tên,Số điện thoại', 'An,0912 345 679', 'Bình,+84987654321', 'Chi,0912345679', 'Dũng,12345', ''];
    await page
      .getByTestId('audience-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'thue-bao.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n'), 'utf8') });
    const result = page.getByTestId('audience-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toMatch(/Đã thêm\s+2/);
    expect(text).toMatch(/Trùng\s+1/);
    expect(text).toMatch(/Bị loại\s+1/);
    expect(text).toContain('Số điện thoại');
    // The plan summary counts the new subscribers without a reload.
    await page.getByTestId('plan-summary').getByText('Tin nhắn SMS — 3 thuê bao').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action=rejects]').click(),
    ]);
    const rejects = readFileSync((await download.path())!, 'utf8');
    expect(rejects).toMatch(/^\uFEFF/);
    expect(rejects).toContain('12345');
    expect(rejects.trim().split('\n')).toHaveLength(2);
    await shot(page, '03b-audience');
  });

  it('shows an approver what waits, what will go out, asks a reason to reject, and approves', async () => {
    const title = 'Phê duyệt: ủng hộ Quỹ vì người nghèo';
    const id = await draftOverApi('editor', title);
    const editor = { authorization: `Bearer ${await tokenOf('editor')}` };
    await request(base).post(`/api/campaigns/${id}/submit`).set(editor).expect(200);

    const page = await pageFor();
    await signIn(page, 'approver', '/approvals');
    await page.getByRole('link', { name: title }).click();
    await page.getByTestId('plan-summary').waitFor();
    await expect(page.getByTestId('plan-summary').innerText()).resolves.toMatch(/Đài truyền thanh — \d+/);
    await page.getByRole('button', { name: 'Từ chối' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: 'Từ chối' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Lý do từ chối').fill('Thiếu khung giờ phát buổi chiều');
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') === 'draft',
    );
    await page.getByText('Từ chối: Thiếu khung giờ phát buổi chiều').waitFor();

    await request(base).post(`/api/campaigns/${id}/submit`).set(editor).expect(200);
    await page.reload();
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') ===
        'approved',
    );
    await shot(page, '04-approved');
    const [row] = await api.ds.query(`SELECT status, approved_by FROM campaigns WHERE id = $1`, [id]);
    expect(row.status).toBe('approved');
    expect(row.approved_by).not.toBeNull();
  });

  it('lets the editor fix a rejected campaign and submit it again', async () => {
    const id = await draftOverApi('editor', 'Bị từ chối: cần sửa');
    await request(base)
      .post(`/api/campaigns/${id}/submit`)
      .set({ authorization: `Bearer ${await tokenOf('editor')}` })
      .expect(200);
    await request(base)
      .post(`/api/campaigns/${id}/reject`)
      .set({ authorization: `Bearer ${await tokenOf('approver')}` })
      .send({ reason: 'Nội dung phát thanh cần nêu thời hạn ủng hộ' })
      .expect(200);

    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    await page.getByText('Từ chối: Nội dung phát thanh cần nêu thời hạn ủng hộ').waitFor();
    await page.locator('[data-action=edit]').click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel('Tên chiến dịch').fill('Đã sửa: ủng hộ đến hết tháng 12');
    const script = page.getByTestId('plan-radio').getByLabel('Nội dung phát thanh');
    await expect(script.inputValue()).resolves.toBe('Kính mời bà con ủng hộ Quỹ vì người nghèo.');
    await script.fill('Kính mời bà con ủng hộ Quỹ vì người nghèo đến hết ngày 31 tháng 12.');
    await shot(page, '04b-edit');
    await page.locator('[data-action=save]').click();
    await page.waitForURL(new RegExp(`/campaigns/${id}$`));
    await page.getByTestId('plan-summary').getByText('đến hết ngày 31 tháng 12').waitFor();
    await page.getByRole('button', { name: 'Gửi phê duyệt' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') ===
        'pending_approval',
    );
    const [row] = await api.ds.query(
      `SELECT c.title, p.content FROM campaigns c JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        WHERE c.id = $1`,
      [id],
    );
    expect(row.title).toBe('Đã sửa: ủng hộ đến hết tháng 12');
    expect(row.content).toMatchObject({ stationCodes: ['dtt-mytu'], script: expect.stringContaining('31 tháng 12') });
  });

  it('tells an admin who drafted a campaign why they cannot approve it themself', async () => {
    const id = await draftOverApi('admin', 'Chiến dịch do quản trị soạn');
    await request(base)
      .post(`/api/campaigns/${id}/submit`)
      .set({ authorization: `Bearer ${await tokenOf('admin')}` })
      .expect(200);
    const page = await pageFor();
    await signIn(page, 'admin', `/campaigns/${id}`);
    await page.getByTestId('own-campaign').waitFor();
    await expect(page.getByTestId('own-campaign').innerText()).resolves.toMatch(/không thể tự phê duyệt/);
    expect(await page.locator('[data-action=approve]').count()).toBe(0);
  });

  it('launches, shows progress live without a reload, and cancels after naming the effect on each channel', async () => {
    const id = await draftOverApi('editor', 'Đang phát: ủng hộ Quỹ vì người nghèo');
    await submitAndApproveOverApi(id);

    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    await page.getByRole('button', { name: 'Phát ngay' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') === 'running',
    );
    // The worker's fan-out (run here in-process), then a station pulls its script: the page follows by itself.
    await api.app.get(FanoutService).run(id, 0);
    const station = api.seed.stationKeys.find((s) => s.code === 'dtt-mytu')!;
    await request(base).get('/stations/dtt-mytu/feed.json').set('x-station-key', station.key).expect(200);
    const radio = page.getByTestId('progress-radio');
    await page.waitForFunction(
      () => {
        const card = document.querySelector('[data-testid=progress-radio]');
        const pulled = card?.querySelectorAll('.ant-statistic-content-value')[1]?.textContent;
        return pulled !== undefined && Number(pulled) >= 1;
      },
      undefined,
      { timeout: 15_000 },
    );
    await shot(page, '05-running');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await radio.innerText()).toMatch(/Đã nhận kịch bản/);
    // The report: who airs which slot, and the figures as CSV.
    const grid = page.getByTestId('slot-grid');
    await grid.waitFor();
    expect(await grid.locator('[data-outcome]').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action=export-csv]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('radio,*,pulled,1\r\n');

    await page.getByRole('button', { name: 'Hủy chiến dịch' }).click();
    const effects = page.getByTestId('cancel-effects');
    await expect(effects.innerText()).resolves.toMatch(/Đài truyền thanh: kịch bản được đánh dấu rút lại/);
    expect(await effects.innerText()).not.toMatch(/SMS/);
    await shot(page, '06-cancel-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy chiến dịch' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=campaign-title] [data-status]')?.getAttribute('data-status') ===
        'cancelled',
    );
    const [row] = await api.ds.query(`SELECT status FROM campaigns WHERE id = $1`, [id]);
    expect(row.status).toBe('cancelled');
  });

  it('shows an admin the depth of every queue and the failed jobs of the organisation, to retry', async () => {
    const id = await campaignOverApi('Thư gửi các sở (lỗi SMTP)', { email: { agencyGroups: ['so-ban-nganh'] } });
    // A job the email worker failed for good (the worker itself is acknowledgements.e2e's subject).
    const queue: Queue = api.app.get(getQueueToken(QUEUES.email));
    const job = await failedJob(queue, { campaignId: id, deliveryIds: [] }, '421 4.7.0 too many connections');

    const page = await pageFor();
    await signIn(page, 'admin', '/admin');
    await page.getByRole('tab', { name: 'Hàng đợi' }).click();
    const panel = page.getByTestId('admin-queues');
    await panel
      .getByRole('row', { name: /email-send/ })
      .first()
      .waitFor();
    for (const name of ['fanout', 'receipts', 'lifecycle', 'sms-viettel'])
      await panel
        .getByRole('row', { name: new RegExp(name) })
        .first()
        .waitFor();
    const failed = panel.getByRole('row', { name: /Thư gửi các sở \(lỗi SMTP\)/ });
    await expect(failed.innerText()).resolves.toContain('421 4.7.0 too many connections');
    await shot(page, '09b-admin-queues');
    await failed.getByRole('button', { name: 'Chạy lại' }).click();
    await failed.waitFor({ state: 'detached' });
    expect(await (await queue.getJob(job.id!))!.getState()).toBe('waiting');
    await job.remove(); // nothing here runs it; leave the queue as it was
  });

  it('shows a carrier paused by its failure rate with the errors it gave, and lets the editor resume it', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const id = await campaignOverApi('Nhắn tin vận động ủng hộ', {
      sms: { text: 'Chung tay ủng hộ Quỹ vì người nghèo', subscribers: ['0961234567'] },
    });
    await submitAndApproveOverApi(id);
    await request(base).post(`/api/campaigns/${id}/launch`).set(as).expect(200);
    // What a worker stores when the window trips (the send path itself is carrier-auto-pause.int-spec's subject).
    await api.ds.query(
      `INSERT INTO carrier_pauses (campaign_id, carrier_code, reason, failures, window_size, samples)
       VALUES ($1, 'viettel', 'failure_rate', 480, 500, $2::jsonb)`,
      [id, JSON.stringify([{ error: 'ESME_RINVSRCADR: invalid source address', count: 480 }])],
    );
    // And its one message past the carrier's daily quota, waiting for the next day (as the send path writes it).
    await api.app.get(FanoutService).run(id, 0);
    const until = new Date(Date.now() + 6 * 3600_000);
    await api.ds.query(
      `UPDATE deliveries SET not_before = $2, last_error = $3 WHERE campaign_id = $1 AND channel = 'sms'`,
      [id, until, carrierQuotaDeferral('viettel', 5, until)],
    );
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    await expect(page.getByTestId('sms-waiting').innerText()).resolves.toMatch(
      /^1 tin chờ đến .*: viettel đã đạt hạn mức tin trong ngày$/u,
    );
    const pauses = page.getByTestId('carrier-pauses');
    await pauses.getByText(/Đã tự tạm dừng gửi qua viettel lúc .*: 480\/500 tin gần nhất không gửi được/u).waitFor();
    await expect(pauses.innerText()).resolves.toContain('ESME_RINVSRCADR: invalid source address');
    await shot(page, '05b-carrier-paused');
    await pauses.getByRole('button', { name: 'Tiếp tục gửi' }).click();
    await pauses.waitFor({ state: 'detached' });
    const [row] = await api.ds.query(`SELECT resumed_at, resumed_by FROM carrier_pauses WHERE campaign_id = $1`, [id]);
    expect(row.resumed_at).not.toBeNull();
    const [editor] = await api.ds.query(`SELECT id FROM users WHERE email = $1`, [user('editor').email]);
    expect(row.resumed_by).toBe(editor.id);
    const [audit] = await api.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1 AND action = 'campaign.carrier_resume'`,
      [id],
    );
    expect(audit.n).toBe(1);
  });

  it('shows a carrier that failed over to its second route, on the campaign page and in the directory', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const id = await campaignOverApi('Nhắn tin qua tuyến dự phòng', {
      sms: { text: 'Chung tay ủng hộ Quỹ vì người nghèo', subscribers: ['0961234568', '0961234569'] },
    });
    await submitAndApproveOverApi(id);
    await request(base).post(`/api/campaigns/${id}/launch`).set(as).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    // What a worker stores when it fails over, and a message the second route took (the send path itself is
    // carrier-failover.e2e's subject). Viettel gets a second route in its row, as an operator would write it.
    await api.ds.query(
      `UPDATE carriers SET connection = connection || '{"secondary": {"provider": "smpp", "host": "smsc-2"}}'::jsonb
        WHERE code = 'viettel'`,
    );
    await api.ds.query(`INSERT INTO carrier_routes (carrier_code, active) VALUES ('viettel', 'secondary')`);
    await api.ds.query(
      `INSERT INTO carrier_route_switches (carrier_code, from_route, to_route, reason, seconds, error, detail)
       VALUES ('viettel', 'primary', 'secondary', 'primary-failing', 63, 'session is reconnecting',
               'the primary route failed for 63 s: session is reconnecting')`,
    );
    await api.ds.query(
      `UPDATE deliveries SET status = 'delivered', provider_message_id = 'secondary:5f1', sent_at = now(), final_at = now()
        WHERE id = (SELECT min(id) FROM deliveries WHERE campaign_id = $1 AND channel = 'sms')`,
      [id],
    );
    try {
      const page = await pageFor();
      await signIn(page, 'editor', `/campaigns/${id}`);
      const alert = page.getByTestId('sms-route-switch');
      await expect(alert.innerText()).resolves.toMatch(
        /viettel: chuyển sang tuyến dự phòng lúc .* vì tuyến chính không gửi được\s+Tuyến chính không gửi được liên tục 63 giây: session is reconnecting/u,
      );
      const progress = page.getByTestId('progress-sms');
      await progress.getByRole('columnheader', { name: 'Qua tuyến dự phòng' }).waitFor();
      await progress.scrollIntoViewIfNeeded();
      await shot(page, '05d-carrier-failover');

      const admin = await pageFor();
      await signIn(admin, 'admin', '/admin');
      await admin.getByRole('tab', { name: 'Danh bạ' }).click();
      const viettel = admin.getByTestId('carrier-terms').getByRole('row', { name: /Viettel/ });
      await expect(viettel.innerText()).resolves.toMatch(/\(dự phòng: smpp\)[\s\S]*Đang gửi qua tuyến dự phòng từ /u);
    } finally {
      // Leave Viettel as the other tests expect it.
      await api.ds.query(`UPDATE carriers SET connection = connection - 'secondary' WHERE code = 'viettel'`);
      await api.ds.query(`DELETE FROM carrier_routes WHERE carrier_code = 'viettel'`);
    }
  });

  it('shows which agencies acknowledged the letter and when, those still silent first', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Gửi công văn tới các sở',
        channels: { email: { agencyGroups: ['so-ban-nganh'] } },
      })
      .expect(201);
    const id = c.body.id as string;
    await submitAndApproveOverApi(id);
    await request(base).post(`/api/campaigns/${id}/launch`).set(as).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    // One agency presses the button of its e-mail's link (the e-mail itself is the worker's: see acknowledgements.e2e).
    const rows: Array<{ id: string; ends_at: Date }> = await api.ds.query(
      `SELECT d.id::text AS id, c.ends_at FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
        WHERE d.campaign_id = $1 AND d.channel = 'email' ORDER BY d.id`,
      [id],
    );
    expect(rows.length).toBe(3);
    const link = api.app.get(AcknowledgementService).linkFor(rows[0].id, rows[0].ends_at);
    await request(base).post(new URL(link).pathname).expect(200);

    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    const card = page.getByTestId('agency-acks');
    await card.getByText('1/3 cơ quan đã xác nhận').waitFor();
    const tableRows = card.locator('tbody tr');
    expect(await tableRows.count()).toBe(3);
    expect(await tableRows.nth(0).innerText()).toMatch(/Chưa xác nhận/);
    expect(await tableRows.nth(2).innerText()).not.toMatch(/Chưa xác nhận/);
    await card.scrollIntoViewIfNeeded();
    await shot(page, '05c-acknowledgements');

    // The result report letter to the issuing authority, as the office edits and signs it.
    const report = page.getByTestId('result-report');
    await report.getByLabel('Họ tên người ký').fill('Trần Văn Ký');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      report.locator('[data-action=result-docx]').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/^bao-cao-ket-qua-[0-9a-f]{8}\.docx$/u);
    const text = docxToText(readFileSync((await docx.path())!)).replace(/\s+/gu, ' ');
    expect(text).toContain('V/v báo cáo kết quả');
    expect(text).toContain('1. Thư điện tử: đã gửi văn bản tới 0/3 cơ quan, đơn vị; 1 cơ quan, đơn vị đã xác nhận');
    expect(text).toContain('Trần Văn Ký');
    await report.scrollIntoViewIfNeeded();
    await shot(page, '05d-result-report');
  });

  it("sends the editor a test of a draft's e-mail and SMS from the campaign page", async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Thư thử',
        channels: { email: { agencyGroups: ['bao-chi'] }, sms: { text: 'Chung tay ủng hộ', stripDiacritics: true } },
      })
      .expect(201);
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${c.body.id}`);
    const before = smtp.messages.length;
    await page.locator('[data-action=test-email]').click();
    await page.getByText(`Đã gửi thư thử tới ${user('editor').email}.`).waitFor();
    expect(smtp.messages.length).toBe(before + 1);
    expect(smtp.messages[before].subject).toMatch(/^\[THỬ\] V\/v /u);
    expect(smtp.messages[before].envelopeTo).toEqual([user('editor').email]);
    // The SMS test goes to the editor's own phone (set by an admin), queued on the carrier's queue.
    await page.locator('[data-action=test-sms]').click();
    await page.getByText('Đã xếp tin thử (1 tin) gửi tới 0961000111 qua viettel.').waitFor();
  });

  it('proposes a change on air, which only a different approver applies', async () => {
    const id = await draftOverApi('editor', 'Sửa trên sóng: phòng chống lụt bão');
    await submitAndApproveOverApi(id);
    await request(base)
      .post(`/api/campaigns/${id}/launch`)
      .set({ authorization: `Bearer ${await tokenOf('editor')}` })
      .expect(200);
    await api.app.get(FanoutService).run(id, 0);

    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    await page.locator('[data-action=propose]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Khung giờ', { exact: true }).fill('06:00, 11:00, 17:00');
    await dialog.getByLabel('Lý do', { exact: true }).fill('Thêm khung giờ buổi trưa');
    await dialog.getByRole('button', { name: 'Gửi đề xuất' }).click();
    const amendments = page.getByTestId('radio-amendments');
    await amendments.locator('[data-amendment-status=pending]').waitFor();
    expect(await amendments.locator('[data-action=approve-amendment]').count()).toBe(0); // not the proposer's to apply
    await shot(page, '05b-amendment-proposed');

    const other = await pageFor();
    await signIn(other, 'approver', `/campaigns/${id}`);
    await other.locator('[data-action=approve-amendment]').click();
    await other.getByTestId('radio-amendments').locator('[data-amendment-status=applied]').waitFor();
    const [revision] = await api.ds.query(
      `SELECT revision, content->'slots' AS slots, created_by, approved_by FROM radio_script_revisions
        WHERE campaign_id = $1 ORDER BY revision DESC LIMIT 1`,
      [id],
    );
    expect(revision).toMatchObject({ revision: 2, slots: ['06:00', '11:00', '17:00'] });
    expect(revision.created_by).not.toBe(revision.approved_by);
  });

  it('lets an admin add an operator, import stations from CSV and read the audit log', async () => {
    const page = await pageFor();
    await signIn(page, 'admin', '/admin');
    await page.locator('[data-action=new-user]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên').fill('Lê Thị Biên Tập Mới');
    await dialog.getByLabel('Thư điện tử').fill('bientap.moi@soctrang.demo');
    await dialog.getByLabel('Mật khẩu').fill('mat-khau-du-dai-2026');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('cell', { name: 'bientap.moi@soctrang.demo' }).waitFor();
    // Their own mobile number, where their test SMS go, written as people write it.
    await page.getByTestId('phone-bientap.moi@soctrang.demo').locator('.ant-typography-edit').click();
    await page.locator('td textarea').fill('+84 912.345.678');
    await page.locator('td textarea').press('Enter');
    await page.getByTestId('phone-bientap.moi@soctrang.demo').getByText('0912 345 678').waitFor();
    await request(base)
      .post('/api/auth/login')
      .send({ email: 'bientap.moi@soctrang.demo', password: 'mat-khau-du-dai-2026' })
      .expect(200);

    await page.getByRole('tab', { name: 'Đài truyền thanh' }).click();
    const csv = [
      'code,name,level,parent_code,unit_code,region,slots,time_zone',
      'dtt-xa-mytu-long-hung,Đài Truyền thanh xã Long Hưng,commune,dtt-mytu,,south,05:30;17:00,',
    ].join('\r\n');
    await page
      .getByTestId('stations-import')
      .locator('input[type=file]')
      .setInputFiles({ name: 'dai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByTestId('stations-import-result').innerText()).resolves.toMatch(/1 mới/);
    await page.getByRole('cell', { name: 'Đài Truyền thanh xã Long Hưng' }).waitFor();
    await shot(page, '09-admin-stations');

    // One station edited on its own: a contact, a slot that overlaps refused with its field, then saved.
    await page
      .getByRole('row', { name: /Đài Truyền thanh xã Long Hưng/ })
      .locator('[data-action=edit-station]')
      .click();
    const stationEdit = page.getByRole('dialog', { name: 'Sửa đài dtt-xa-mytu-long-hung' });
    await stationEdit.getByLabel('Thư điện tử liên hệ').fill('longhung@mytu.soctrang.gov.vn');
    await stationEdit.locator('[data-action=add-slot]').click();
    await stationEdit.getByLabel('Giờ bắt đầu khung 3').fill('17:10');
    await stationEdit.getByRole('button', { name: 'Lưu' }).click();
    await expect(stationEdit.getByTestId('station-edit-error').innerText()).resolves.toMatch(/chồng lên/);
    await stationEdit.getByLabel('Giờ bắt đầu khung 3').fill('19:00');
    await stationEdit.getByLabel('Số phút khung 3').fill('15');
    await stationEdit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu đài dtt-xa-mytu-long-hung.').waitFor();
    await stationEdit.waitFor({ state: 'hidden' });
    await page
      .getByRole('row', { name: /Đài Truyền thanh xã Long Hưng/ })
      .getByText('19:00 (15′)')
      .waitFor();
    const [edited] = await api.ds.query(
      `SELECT contact_email, broadcast_slots FROM stations WHERE code = 'dtt-xa-mytu-long-hung'`,
    );
    expect(edited).toEqual({
      contact_email: 'longhung@mytu.soctrang.gov.vn',
      broadcast_slots: [
        { start: '05:30', minutes: 30 },
        { start: '17:00', minutes: 30 },
        { start: '19:00', minutes: 15 },
      ],
    });

    // A key for a station, shown once, that the station can use at once.
    await page.getByRole('tab', { name: 'Khóa đối tác' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByLabel('Mã').fill('dtt-mytu');
    await panel.locator('[data-action=issue-key]').click();
    const issued = page.getByTestId('issued-key');
    await issued.waitFor();
    const key = (await issued.locator('code').innerText()).trim();
    await request(base).get('/stations/dtt-mytu/feed.json').set('x-station-key', key).expect(200);

    // The directory: an agency added, renamed and deleted again, each through the dialog.
    await page.getByRole('tab', { name: 'Danh bạ' }).click();
    // Each carrier's terms as the send path reads them: a quota set on its row shows with today's count.
    await api.ds.query(
      `UPDATE carriers SET connection = connection || '{"dailyQuota": 50000, "tps": 80}'::jsonb WHERE code = 'vinaphone'`,
    );
    await page.reload();
    await page.getByRole('tab', { name: 'Danh bạ' }).click();
    const terms = page.getByTestId('carrier-terms');
    const vinaphone = terms.getByRole('row', { name: /VinaPhone/i });
    await vinaphone.waitFor();
    await expect(vinaphone.innerText()).resolves.toMatch(/SoTTTT-ST\t80\t—\t100\t8\t0 \/ 50\.000/u);
    await expect(terms.getByRole('row', { name: /Viettel/ }).innerText()).resolves.toMatch(/0 \/ không giới hạn/u);
    const agencies = page.getByTestId('agencies');
    await agencies.locator('[data-action=add]').click();
    const add = page.getByRole('dialog');
    await add.getByLabel('Mã').fill('so-xay-dung');
    await add.getByLabel('Tên').fill('Sở Xây dựng tỉnh Sóc Trăng');
    await add.getByLabel('Thư điện tử').fill('sxd@soctrang.demo');
    await add.getByLabel('Nhóm').fill('so-ban-nganh');
    await add.getByRole('button', { name: 'Lưu' }).click();
    const row = agencies.getByRole('row', { name: /so-xay-dung/ });
    await row.waitFor();
    await add.waitFor({ state: 'hidden' });
    await row.locator('[data-action=edit]').click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Tên').waitFor();
    expect(await edit.getByLabel('Mã', { exact: true }).count()).toBe(0); // a code is fixed once created
    await edit.getByLabel('Tên').fill('Sở Xây dựng');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await agencies.getByRole('cell', { name: 'Sở Xây dựng', exact: true }).waitFor();
    // The dialog closes once the list shows the change (its closing hands the focus back to the row).
    await edit.waitFor({ state: 'hidden' });
    await row.locator('[data-action=delete]').click();
    const confirm = page.getByRole('tooltip').filter({ hasText: 'Xóa' });
    await confirm.waitFor();
    // Asked for reduced motion, the confirmation appears still: nothing animates on it or around it.
    const animations = await confirm.evaluate((el) => {
      let n = 0;
      for (let e: Element | null = el; e; e = e.parentElement) n += e.getAnimations().length;
      return n;
    });
    expect(animations).toBe(0);
    const deleted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && r.url().includes('/api/admin/agencies/'),
    );
    await confirm.getByRole('button', { name: 'Xóa' }).click();
    expect((await deleted).status()).toBe(204);
    await row.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Nhật ký hệ thống' }).click();
    await page.getByRole('tabpanel').getByText('station.import').first().waitFor();
  });

  it('lets an admin keep the test list, and shows an approver exactly where an exercise goes', async () => {
    const page = await pageFor();
    await signIn(page, 'admin', '/admin');
    await page.getByRole('tab', { name: 'Danh sách thử nghiệm' }).click();
    const form = page.getByTestId('test-list');
    await form.getByLabel('Số điện thoại thử nghiệm').fill('0912 345 678\n12345');
    await form.getByLabel('Địa chỉ thư thử nghiệm').fill('dien-tap@soctrang.demo');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText(/msisdns\[1\]: 12345/).waitFor();
    await form.getByLabel('Số điện thoại thử nghiệm').fill('0912 345 678');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu.').waitFor();
    const list = await request(base)
      .get('/api/admin/test-list')
      .set({ authorization: `Bearer ${await tokenOf('admin')}` })
      .expect(200);
    expect(list.body).toEqual({ msisdns: ['84912345678'], emails: ['dien-tap@soctrang.demo'] });

    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Diễn tập vận động ủng hộ',
        mode: 'exercise',
        channels: {
          email: { agencyGroups: ['so-ban-nganh'] },
          banner: { headline: 'Chung tay ủng hộ đồng bào', targetUrl: 'https://vandongxahoi.mattran.org.vn/' },
        },
      })
      .expect(201);
    await request(base).post(`/api/campaigns/${c.body.id}/submit`).set(as).expect(200);
    const approver = await pageFor();
    await signIn(approver, 'approver', `/campaigns/${c.body.id}`);
    await approver.getByTestId('campaign-title').locator('[data-mode=exercise]').waitFor();
    await expect(approver.getByTestId('rehearsal-summary').innerText()).resolves.toContain('dien-tap@soctrang.demo');
    const frame = approver.getByTestId('banner-preview').frameLocator('iframe');
    await frame.getByText('Chung tay ủng hộ đồng bào').waitFor();
    await shot(approver, '10-exercise-approval');
  });

  it('lets a station on a phone read today’s script, confirm one slot and say why it could not air another', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Đài phát: ủng hộ đồng bào',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        channels: {
          radio: {
            stationCodes: ['dtt-tp-soctrang'],
            script: 'Kính thưa bà con, hãy chung tay ủng hộ đồng bào.',
            slots: ['06:00', '17:00'],
          },
        },
      })
      .expect(201);
    await submitAndApproveOverApi(c.body.id);
    await request(base).post(`/api/campaigns/${c.body.id}/launch`).set(as).expect(200);
    await api.app.get(FanoutService).run(c.body.id, 0);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'vi-VN',
      isMobile: true,
    });
    contexts.push(context);
    const phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
    // What the phone downloads: the shell and the station's page, none of the operators' pages (each its own chunk).
    const scripts: Array<Promise<{ name: string; bytes: number }>> = [];
    const styles: Array<Promise<number>> = [];
    phone.on('requestfinished', (req) => {
      if (req.resourceType() === 'script')
        scripts.push(req.sizes().then((s) => ({ name: new URL(req.url()).pathname, bytes: s.responseBodySize })));
      if (req.resourceType() === 'stylesheet') styles.push(req.sizes().then((s) => s.responseBodySize));
    });
    await phone.goto(`${base}/station`);
    const key = api.seed.stationKeys.find((s) => s.code === 'dtt-tp-soctrang')!.key;
    await phone.getByLabel('Mã đài').fill('dtt-tp-soctrang');
    await phone.getByLabel('Khóa của đài').fill(`${key}x`);
    await phone.getByRole('button', { name: 'Vào' }).click();
    await phone.getByText('Mã đài hoặc khóa không đúng').waitFor();
    await phone.getByLabel('Khóa của đài').fill(key);
    await phone.getByRole('button', { name: 'Vào' }).click();
    await phone.getByTestId('station-page').getByRole('heading', { name: 'Hôm nay' }).waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const morning = phone.getByTestId(`airing-${today}-06:00`);
    const evening = phone.getByTestId(`airing-${today}-17:00`);
    await morning.getByText('Kính thưa bà con, hãy chung tay ủng hộ đồng bào.').waitFor({ state: 'attached' });
    await shot(phone, '11-station-phone');
    const loaded = await Promise.all(scripts);
    expect(loaded.map((l) => l.name)).toContainEqual(expect.stringMatching(/\/assets\/StationPage-[\w-]+\.js$/));
    expect(loaded.map((l) => l.name).filter((n) => OPERATOR_PAGE_CHUNK.test(n))).toEqual([]);
    const kib = loaded.reduce((sum, l) => sum + l.bytes, 0) / 1024;
    const styleKib = (await Promise.all(styles)).reduce((sum, b) => sum + b, 0) / 1024;
    console.log(
      `station page on a phone: ${loaded.length} scripts, ${kib.toFixed(0)} KiB over the wire; styles ${styleKib.toFixed(0)} KiB`,
    );
    expect(kib).toBeLessThan(STATION_SCRIPTS_KIB);
    expect(styleKib).toBeLessThan(STATION_STYLES_KIB);
    expect(await accessibilityProblems(phone)).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await morning.locator('[data-action=aired]').click();
    await morning
      .getByTestId('logged')
      .getByText(/^Đã phát lúc \d{2}:\d{2}$/)
      .waitFor();
    await evening.locator('[data-action=not-aired]').click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Mất điện cả xã');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await evening.getByTestId('logged').getByText('Không phát: Mất điện cả xã').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await shot(phone, '12-station-reported');

    const log = await request(base).get('/stations/dtt-tp-soctrang/broadcasts').set('x-station-key', key).expect(200);
    const mine = (log.body as Array<{ scriptId: string; slot: string; status: string; note: string | null }>).filter(
      (l) => l.scriptId === c.body.id,
    );
    expect(mine.map((l) => [l.slot, l.status, l.note])).toEqual([
      ['06:00', 'aired', null],
      ['17:00', 'missed', 'Mất điện cả xã'],
    ]);
    // An aired slot cannot be reported not aired afterwards.
    await request(base)
      .post(`/stations/dtt-tp-soctrang/scripts/${c.body.id}/not-aired`)
      .set('x-station-key', key)
      .send({ slot: '06:00', date: today, reason: 'nhầm' })
      .expect(409);
  });

  it('lets an editor give the banner an image of a standard size, refusing one that fits none', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Banner có ảnh',
        channels: { banner: { headline: 'Ngày hội Đại đoàn kết', targetUrl: 'https://vandongxahoi.mattran.org.vn/' } },
      })
      .expect(201);
    const picture = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 21, g: 101, b: 192 } } })
        .png()
        .toBuffer();
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${c.body.id}/edit`);
    const images = page.getByTestId('banner-images');
    const input = images.locator('input[type=file]');
    await input.setInputFiles({ name: 'vuong.png', mimeType: 'image/png', buffer: await picture(400, 400) });
    await page.getByText(/file: ảnh 400×400 không đúng tỷ lệ/).waitFor();
    await input.setInputFiles({ name: 'bang-ngang.png', mimeType: 'image/png', buffer: await picture(1456, 180) });
    // The size's tag (exactly "728×90"), not the help text that lists every standard size: matching that too made
    // this step pass before the upload or fail, whichever was on the page first.
    await images.getByText('728×90', { exact: true }).waitFor();
    await images.getByRole('img', { name: 'Ảnh banner khổ 728×90' }).waitFor();
    await page.getByLabel('Mô tả ảnh (cho người không xem được ảnh)').fill('Ngày hội Đại đoàn kết toàn dân tộc');
    await shot(page, '18-banner-image');
    await page.locator('[data-action=save]').click();
    await page.waitForURL(new RegExp(`/campaigns/${c.body.id}$`));
    const [plan] = await api.ds.query(
      `SELECT p.content FROM channel_plans p WHERE p.campaign_id = $1 AND p.channel = 'banner'`,
      [c.body.id],
    );
    const [stored] = await api.ds.query(`SELECT id, size, width, height FROM banner_images WHERE id = $1`, [
      plan.content.images[0].imageId,
    ]);
    expect(stored).toMatchObject({ size: '728x90', width: 1456, height: 180 });
    expect(plan.content.imageAlt).toBe('Ngày hội Đại đoàn kết toàn dân tộc');
    // The preview holds the image inline (nothing fetched from a portal's address).
    const preview = page.getByTestId('banner-preview').locator('iframe');
    await expect(preview.getAttribute('srcdoc')).resolves.toContain('src="data:image/png;base64,');
  });

  it('shows a portal webmaster the snippet, the banner showing now and its impressions and clicks', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const headline = 'Chung tay vì người nghèo — trang tỉnh';
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Banner cho webmaster',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        channels: {
          banner: { headline, targetUrl: 'https://vandongxahoi.mattran.org.vn/', portalCodes: ['stttt-web'] },
        },
      })
      .expect(201);
    await submitAndApproveOverApi(c.body.id);
    await request(base).post(`/api/campaigns/${c.body.id}/launch`).set(as).expect(200);
    await api.app.get(FanoutService).run(c.body.id, 0);
    const portal = api.seed.portals.find((p) => p.code === 'stttt-web')!;
    // Two readers' page views (each loads the view pixel) and one click on the portal itself, once the portal's
    // banners held in memory include the launch (within about a second).
    await waitUntil(
      'the banner on the portal',
      async () => (await request(base).get(`/embed/${portal.embedKey}`)).text.includes(c.body.id) || null,
      3000,
      50,
    );
    for (let i = 0; i < 2; i++) await viewAndClickBanner(base, portal.embedKey, i === 0);
    await api.app.get(BannerCounters).flush(); // counted in memory, added in batches

    const page = await pageFor();
    await page.goto(`${base}/portal`);
    await page.getByLabel('Mã cổng thông tin').fill('stttt-web');
    await page.getByLabel('Khóa của cổng').fill(api.seed.portals[0].key!);
    await page.getByRole('button', { name: 'Vào' }).click();
    await page.getByText('Mã cổng hoặc khóa không đúng').waitFor();
    await page.getByLabel('Khóa của cổng').fill(portal.key!);
    await page.getByRole('button', { name: 'Vào' }).click();
    const view = page.getByTestId('portal-page');
    await view.waitFor();
    await expect(view.getByTestId('portal-snippet').innerText()).resolves.toContain(`/embed/${portal.embedKey}`);
    await page.getByTestId('portal-preview').contentFrame().getByText(headline).waitFor();
    const row = view.getByTestId('portal-campaigns').getByRole('row', { name: new RegExp(headline) });
    await expect(row.innerText()).resolves.toMatch(/Đang hiện[\s\S]*\t2\t1\t50 %$/u);
    // The same figures on today's line (Vietnam's day), and the snippet in another standard size.
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    await expect(
      view
        .getByTestId('portal-days')
        .getByRole('row', { name: new RegExp(headline) })
        .innerText(),
    ).resolves.toBe(`${today}\t${headline}\t2\t1\t50 %`);
    await view.getByLabel('Kích thước').click();
    await page.locator('.ant-select-item-option', { hasText: '728×90' }).click();
    await expect(view.getByTestId('portal-snippet').innerText()).resolves.toContain('width="728" height="90"');
    await page.keyboard.press('Escape');
    await shot(page, '13-portal-webmaster');
    expect(await accessibilityProblems(page)).toEqual([]);
    // The page itself counted nothing.
    const report = await request(base).get(`/api/campaigns/${c.body.id}`).set(as).expect(200);
    expect(report.body.channels.banner).toMatchObject({ served: 2, clicked: 1 });
    // The editor reads the same figures per portal on the campaign page.
    const editor = await pageFor();
    await signIn(editor, 'editor', `/campaigns/${c.body.id}`);
    const perPortal = editor.getByTestId('banner-portals');
    await expect(perPortal.getByRole('row', { name: /Trang thông tin điện tử Sở TTTT/ }).innerText()).resolves.toMatch(
      /Trang thông tin điện tử Sở TTTT\t2\t1\t50 %$/u,
    );
  });

  it('lets a carrier partner acknowledge its order and report counts with signed requests', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const area = '31783'; // Phường Vĩnh Châu (Cần Thơ), once Phường 1 of the town of Vĩnh Châu (Sóc Trăng)
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Lệnh cho nhà mạng',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        channels: {
          sms: {
            text: 'So TTTT: ung ho dong bao',
            stripDiacritics: true,
            carrierOrders: [{ carrierCode: 'mobifone', area }],
          },
        },
      })
      .expect(201);
    await submitAndApproveOverApi(c.body.id);
    await request(base).post(`/api/campaigns/${c.body.id}/launch`).set(as).expect(200);
    await api.app.get(FanoutService).run(c.body.id, 0);
    const key = (
      await request(base)
        .post('/api/partner-keys')
        .set({ authorization: `Bearer ${await tokenOf('admin')}` })
        .send({ kind: 'carrier', partnerCode: 'mobifone' })
        .expect(201)
    ).body.key as string;

    // The demo's own carrier key (printed by `npm run demo`) opens that carrier's orders, and no other's.
    const demo = api.seed.carrierKeys.find((k) => k.code === 'viettel')!;
    await request(base).get('/partners/carriers/viettel/orders').set('x-carrier-key', demo.key).expect(200);
    await request(base).get('/partners/carriers/mobifone/orders').set('x-carrier-key', demo.key).expect(404);

    const page = await pageFor();
    await page.goto(`${base}/carrier`);
    await page.getByLabel('Mã nhà mạng').fill('mobifone');
    await page.getByLabel('Khóa API').fill(key);
    await page.getByRole('button', { name: 'Vào' }).click();
    const order = page.getByTestId(`order-${area}`);
    await order.getByText('So TTTT: ung ho dong bao').waitFor();
    await order.getByText('Phường Vĩnh Châu', { exact: true }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await order.locator('[data-action=ack]').click();
    await order.locator('[data-order-status=acknowledged]').waitFor();
    await order.locator('[data-action=report]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Đã gửi', { exact: true }).fill('1200');
    await dialog.getByLabel('Đã đến máy').fill('1150');
    await dialog.getByLabel('Lỗi').fill('30');
    await dialog.getByLabel('Đã gửi xong (kết thúc lệnh)').check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await order.locator('[data-order-status=completed]').waitFor();
    await expect(order.getByTestId('order-counts').innerText()).resolves.toBe('1.200 đã gửi · 1.150 đã đến · 30 lỗi');
    await dialog.waitFor({ state: 'hidden' });
    await shot(page, '14-carrier-orders');
    // What the department sees: the order completed with the carrier's counts, each step audited as the carrier.
    const report = await request(base).get(`/api/campaigns/${c.body.id}`).set(as).expect(200);
    expect(report.body.channels.sms.carrierOrders).toEqual([
      expect.objectContaining({
        carrierCode: 'mobifone',
        area,
        areaName: 'Phường Vĩnh Châu',
        status: 'completed',
        submitted: 1200,
        delivered: 1150,
      }),
    ]);
  });

  it("lets an editor replace a draft's synthesised speech by a person's recording, and take it back", async () => {
    const id = await draftOverApi('editor', 'Bản ghi âm giọng đọc', ['dtt-mytu', 'dtt-tp-soctrang']);
    const dir = mkdtempSync(join(tmpdir(), 'loa-console-rec-'));
    const wav = join(dir, 'giong-doc.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', wav, 'synth', '3', 'sine', '440']);
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${id}`);
    const card = page.getByTestId('radio-recordings');
    await card.locator('.ant-card-extra input[type=file]').setInputFiles(wav);
    await page.getByText('Đã tải giong-doc.wav.').waitFor();
    await card.locator('[data-source=upload]').first().waitFor();
    expect(await card.locator('[data-source=upload]').count()).toBe(await card.locator('tbody tr').count());
    await expect(card.locator('[data-source=upload]').first().innerText()).resolves.toBe('Bản ghi âm · giong-doc.wav');
    await card.locator('[data-action=remove-recording]').click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Gỡ bản ghi âm' }).click();
    await page.getByText('Đã gỡ bản ghi âm; các đài phát bản đọc tự động.').waitFor();
    await card.locator('[data-source=upload]').first().waitFor({ state: 'detached' });

    // One station's own recording (a commune reading in its own voice): the others keep the synthesised speech.
    const rows = await card.locator('tbody tr').count();
    expect(rows).toBe(2);
    const own = card.locator('tr[data-row-key="dtt-mytu"]');
    await own.locator('input[type=file]').setInputFiles(wav);
    await page.getByText('Đã tải giong-doc.wav cho đài dtt-mytu.').waitFor();
    await own.locator('[data-source=upload]').waitFor();
    expect(await card.locator('[data-source=upload]').count()).toBe(1);
    expect(await card.locator('[data-source=tts]').count()).toBe(rows - 1);
    await card.screenshot({ path: join(SCREENSHOTS, '17-recording-one-station.png') });
    await own.locator('[data-action=remove-station-recording]').click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Gỡ', exact: true }).click();
    await page.getByText('Đã gỡ bản ghi âm của đài dtt-mytu.').waitFor();
    await own.locator('[data-source=tts]').waitFor();
    // A draft has no synthesised audio yet (it is made at launch): no station keeps a recording.
    const audio = await request(base)
      .get(`/api/campaigns/${id}/radio/audio`)
      .set({ authorization: `Bearer ${await tokenOf('editor')}` })
      .expect(200);
    expect((audio.body.stations as Array<{ source: string }>).filter((x) => x.source === 'upload')).toEqual([]);
  });

  it('launches a campaign whose window starts later as a scheduled launch, and says when it starts', async () => {
    const as = { authorization: `Bearer ${await tokenOf('editor')}` };
    const d = await request(base).post('/api/directives').set(as).send({ text: LETTER }).expect(201);
    const start = new Date(Date.now() + 2 * 3600_000);
    const c = await request(base)
      .post('/api/campaigns')
      .set(as)
      .send({
        directiveId: d.body.id,
        title: 'Phát theo lịch',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 86_400_000).toISOString(),
        channels: { email: { agencyGroups: ['bao-chi'] } },
      })
      .expect(201);
    await submitAndApproveOverApi(c.body.id);
    const page = await pageFor();
    await signIn(page, 'editor', `/campaigns/${c.body.id}`);
    const at = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(start)
      .reduce<Record<string, string>>((p, x) => ({ ...p, [x.type]: x.value }), {});
    const when = `${at.hour}:${at.minute} ${at.day}/${at.month}/${at.year}`;
    await page.getByRole('button', { name: `Phát theo lịch: bắt đầu ${when}` }).click();
    await page.getByTestId('scheduled').getByText(`SMS và thư bắt đầu gửi lúc ${when}`, { exact: false }).waitFor();
    expect(await statusOf(page)).toBe('running');
  });

  it('lets an editor correct what Loa read from a letter, keeping the letter as received', async () => {
    const page = await pageFor();
    await signIn(page, 'editor', '/campaigns/new');
    await page.getByTestId('letter-text').fill(LETTER);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    const fields = page.getByTestId('parsed-fields');
    await fields.waitFor();
    const fix = async (field: string, value: string) => {
      await fields.locator(`[data-field=${field}] .ant-typography-edit`).click();
      await fields.locator('textarea').fill(value);
      await fields.locator('textarea').press('Enter');
      await page.getByText('Đã sửa; đề xuất kế hoạch được lập lại.').last().waitFor();
    };
    await fix('documentCode', '1163/STTTT-TTBCXB');
    await fields.locator('[data-field=documentCode]').getByText('1163/STTTT-TTBCXB').waitFor();
    await fix('date', '2021-10-01');
    await fields
      .locator('[data-field=date]')
      .getByText(/01\/10\/2021|1\/10\/2021/)
      .waitFor();
    await fix('date', '2021-02-30');
    await page.getByText(/date: ngày dạng YYYY-MM-DD/).waitFor();

    const token = await tokenOf('editor');
    const list = await request(base)
      .get('/api/directives?q=1163')
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
    const mine = (list.body.items as Array<{ id: string; documentCode: string | null }>).filter(
      (d) => d.documentCode === '1163/STTTT-TTBCXB',
    );
    expect(mine).toHaveLength(1);
    const directive = await request(base)
      .get(`/api/directives/${mine[0].id}`)
      .set({ authorization: `Bearer ${token}` })
      .expect(200);
    // The refused date changed nothing; the letter's own text is as received.
    expect(directive.body.fields.date).toBe('2021-10-01');
    const audit = await request(base)
      .get('/api/audit?action=directive.correct')
      .set({ authorization: `Bearer ${await tokenOf('admin')}` })
      .expect(200);
    const corrections = (audit.body.events as Array<{ targetId: string; after: Record<string, unknown> }>).filter(
      (e) => e.targetId === mine[0].id,
    );
    expect(corrections.map((e) => Object.keys(e.after)).sort()).toEqual([['date'], ['documentCode']]);
  });

  it('passes an automated accessibility audit (axe-core, WCAG 2.1 AA) on every kind of page', async () => {
    const found: Record<string, AccessibilityProblem[]> = {};
    const audit = async (page: Page, name: string) => {
      found[name] = await accessibilityProblems(page);
    };
    const anonymous = await pageFor();
    await anonymous.goto(`${base}/login`);
    await anonymous.getByLabel('Thư điện tử').waitFor();
    await audit(anonymous, 'login');
    // Signing in by keyboard alone: the cursor starts in the email, Tab leads to the password, Enter signs in.
    await anonymous.keyboard.type(user('editor').email);
    await anonymous.keyboard.press('Tab');
    await anonymous.keyboard.type(user('editor').password);
    await anonymous.keyboard.press('Enter');
    await anonymous.getByTestId('whoami').waitFor();

    const editor = await pageFor();
    await signIn(editor, 'editor');
    await editor.getByTestId('campaign-table').waitFor();
    await audit(editor, 'campaign list');
    await editor.goto(`${base}/campaigns/new`);
    await editor.getByTestId('letter-text').fill(LETTER);
    await editor.getByRole('button', { name: 'Đọc văn bản' }).click();
    await editor.getByTestId('parsed-fields').waitFor();
    await audit(editor, 'new campaign');
    const id = await draftOverApi('editor', 'Kiểm tra trợ năng');
    await editor.goto(`${base}/campaigns/${id}`);
    await editor.getByTestId('campaign-title').waitFor();
    await audit(editor, 'campaign');
    await editor.goto(`${base}/directives`);
    await editor.getByRole('table').waitFor();
    await audit(editor, 'directives');

    const approver = await pageFor();
    await signIn(approver, 'approver', '/approvals');
    await approver.getByRole('heading').first().waitFor();
    await audit(approver, 'approvals');

    const admin = await pageFor();
    await signIn(admin, 'admin', '/admin');
    await admin.getByRole('tab').first().waitFor();
    await audit(admin, 'admin');

    const station = await pageFor();
    await station.setViewportSize({ width: 390, height: 844 });
    await station.goto(`${base}/station`);
    await station.getByLabel('Mã đài').waitFor();
    await audit(station, 'station sign-in');
    const key = api.seed.stationKeys.find((s) => s.code === 'dtt-mytu')!.key;
    await station.getByLabel('Mã đài').fill('dtt-mytu');
    await station.getByLabel('Khóa của đài').fill(key);
    await station.getByRole('button', { name: 'Vào' }).click();
    await station.getByTestId('station-page').getByRole('heading', { name: 'Hôm nay' }).waitFor();
    await audit(station, 'station');

    const nonEmpty = Object.fromEntries(Object.entries(found).filter(([, problems]) => problems.length > 0));
    expect(nonEmpty).toEqual({});
  });

  it('searches the list without accents, keeps filters in the address, and speaks English on request', async () => {
    const kept = await draftOverApi('editor', 'Tra cứu Ánh Dương: giữ lại');
    const cancelled = await draftOverApi('editor', 'Tra cứu Ánh Dương: đã hủy');
    await request(base)
      .post(`/api/campaigns/${cancelled}/cancel`)
      .set({ authorization: `Bearer ${await tokenOf('editor')}` })
      .expect(200);
    const rows = (page: Page) => page.getByTestId('campaign-table').locator('tbody tr.ant-table-row');
    const rowCount = (page: Page, n: number) =>
      page.waitForFunction(
        (expected) =>
          document.querySelectorAll('[data-testid=campaign-table] tbody tr.ant-table-row').length === expected,
        n,
      );

    // A filtered address survives the sign-in it leads to.
    const page = await pageFor();
    await signIn(page, 'editor', '/campaigns?status=cancelled&q=anh%20duong');
    await rowCount(page, 1);
    await expect(rows(page).first().innerText()).resolves.toContain('Tra cứu Ánh Dương: đã hủy');
    await expect(page.getByLabel('Tìm kiếm').inputValue()).resolves.toBe('anh duong');

    await page.goto(`${base}/campaigns`);
    await page.getByLabel('Tìm kiếm').fill('TRA CUU ANH DUONG');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await page.waitForURL(/q=TRA/);
    await rowCount(page, 2);
    const links = await rows(page)
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual([`/campaigns/${cancelled}`, `/campaigns/${kept}`].sort());
    await shot(page, '07-list-search');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Campaigns' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'New campaign' }).waitFor();
    await shot(page, '08-english');
  });
});
