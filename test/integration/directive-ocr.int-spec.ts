import request from 'supertest';
import { LetterFileError, ocrPdf, pdfToText } from '@loa/directives';
import { loadConfig } from '@loa/config';
import { scannedLetterPdf } from '../support/scanned-letter';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

/**
 * Scanned letters (a PDF with no text layer) read by Tesseract's Vietnamese model with the real tools (Debian
 * tesseract-ocr-vie and poppler-utils), through the API with real PostgreSQL and Redis. One page is read once
 * (about 10 s): the rest checks what happens without OCR.
 */
describe('scanned letters: OCR', () => {
  let scan: Buffer;
  let api: InProcessApi | undefined;
  const ocr = loadConfig({}).ocr;

  beforeAll(async () => {
    scan = await scannedLetterPdf();
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function uploadAsEditor(env: Record<string, string> = {}) {
    api = await startInProcessApi(env);
    const http = api.app.getHttpServer();
    const u = api.seed.users.find((x) => x.role === 'editor')!;
    const token = (await request(http).post('/api/auth/login').send({ email: u.email, password: u.password })).body
      .token as string;
    const res = await request(http)
      .post('/api/directives')
      .set({ authorization: `Bearer ${token}` })
      .attach('file', scan, { filename: 'cong-van-scan.pdf', contentType: 'application/pdf' });
    return {
      res,
      get: (path: string) =>
        request(http)
          .get(path)
          .set({ authorization: `Bearer ${token}` }),
    };
  }

  it('reads a scan in Vietnamese, keeps it marked as read by OCR, and finds the letter’s fields', async () => {
    await expect(pdfToText(scan)).rejects.toMatchObject({ code: 'no_text_layer' });
    const { res, get } = await uploadAsEditor();
    expect(res.status).toBe(201);
    expect(res.body.original).toMatchObject({ readBy: 'ocr', mediaType: 'application/pdf' });
    for (const words of ['SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'Kính gửi', 'vandongxahoi.mattran.org.vn']) {
      expect(res.body.text).toContain(words);
    }
    expect(res.body.fields.documentCode).toEqual({ number: null, symbol: 'STTTT-TTBCXB' });
    expect(res.body.fields.date).toEqual({ year: 2021, month: 9 });
    expect(res.body.fields.subject).toMatch(/^phối hợp tuyên truyền, vận động huy động nguồn lực/u);
    expect(res.body.fields.addressees.length).toBeGreaterThanOrEqual(5);
    const again = await get(`/api/directives/${res.body.id}`).expect(200);
    expect(again.body.original.readBy).toBe('ocr');
  });

  it('answers 422 naming what is missing when the server has no OCR, and stores nothing', async () => {
    const { res } = await uploadAsEditor({ OCR_TESSERACT_BIN: '/nonexistent/tesseract' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ocr_unavailable');
    expect(res.body.message).toMatch(/tesseract-ocr-vie/u);
    const [{ n }] = await api!.ds.query(`SELECT count(*)::int AS n FROM directives`);
    expect(n).toBe(0);
  });

  it('says so when Tesseract lacks the Vietnamese model, when OCR is off, and refuses an over-long scan', async () => {
    await expect(ocrPdf(scan, { ...ocr, language: 'khm' })).rejects.toThrow(/no "khm" model/u);
    await expect(ocrPdf(scan, { ...ocr, enabled: false })).rejects.toMatchObject({ code: 'ocr_unavailable' });
    await expect(ocrPdf(scan, { ...ocr, maxPages: 0 })).rejects.toBeInstanceOf(LetterFileError);
    await expect(ocrPdf(scan, { ...ocr, maxPages: 0 })).rejects.toMatchObject({ code: 'too_many_pages' });
  });
});
