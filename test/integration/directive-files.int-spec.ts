import { createHash } from 'node:crypto';
import request from 'supertest';
import { DOCX_MEDIA_TYPE } from '@loa/directives';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';
import {
  corruptPdf,
  letterDocx,
  letterPdf,
  noTextPdf,
  paragraphsDocx,
  sampleLetterText,
  zipBombDocx,
} from '../support/letter-files';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Binary response bodies as a Buffer (supertest only buffers text and JSON by itself). */
const binary: Parameters<request.Test['parse']>[0] = (res, done) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Letters uploaded as files — .txt, .docx, and .pdf with a text layer — through POST /api/directives (in-process API,
 * real PostgreSQL): the same fields whatever the format, the original kept byte for byte and served back, and a
 * clear 4xx with nothing stored for a file that cannot be read.
 */
describe('directive intake from files: POST /api/directives (multipart "file") and GET /api/directives/:id/original', () => {
  let api: InProcessApi;
  let editor: string;
  let approver: string;
  let otherAdmin: string;
  const text = sampleLetterText();
  const files: Record<'txt' | 'docx' | 'pdf', Buffer> = {
    txt: Buffer.from(text, 'utf8'),
    docx: Buffer.alloc(0),
    pdf: Buffer.alloc(0),
  };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => api.app.getHttpServer();
  const upload = (bytes: Buffer, filename: string, contentType: string, token = editor) =>
    request(http()).post('/api/directives').set(as(token)).attach('file', bytes, { filename, contentType });
  const count = async () => Number((await api.ds.query(`SELECT count(*) AS n FROM directives`))[0].n);
  let fromText: { id: string; fields: Record<string, unknown>; documentCode: string; subject: string };

  beforeAll(async () => {
    api = await startInProcessApi({ RATE_LIMIT_API_PER_MINUTE: '100000' });
    const login = async (email: string, password: string) =>
      (await request(http()).post('/api/auth/login').send({ email, password }).expect(200)).body.token as string;
    const user = (role: string) => api.seed.users.find((u) => u.role === role)!;
    editor = await login(user('editor').email, user('editor').password);
    approver = await login(user('approver').email, user('approver').password);
    otherAdmin = await login(api.other.adminEmail, api.other.adminPassword);
    files.docx = await letterDocx(text);
    files.pdf = await letterPdf(text);
    fromText = (await upload(files.txt, 'cong-van.txt', 'text/plain').expect(201)).body;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('keeps a .txt upload as the original, and a pasted letter has none', async () => {
    const res = await request(http()).get(`/api/directives/${fromText.id}`).set(as(approver)).expect(200);
    expect(res.body.original).toEqual({
      fileName: 'cong-van.txt',
      mediaType: 'text/plain; charset=utf-8',
      size: files.txt.length,
      sha256: sha256(files.txt),
      readBy: 'text',
    });
    const pasted = await request(http()).post('/api/directives').set(as(editor)).send({ text }).expect(201);
    expect(pasted.body.original).toBeNull();
    expect(pasted.body.fields).toEqual(fromText.fields);
    await request(http()).get(`/api/directives/${pasted.body.id}/original`).set(as(editor)).expect(404);
  });

  it.each([
    ['docx', 'Công văn 5069.docx', DOCX_MEDIA_TYPE, DOCX_MEDIA_TYPE],
    ['pdf', 'Công văn 5069.pdf', 'application/pdf', 'application/pdf'],
    ['pdf', 'scan-from-dms', 'application/octet-stream', 'application/pdf'],
  ] as const)(
    'reads a .%s upload (%s, sent as %s) with the fields of the text upload',
    async (kind, name, sent, kept) => {
      const bytes = files[kind];
      const res = await upload(bytes, name, sent).expect(201);
      expect(res.body.documentCode).toBe(fromText.documentCode);
      expect(res.body.subject).toBe(fromText.subject);
      expect(res.body.fields).toEqual(fromText.fields);
      expect(res.body.fields).toMatchObject({
        issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
        parentAuthority: 'UBND TỈNH SÓC TRĂNG',
        signer: { name: 'Lê Hoàng Bắc', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
      });
      const original = { fileName: name, mediaType: kept, size: bytes.length, sha256: sha256(bytes), readBy: 'text' };
      expect(res.body.original).toEqual(original);

      // The directive's view says so, and the original comes back byte for byte, to any operator of the organisation.
      const view = await request(http()).get(`/api/directives/${res.body.id}`).set(as(approver)).expect(200);
      expect(view.body.original).toEqual(original);
      expect(view.body.text).toContain('Kính gửi:');
      const file = await request(http())
        .get(`/api/directives/${res.body.id}/original`)
        .set(as(approver))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(file.headers['content-type']).toBe(kept);
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
      await request(http()).get(`/api/directives/${res.body.id}/original`).set(as(otherAdmin)).expect(404);
    },
  );

  it('refuses each bad file with a 4xx naming the problem, and stores nothing', async () => {
    const before = await count();
    const bad: Array<[string, Buffer, string, string, number, string | null]> = [
      ['bom.docx', zipBombDocx(), DOCX_MEDIA_TYPE, 'too_large_uncompressed', 413, 'zip bomb'],
      ['hong.pdf', corruptPdf(), 'application/pdf', 'corrupt', 422, 'corrupt PDF'],
      ['khoa.pdf', await letterPdf(text, { userPassword: 'matkhau' }), 'application/pdf', 'encrypted', 422, 'password'],
      ['quet.pdf', await noTextPdf(), 'application/pdf', 'no_text_layer', 422, 'needs OCR'],
      ['gia.pdf', files.txt, 'application/pdf', 'format_mismatch', 415, 'claims to be .pdf'],
      ['gia.txt', files.docx, 'text/plain', 'format_mismatch', 415, 'content is DOCX'],
      [
        'cu.doc',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        'application/octet-stream',
        'unsupported_format',
        415,
        '.doc',
      ],
    ];
    for (const [name, bytes, type, code, status, words] of bad) {
      const res = await upload(bytes, name, type);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
      expect(res.body.message).toContain(' / ');
      if (words) expect(res.body.message).toContain(words);
    }
    const short = await upload(await paragraphsDocx(['Kính gửi:', 'Sở']), 'ngan.docx', DOCX_MEDIA_TYPE);
    expect(short.status).toBe(422);
    expect(short.body.message).toContain('at least 20 characters');
    const png = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'anh.png', 'image/png');
    expect(png.status).toBe(415);
    const huge = await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 'lon.txt', 'text/plain');
    expect(huge.status).toBe(413);
    // Under the file limit but over the letter's: the parser's own limit still answers 413.
    const long = await upload(Buffer.from('Kính gửi: '.repeat(25_000), 'utf8'), 'dai.txt', 'text/plain');
    expect(long.status).toBe(413);
    // A PDF header under a .txt name, as an older client sent it.
    const posing = await upload(Buffer.from('%PDF-1.4 not a letter at all'), 'cong-van.txt', 'application/pdf');
    expect({ status: posing.status, code: posing.body.code }).toEqual({ status: 415, code: 'format_mismatch' });
    expect(await count()).toBe(before);
  });

  it('lets only editors upload', async () => {
    await upload(files.docx, 'a.docx', DOCX_MEDIA_TYPE, approver).expect(403);
  });
});
