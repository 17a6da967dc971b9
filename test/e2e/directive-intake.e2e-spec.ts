import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');

jest.setTimeout(120_000);

interface PlanJson {
  title: string;
  entries: Array<{ channel: string; addressee: string; group: string | null; reason: { vi: string; en: string } }>;
  link: { url: string } | null;
  drafts: { sms: { text: string; segments: number }; email: { subject: string } };
  notes: Array<{ code: string }>;
  directory: {
    matches: Array<{
      addressee: string;
      by: string;
      targets: Array<{ kind: string; code: string; relaysFrom?: string }>;
    }>;
    unmatched: Array<{ addressee: string }>;
  };
  channels: Record<string, Record<string, unknown>>;
}
interface DirectiveJson {
  id: string;
  documentCode: string | null;
  subject: string | null;
  fields: { addressees: string[] | null };
  plan: PlanJson;
}

async function failure(p: Promise<unknown>): Promise<LoaHttpError> {
  const e = await p.catch((x: unknown) => x);
  if (!(e instanceof LoaHttpError)) throw new Error(`expected an HTTP error, got ${JSON.stringify(e)}`);
  return e;
}

describe('directive intake: a pasted letter becomes a proposed plan, then a draft campaign (api + worker)', () => {
  let stack: Stack;
  let editor: LoaClient;
  let editorToken: string;
  let directive: DirectiveJson;

  beforeAll(async () => {
    stack = await startStack();
    const user = stack.seed.users.find((u) => u.role === 'editor')!;
    editor = await new LoaClient(stack.baseUrl).login(user.email, user.password);
    editorToken = (
      await new LoaClient(stack.baseUrl).request<{ token: string }>('POST', '/api/auth/login', {
        email: user.email,
        password: user.password,
      })
    ).token;
    directive = await editor.request<DirectiveJson>('POST', '/api/directives', { text: LETTER });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('returns the extracted fields and the proposed plan, matched to the directory', () => {
    expect(directive.documentCode).toBe('…/STTTT-TTBCXB');
    expect(directive.subject).toBe(
      'phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác phòng, chống dịch Covid-19',
    );
    expect(directive.fields.addressees).toHaveLength(6);
    const { plan } = directive;
    expect(plan.entries.map((e) => [e.channel, e.addressee])).toEqual([
      ['email', 'Các sở, ban, ngành tỉnh'],
      ['email', 'UBND các huyện, thị xã, thành phố'],
      ['email', 'Báo Sóc Trăng'],
      ['email', 'Đài Phát thanh - Truyền hình Sóc Trăng'],
      ['email', 'UBND các xã, phường, thị trấn'],
      ['radio', 'Đài Truyền thanh các huyện, thị xã, thành phố'],
      ['banner', 'Website của cơ quan, đơn vị'],
      ['radio', 'Đài/Trạm Truyền thanh cấp xã'],
    ]);
    expect(plan.entries.every((e) => e.reason.vi && e.reason.en)).toBe(true);
    expect(plan.link?.url).toBe('https://vandongxahoi.mattran.org.vn');
    expect(plan.drafts.sms.segments).toBeLessThanOrEqual(2);
    expect(plan.drafts.email.subject).toBe(`V/v ${directive.subject}`);
    expect(plan.directory.unmatched).toEqual([]);
    const targets = Object.fromEntries(
      plan.directory.matches.map((m) => [
        m.addressee,
        m.targets.map((t) => (t.relaysFrom ? `${t.code}←${t.relaysFrom}` : t.code)),
      ]),
    );
    expect(targets).toEqual({
      'Các sở, ban, ngành tỉnh': ['so-gddt', 'so-tc', 'so-yte'],
      'UBND các huyện, thị xã, thành phố': ['ubnd-h-mytu', 'ubnd-tp-soctrang'],
      'Báo Sóc Trăng': ['bao-soctrang'],
      'Đài Phát thanh - Truyền hình Sóc Trăng': ['dai-pttt-soctrang'],
      'UBND các xã, phường, thị trấn': ['ubnd-tt-huynhhuunghia', 'ubnd-x-myhuong'],
      'Đài Truyền thanh các huyện, thị xã, thành phố': ['dtt-mytu', 'dtt-tp-soctrang'],
      'Website của cơ quan, đơn vị': ['cong-ttdt-tinh', 'stttt-web'],
      'Đài/Trạm Truyền thanh cấp xã': ['dtt-xa-mytu-myhuong←dtt-mytu', 'dtt-xa-mytu-thitran←dtt-mytu'],
    });
    expect(Object.keys(plan.channels)).toEqual(['email', 'banner', 'radio']);
    expect(plan.channels.email).toMatchObject({
      agencyGroups: ['so-ban-nganh', 'ubnd-huyen', 'ubnd-xa'],
      agencyCodes: ['bao-soctrang', 'dai-pttt-soctrang'],
    });
    expect(plan.channels.banner).toMatchObject({
      targetUrl: 'https://vandongxahoi.mattran.org.vn',
      portalCodes: ['cong-ttdt-tinh', 'stttt-web'],
    });
    expect(plan.channels.radio).toMatchObject({
      stationCodes: ['dtt-mytu', 'dtt-tp-soctrang'],
      slots: ['06:00', '17:00'],
    });
  });

  it('gives the same proposal again with GET /api/directives/:id, and 404 for an unknown one', async () => {
    const again = await editor.request<DirectiveJson & { text: string }>('GET', `/api/directives/${directive.id}`);
    expect(again.text).toBe(LETTER.normalize('NFC'));
    expect(again.plan).toEqual(directive.plan);
    const e = await failure(editor.request('GET', '/api/directives/00000000-0000-4000-8000-000000000000'));
    expect(e.status).toBe(404);
  });

  it('creates a draft campaign from the edited plan, visible via GET /api/campaigns/:id', async () => {
    const created = await editor.request<{
      id: string;
      status: string;
      title: string;
      channels: Record<string, unknown>;
    }>('POST', `/api/directives/${directive.id}/campaign`, {
      channels: {
        radio: { slots: ['06:30', '17:30'] },
        banner: { headline: 'Chung tay ủng hộ phòng, chống dịch Covid-19' },
      },
    });
    expect(created.status).toBe('draft');
    expect(created.title).toBe(directive.plan.title);
    expect(Object.keys(created.channels)).toEqual(expect.arrayContaining(['banner', 'email', 'radio']));
    expect(created.channels).not.toHaveProperty('sms');

    const fetched = await editor.request<{ id: string; status: string; channels: Record<string, unknown> }>(
      'GET',
      `/api/campaigns/${created.id}`,
    );
    expect(fetched.status).toBe('draft');
    expect(Object.keys(fetched.channels)).toEqual(expect.arrayContaining(['banner', 'email', 'radio']));
    expect(fetched.channels).not.toHaveProperty('sms');

    const plans: Array<{ channel: string; content: Record<string, unknown> }> = await stack.ds.query(
      `SELECT channel, content FROM channel_plans WHERE campaign_id = $1 ORDER BY channel`,
      [created.id],
    );
    const content = Object.fromEntries(plans.map((p) => [p.channel, p.content]));
    expect(content.email).toMatchObject({
      agencyGroups: ['so-ban-nganh', 'ubnd-huyen', 'ubnd-xa'],
      agencyCodes: ['bao-soctrang', 'dai-pttt-soctrang'],
    });
    expect(content.banner).toMatchObject({
      headline: 'Chung tay ủng hộ phòng, chống dịch Covid-19',
      targetUrl: 'https://vandongxahoi.mattran.org.vn',
      portalCodes: ['cong-ttdt-tinh', 'stttt-web'],
    });
    expect(content.radio).toMatchObject({ stationCodes: ['dtt-mytu', 'dtt-tp-soctrang'], slots: ['06:30', '17:30'] });
    const [{ directive_id }] = await stack.ds.query(`SELECT directive_id FROM campaigns WHERE id = $1`, [created.id]);
    expect(directive_id).toBe(directive.id);
  });

  it('proposes carrier orders for a letter to the telecom carriers, and makes an SMS draft from them', async () => {
    const letter = LETTER.replace(
      '- Các sở, ban, ngành tỉnh;',
      '- Các sở, ban, ngành tỉnh;\n\n- Các doanh nghiệp viễn thông trên địa bàn tỉnh;',
    );
    const d = await editor.request<DirectiveJson>('POST', '/api/directives', { text: letter });
    expect(d.plan.entries[1]).toMatchObject({
      channel: 'sms',
      addressee: 'Các doanh nghiệp viễn thông trên địa bàn tỉnh',
    });
    expect(d.plan.channels.sms).toMatchObject({ stripDiacritics: true });
    expect((d.plan.channels.sms.carrierOrders as unknown[]).length).toBe(7);
    const created = await editor.request<{ status: string; channels: Record<string, unknown> }>(
      'POST',
      `/api/directives/${d.id}/campaign`,
      { title: 'Chung tay ủng hộ', channels: { radio: null } },
    );
    expect(created.status).toBe('draft');
    expect(Object.keys(created.channels)).toEqual(expect.arrayContaining(['banner', 'email', 'sms']));
    expect(created.channels).not.toHaveProperty('radio');
  });

  it('accepts the letter as an uploaded .txt file (multipart field "file"), and only text/plain', async () => {
    const upload = async (content: string, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([content], { type }), 'cong-van.txt');
      return fetch(`${stack.baseUrl}/api/directives`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editorToken}` },
        body: form,
      });
    };
    const ok = await upload(LETTER, 'text/plain');
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as DirectiveJson;
    expect(body.documentCode).toBe('…/STTTT-TTBCXB');
    expect(body.plan.entries).toHaveLength(8);

    const pdf = await upload('%PDF-1.4 not a letter at all', 'application/pdf');
    expect(pdf.status).toBe(415);
    const big = await upload('Kính gửi: '.repeat(25_000), 'text/plain');
    expect(big.status).toBe(413);
  });

  it('answers 400 naming "text" for an empty letter, and 404 for an unknown directive', async () => {
    const empty = await failure(editor.request('POST', '/api/directives', { text: '' }));
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text');
    const missing = await failure(editor.request('POST', '/api/directives', {}));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('text');

    const unknown = await failure(
      editor.request('POST', '/api/directives/00000000-0000-4000-8000-000000000000/campaign', {}),
    );
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('directive');
    expect((await failure(editor.request('POST', '/api/directives/not-a-uuid/campaign', {}))).status).toBe(404);
  });

  it('answers 404 for another organisation’s directive', async () => {
    const [org] = await stack.ds.query(
      `INSERT INTO organizations (code, name, province) VALUES ('stttt-kiengiang', 'Sở TTTT tỉnh Kiên Giang', 'Kiên Giang')
       RETURNING id`,
    );
    const [user] = await stack.ds.query(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash)
       VALUES ($1, 'kg@kiengiang.demo', 'Biên tập Kiên Giang', 'editor', 'x') RETURNING id`,
      [org.id],
    );
    const [other] = await stack.ds.query(
      `INSERT INTO directives (organization_id, raw_text, fields, created_by) VALUES ($1, $2, '{}'::jsonb, $3) RETURNING id`,
      [org.id, LETTER, user.id],
    );
    const e = await failure(editor.request('POST', `/api/directives/${other.id}/campaign`, {}));
    expect(e.status).toBe(404);
    expect((await failure(editor.request('GET', `/api/directives/${other.id}`))).status).toBe(404);
  });

  it('answers 422 naming what the proposal cannot supply, and 403 to a role that may not create', async () => {
    const e = await failure(
      editor.request('POST', `/api/directives/${directive.id}/campaign`, {
        channels: { banner: { targetUrl: undefined }, sms: { text: 'Tin nhắn thử' } },
      }),
    );
    expect(e.status).toBe(422);
    expect(JSON.stringify(e.body)).toContain('channels.sms');

    const approverUser = stack.seed.users.find((u) => u.role === 'approver')!;
    const approver = await new LoaClient(stack.baseUrl).login(approverUser.email, approverUser.password);
    expect((await failure(approver.request('POST', '/api/directives', { text: LETTER }))).status).toBe(403);
  });
});
