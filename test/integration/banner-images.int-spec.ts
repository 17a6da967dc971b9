import type { INestApplication } from '@nestjs/common';
import sharp from 'sharp';
import request from 'supertest';
import { BannerCounters } from '@loa/banner';
import { waitUntil } from '../../tools/run/processes';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';
import { READER_AGENT } from '../../tools/run/demo-campaign';

const TARGET = 'https://vandongxahoi.mattran.org.vn/ung-ho';
const LETTER = 'UBND TỈNH SÓC TRĂNG\nSở Thông tin và Truyền thông\nV/v banner hình ảnh\nKính gửi: Các cổng thông tin';

/** A real image of `width`×`height` in `format`, with a camera's EXIF block for the PNG/JPEG/WebP ones. */
async function image(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 183, g: 28, b: 28 } } });
  if (format === 'gif') return base.gif().toBuffer();
  return base
    .withExif({ IFD0: { Copyright: 'Máy ảnh của phóng viên', Artist: 'Nguyễn Văn A' } })
    [format]()
    .toBuffer();
}

/**
 * Image banners (in-process API, real PostgreSQL, Redis and sharp/libvips): upload checked by the bytes and
 * re-encoded, named in the plan (four-eyes as any plan edit), served from memory by the embed edge, and the plain
 * `<a><img>` snippet for sites that strip iframes.
 */
describe('image banners and the plain image snippet', () => {
  let api: InProcessApi;
  let base: string;
  let editor: string;
  let approver: string;
  let embedKey: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => request(base);

  function upload(bytes: Buffer, name: string, token = editor): request.Test {
    return http().post('/api/banner-images').set(as(token)).attach('file', bytes, name);
  }

  /** Creates a campaign with this banner plan and expects `status`. */
  async function bannerCampaign(banner: Record<string, unknown>, status: number) {
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    return http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({ directiveId: d.body.id, title: 'Banner hình ảnh', channels: { banner } })
      .expect(status);
  }

  beforeAll(async () => {
    api = await startInProcessApi({ BANNER_IMAGE_MAX_BYTES: String(300 * 1024), BANNER_FLUSH_MS: '600000' });
    const app: INestApplication = api.app;
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const login = (role: string) => loginAs(api, role);
    editor = await login('editor');
    approver = await login('approver');
    embedKey = api.seed.portals[0].embedKey;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('takes PNG, JPEG and WebP of a standard size, crops and re-encodes them without their metadata', async () => {
    const png = await upload(await image(600, 500, 'png'), 'Ủng hộ 300x250@2x.png').expect(201);
    expect(png.body).toMatchObject({ size: '300x250', contentType: 'image/png', width: 600, height: 500 });
    const jpeg = await upload(await image(737, 90, 'jpeg'), 'bang-ngang.jpg').expect(201);
    expect(jpeg.body).toMatchObject({ size: '728x90', contentType: 'image/jpeg', width: 728, height: 90 });
    const webp = await upload(await image(320, 50, 'webp'), 'dien-thoai.webp').expect(201);
    expect(webp.body).toMatchObject({ size: '320x50', contentType: 'image/webp', width: 320, height: 50 });

    for (const stored of [png.body, jpeg.body, webp.body]) {
      const got = await http()
        .get(`/api/banner-images/${stored.id}`)
        .set(as(editor))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(got.headers['content-type']).toBe(stored.contentType);
      const meta = await sharp(got.body as Buffer).metadata();
      expect({ w: meta.width, h: meta.height, exif: meta.exif }).toEqual({
        w: stored.width,
        h: stored.height,
        exif: undefined,
      });
    }
    const [audit] = await api.ds.query(
      `SELECT after FROM audit_events WHERE action = 'banner_image.upload' AND target_id = $1`,
      [png.body.id],
    );
    expect(audit.after).toMatchObject({ size: '300x250', contentType: 'image/png' });
    // Another organisation cannot read it.
    const [other] = await api.ds.query(`SELECT count(*)::int AS n FROM banner_images WHERE organization_id = $1`, [
      api.other.organizationId,
    ]);
    expect(other.n).toBe(0);
  });

  it('refuses what is not a banner image, saying why, and stores nothing', async () => {
    const before = (await api.ds.query(`SELECT count(*)::int AS n FROM banner_images`))[0].n;
    const refused = async (bytes: Buffer, name: string, pattern: RegExp) => {
      const r = await upload(bytes, name).expect(422);
      expect(String(r.body.message)).toMatch(/^file: /);
      expect(String(r.body.message)).toMatch(pattern);
    };
    await refused(await image(300, 250, 'gif'), 'a.gif', /PNG, JPEG hoặc WebP/);
    await refused(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'a.png',
      /PNG, JPEG hoặc WebP|không đọc được/,
    );
    await refused(Buffer.from('this is no image at all'), 'anh.png', /không đọc được ảnh/);
    await refused(await image(500, 500, 'png'), 'vuong.png', /500×500/);
    await refused(await image(150, 125, 'png'), 'nho.png', /ít nhất 300 px/);
    const noisy = await sharp({
      create: {
        width: 1200,
        height: 1000,
        channels: 3,
        background: { r: 0, g: 0, b: 0 },
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(300 * 1024);
    const tooLarge = await upload(noisy, 'lon.png').expect(413);
    expect(tooLarge.body.message).toBe('file: tệp lớn hơn 300 KB / the file is larger than 300 KB');
    await http().post('/api/banner-images').set(as(editor)).expect(422); // no file at all
    await upload(await image(300, 250, 'png'), 'a.png', approver).expect(403);
    expect((await api.ds.query(`SELECT count(*)::int AS n FROM banner_images`))[0].n).toBe(before);
  });

  it('lets a plan name its own images, one per size, and nobody else’s', async () => {
    const a = (await upload(await image(300, 250, 'png'), 'a.png').expect(201)).body;
    const b = (await upload(await image(300, 250, 'png'), 'b.png').expect(201)).body;
    const banner = (images: string[]) => ({
      headline: 'Ảnh',
      targetUrl: TARGET,
      images: images.map((imageId) => ({ imageId })),
    });
    const twice = await bannerCampaign(banner([a.id, b.id]), 422);
    expect(String(twice.body.message)).toMatch(/channels\.banner\.images: one image per size \(300x250 twice\)/);
    const [foreign] = await api.ds.query(
      `INSERT INTO banner_images (organization_id, size, content_type, width, height, bytes, sha256)
       VALUES ($1, '728x90', 'image/png', 728, 90, '\\x00', 'x') RETURNING id`,
      [api.other.organizationId],
    );
    const other = await bannerCampaign(banner([a.id, foreign.id]), 422);
    expect(String(other.body.message)).toContain(`channels.banner.images: unknown images: ${foreign.id}`);
    await bannerCampaign({ ...banner([a.id]), images: [{ imageId: 'nope' }] }, 400);
    await bannerCampaign(banner([a.id]), 201);
  });

  it('serves a running image banner from memory, and the plain snippet draws text banners as images', async () => {
    const medium = (await upload(await image(600, 500, 'png'), 'vua.png').expect(201)).body;
    const c = await bannerCampaign(
      {
        headline: 'Chung tay ủng hộ đồng bào vùng lũ',
        body: 'Mỗi tấm lòng là một món quà ý nghĩa.',
        targetUrl: TARGET,
        imageAlt: 'Ủng hộ đồng bào vùng lũ — Mặt trận Tổ quốc tỉnh',
        images: [{ imageId: medium.id }],
      },
      201,
    );
    const id = c.body.id;
    const preview = await http().get(`/api/campaigns/${id}/banner-preview`).set(as(editor)).expect(200);
    expect(preview.text).toContain('src="data:image/png;base64,');
    await http().post(`/api/campaigns/${id}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${id}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${id}/launch`).set(as(editor)).expect(200);

    const page = await waitUntil(
      'the banner to show',
      async () => {
        const r = await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT);
        return r.text.includes(id) ? r.text : null;
      },
      3000,
      50,
    );
    expect(page).toContain(
      `<img class="loa-i loa-i-300x250" src="/embed/${embedKey}/image/${medium.id}" alt="Ủng hộ đồng bào vùng lũ — Mặt trận Tổ quốc tỉnh" loading="lazy">`,
    );
    expect(page).toContain('class="loa-banner loa-img-300x250"');
    const binary = (req: request.Test) =>
      req.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const served = await binary(http().get(`/embed/${embedKey}/image/${medium.id}`)).expect(200);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const [stored] = await api.ds.query(`SELECT bytes FROM banner_images WHERE id = $1`, [medium.id]);
    expect((served.body as Buffer).equals(stored.bytes)).toBe(true);
    const other = (await upload(await image(300, 250, 'png'), 'khac.png').expect(201)).body;
    await http().get(`/embed/${embedKey}/image/${other.id}`).expect(404); // not a banner of this portal

    const counters = api.app.get(BannerCounters);
    await counters.flush();
    // The plain snippet: the uploaded image where the size has one, the text drawn where it has none.
    const plainMedium = await binary(
      http().get(`/embed/${embedKey}/banner/300x250`).set('user-agent', READER_AGENT),
    ).expect(200);
    expect((plainMedium.body as Buffer).equals(stored.bytes)).toBe(true);
    expect(plainMedium.headers['cache-control']).toBe('no-cache');
    const drawn = await binary(http().get(`/embed/${embedKey}/banner/320x50`).set('user-agent', READER_AGENT)).expect(
      200,
    );
    expect(drawn.headers['content-type']).toBe('image/png');
    await expect(sharp(drawn.body as Buffer).metadata()).resolves.toMatchObject({
      format: 'png',
      width: 320,
      height: 50,
    });
    await http()
      .get(`/embed/${embedKey}/banner/320x50`)
      .set('user-agent', READER_AGENT)
      .set('if-none-match', drawn.headers['etag'])
      .expect(304);
    await http().get(`/embed/${embedKey}/banner/999x1`).expect(404);
    await http().get(`/embed/${embedKey}/go`).set('user-agent', READER_AGENT).expect(302).expect('location', TARGET);
    await counters.flush();
    const [figures] = await api.ds.query(
      `SELECT impressions, clicks FROM banner_stats WHERE campaign_id = $1 AND portal_id = (SELECT id FROM portals WHERE embed_key = $2)`,
      [id, embedKey],
    );
    // Three plain views (the 304 is a view too) and one click; the iframe page alone counted nothing.
    expect({ impressions: Number(figures.impressions), clicks: Number(figures.clicks) }).toEqual({
      impressions: 3,
      clicks: 1,
    });

    const snippets = await http().get('/api/portals').set(as(editor)).expect(200);
    const mine = snippets.body.find((p: { code: string }) => p.code === api.seed.portals[0].code);
    expect(mine.snippets[0].imageHtml).toBe(
      `<a href="http://127.0.0.1:3000/embed/${embedKey}/go" target="_blank" rel="noopener noreferrer">` +
        `<img src="http://127.0.0.1:3000/embed/${embedKey}/banner/300x250" width="300" height="250"` +
        ' alt="Thông tin tuyên truyền / Public information" style="border:0"></a>',
    );
  });
});
