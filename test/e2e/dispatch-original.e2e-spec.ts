import { createHash } from 'node:crypto';
import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { letterDocx } from '../support/letter-files';
import { Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a letter received as DOCX goes out to agencies as that DOCX (api + worker processes, real SMTP peer)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('attaches the original file byte for byte and names the document in the body', async () => {
    const api = new LoaClient(stack.baseUrl);
    const editorUser = stack.seed.users.find((u) => u.role === 'editor')!;
    const approverUser = stack.seed.users.find((u) => u.role === 'approver')!;
    const editor = await api.login(editorUser.email, editorUser.password);
    const approver = await api.login(approverUser.email, approverUser.password);
    const docx = await letterDocx();
    const directive = await editor.upload<{ id: string; documentCode: string | null; original: { sha256: string } }>(
      '/api/directives',
      { bytes: docx, name: 'Công văn vận động xã hội.docx', type: DOCX },
    );
    expect(directive.original.sha256).toBe(sha256(docx));
    const now = Date.now();
    const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Gửi công văn gốc tới các sở, ngành',
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
      channels: { email: { agencyGroups: ['so-ban-nganh'] } },
    });
    await editor.request('POST', `/api/campaigns/${created.id}/submit`);
    await approver.request('POST', `/api/campaigns/${created.id}/approve`);
    await editor.request('POST', `/api/campaigns/${created.id}/launch`);

    const [{ n: agencies }] = await stack.ds.query(
      `SELECT count(*)::int AS n FROM agencies WHERE group_code = 'so-ban-nganh'`,
    );
    expect(agencies).toBeGreaterThan(0);
    const mails = await waitUntil(
      'every agency e-mailed',
      async () => (stack.peers.smtp.messages.length >= agencies ? stack.peers.smtp.messages : null),
      30_000,
    );
    expect(mails).toHaveLength(agencies);
    for (const m of mails) {
      expect(m.attachments).toHaveLength(1);
      const [a] = m.attachments;
      expect(a.contentType).toBe(DOCX);
      expect(a.filename).toBe('Công văn vận động xã hội.docx'.normalize('NFC'));
      expect(sha256(a.content)).toBe(sha256(docx));
      // Which document it is: number/symbol and the date as far as the letter gives it ("tháng 9 năm 2021").
      expect(m.text).toContain(`văn bản Số: ${directive.documentCode} tháng 9/2021 V/v`);
      expect(m.text).toContain('Văn bản gốc được đính kèm');
    }
  });
});
