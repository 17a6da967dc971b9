import type { Provider } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsModule, CampaignsService } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule, materializeEmailRows } from '@loa/delivery';
import { EmailModule } from '@loa/email';
import { QueueModule } from '@loa/queue';
import { AudienceModule, SmsModule } from '@loa/sms';
import { seedDemo } from '../../tools/seed/seed-demo';
import {
  BENCH_REDIS_URL,
  BenchDatabase,
  benchQueuePrefix,
  createBenchDatabase,
  dropQueuePrefix,
  withEnv,
} from './bench-env';
import { progress } from './measure';

type UserActor = { type: 'user'; id: string; organizationId: string; role: string };

/** A carrier and the MSISDN prefix (84 + national prefix without 0) its generated subscribers get. */
export interface CarrierShare {
  carrierCode: string;
  msisdnPrefix: string;
  /** Relative weight of this carrier among the generated subscribers. */
  weight: number;
}

/** A plausible national mix: Viettel about half, then VinaPhone, MobiFone, Vietnamobile. */
export const NATIONAL_MIX: CarrierShare[] = [
  { carrierCode: 'viettel', msisdnPrefix: '8496', weight: 5 },
  { carrierCode: 'vinaphone', msisdnPrefix: '8491', weight: 3 },
  { carrierCode: 'mobifone', msisdnPrefix: '8490', weight: 1 },
  { carrierCode: 'vietnamobile', msisdnPrefix: '8492', weight: 1 },
];

/** Seven digits follow the 4-digit prefix, so one campaign holds at most this many generated subscribers. */
const MAX_GENERATED = 10_000_000;

/** The same statement FanoutService uses to materialise SMS rows (the fan-out benchmark's baseline). */
export const MATERIALISE_SMS_SQL = `INSERT INTO deliveries (campaign_id, channel, recipient_key, carrier_code, status)
  SELECT campaign_id, 'sms', msisdn, carrier_code, 'queued' FROM audience_members
   WHERE campaign_id = $1 ORDER BY carrier_code, msisdn
  ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING`;

/** The letter of the generated e-mail campaigns: a pasted text (no original file), as long as a usual công văn. */
export const BENCH_EMAIL_LETTER = {
  documentCode: '1163/STTTT-TTBCBC',
  subject: 'V/v chủ động ứng phó với bão số 3 và mưa lớn sau bão',
  message: 'Đề nghị các cơ quan, đơn vị triển khai ngay và báo cáo kết quả trước 17 giờ hằng ngày.',
  rawText: [
    'UBND TỈNH QUẢNG NAM',
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    'Số: 1163/STTTT-TTBCBC',
    'V/v chủ động ứng phó với bão số 3 và mưa lớn sau bão',
    'Quảng Nam, ngày 28 tháng 9 năm 2021',
    'Kính gửi: Các sở, ban, ngành; UBND các huyện, thị xã, thành phố.',
    'Thực hiện Công điện của Ban Chỉ đạo Trung ương về phòng, chống thiên tai về việc chủ động ứng phó với bão số 3, ' +
      'Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị:',
    '1. Theo dõi chặt chẽ diễn biến của bão và mưa lớn; thông tin kịp thời, chính xác để người dân chủ động phòng ' +
      'tránh, không để bị động, bất ngờ.',
    '2. Chỉ đạo hệ thống đài truyền thanh cơ sở phát bản tin cảnh báo ít nhất ba lần mỗi ngày vào các khung giờ ' +
      'sáng, trưa và tối cho đến khi bão tan; ưu tiên các xã ven biển và vùng trũng thấp.',
    '3. Phối hợp với các doanh nghiệp viễn thông nhắn tin cảnh báo đến thuê bao di động trên địa bàn; bảo đảm ' +
      'thông tin liên lạc thông suốt phục vụ công tác chỉ đạo, điều hành phòng, chống thiên tai.',
    '4. Đăng tải thông tin trên cổng thông tin điện tử và trang thông tin điện tử của cơ quan, đơn vị; hướng dẫn ' +
      'người dân chằng chống nhà cửa, neo đậu tàu thuyền, không ra khơi khi có lệnh cấm biển.',
    '5. Báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông trước 17 giờ hằng ngày để tổng hợp, báo cáo ' +
      'UBND tỉnh.',
    'Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.',
    'Nơi nhận: Như trên; UBND tỉnh (b/c); Lưu: VT, TTBCBC.',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Nguyễn Văn A',
  ].join('\n'),
};

export interface BenchStack {
  db: BenchDatabase;
  queuePrefix: string;
  moduleRef: TestingModule;
  ds: DataSource;
  /** A running campaign (launched without its fan-out job) whose SMS audience is `subscribers` generated rows. */
  runningSmsCampaign(subscribers: number, mix: CarrierShare[], text: string): Promise<string>;
  /** A running campaign with a banner for every portal of the demo organisation. */
  runningBannerCampaign(headline: string, body: string): Promise<string>;
  /**
   * A running campaign with an e-mail plan to `agencies` agencies generated for it (a group of their own in the
   * demo organisation), its rows materialised (`queued`) as the e-mail fan-out does, no job enqueued. The letter
   * is BENCH_EMAIL_LETTER.
   */
  runningEmailCampaign(agencies: number): Promise<string>;
  countRows(sql: string, params: unknown[]): Promise<number>;
}

export interface BenchStackOptions {
  deliveryBatchSize: number;
  /** Providers added to the testing module beside the campaign and SMS modules (e.g. AudienceImportService). */
  providers?: Provider[];
  /** The SMTP server the e-mail path sends to (started before the context); adds EmailModule to the context. */
  smtp?: { host: string; port: number };
}

/**
 * Runs `fn` against a Nest context over a database and a BullMQ prefix of its own; always closes the context,
 * drops the database and deletes the Redis keys afterwards, whether `fn` succeeded or not.
 */
export async function withBenchStack<T>(opts: BenchStackOptions, fn: (stack: BenchStack) => Promise<T>): Promise<T> {
  const queuePrefix = benchQueuePrefix();
  let db: BenchDatabase | null = null;
  let moduleRef: TestingModule | null = null;
  try {
    db = await createBenchDatabase();
    progress(`database ${db.name}, queue prefix ${queuePrefix}`);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      DELIVERY_BATCH_SIZE: String(opts.deliveryBatchSize),
      SMS_QUIET_HOURS: 'false', // measured at any hour
      SMS_DAILY_CAP: '0',
      ...(opts.smtp ? { SMTP_HOST: opts.smtp.host, SMTP_PORT: String(opts.smtp.port), SMTP_SECURE: 'false' } : {}),
    };
    moduleRef = await withEnv(env, async () => {
      const m = await Test.createTestingModule({
        imports: [
          ConfigModule,
          DbModule,
          QueueModule,
          DeliveryModule,
          CampaignsModule,
          SmsModule,
          AudienceModule,
          ...(opts.smtp ? [EmailModule] : []),
        ],
        providers: opts.providers ?? [],
      }).compile();
      moduleRef = m; // closed in finally even if init fails
      await m.init();
      return m;
    });
    const stack = await buildStack(db, queuePrefix, moduleRef);
    return await fn(stack);
  } finally {
    const problems: string[] = [];
    if (moduleRef) await moduleRef.close().catch((e: unknown) => problems.push(`closing Nest context: ${String(e)}`));
    if (db) await db.drop().catch((e: unknown) => problems.push(`dropping ${db?.name}: ${String(e)}`));
    await dropQueuePrefix(BENCH_REDIS_URL, queuePrefix).catch((e: unknown) =>
      problems.push(`deleting Redis keys ${queuePrefix}:*: ${String(e)}`),
    );
    for (const p of problems) progress(`cleanup problem: ${p}`);
  }
}

async function buildStack(db: BenchDatabase, queuePrefix: string, moduleRef: TestingModule): Promise<BenchStack> {
  const ds = moduleRef.get<DataSource>(getDataSourceToken());
  const campaigns = moduleRef.get(CampaignsService);
  const seed = await seedDemo(ds);
  const users: Array<{ id: string; role: string }> = await ds.query(`SELECT id, role FROM users`);
  const userWith = (role: string): UserActor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`the demo seed has no ${role}`);
    return { type: 'user', id: u.id, organizationId: seed.organizationId, role };
  };
  const editor = userWith('editor');
  const approver = userWith('approver');

  const countRows = async (sql: string, params: unknown[]): Promise<number> => {
    const rows: Array<{ n: string | number }> = await ds.query(sql, params);
    return Number(rows[0]?.n ?? 0);
  };

  /** Created, submitted and approved through the service (plan and audit rows as in production), then set running. */
  const approvedAndRunning = async (
    channels: Parameters<CampaignsService['create']>[1]['channels'],
    letter: { rawText: string; documentCode: string | null; subject: string | null } = {
      rawText: 'benchmark directive',
      documentCode: null,
      subject: null,
    },
  ) => {
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, document_code, subject, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [editor.organizationId, letter.rawText, letter.documentCode, letter.subject, editor.id],
    );
    const { campaign } = await campaigns.create(
      editor,
      { directiveId: directive.id, title: 'benchmark', channels },
      null,
    );
    await campaigns.submit(editor, campaign.id, null);
    await campaigns.approve(approver, campaign.id, null);
    // Launch without the fan-out job: the benchmark drives the code under study itself.
    await ds.query(`UPDATE campaigns SET status = 'running', launched_at = now() WHERE id = $1`, [campaign.id]);
    return campaign;
  };

  const runningBannerCampaign = async (headline: string, body: string): Promise<string> =>
    (await approvedAndRunning({ banner: { headline, body, targetUrl: 'https://vandongxahoi.mattran.org.vn' } })).id;

  const runningSmsCampaign = async (subscribers: number, mix: CarrierShare[], text: string): Promise<string> => {
    if (subscribers < 1 || subscribers > MAX_GENERATED) {
      throw new Error(`subscribers must be between 1 and ${MAX_GENERATED} (got ${subscribers})`);
    }
    // One real subscriber at creation; the audience is then replaced by generated numbers in one statement.
    const campaign = await approvedAndRunning({ sms: { text, subscribers: ['0961000000'] } });
    await ds.query(`DELETE FROM audience_members WHERE campaign_id = $1`, [campaign.id]);
    const slots = mix.flatMap((c) => Array.from({ length: c.weight }, () => c));
    await ds.query(
      `INSERT INTO audience_members (campaign_id, msisdn, carrier_code)
       SELECT $1, ($2::text[])[1 + g % $4] || lpad(g::text, 7, '0'), ($3::text[])[1 + g % $4]
         FROM generate_series(0, $5::int - 1) AS g`,
      [campaign.id, slots.map((s) => s.msisdnPrefix), slots.map((s) => s.carrierCode), slots.length, subscribers],
    );
    await ds.query(`ANALYZE audience_members`);
    return campaign.id;
  };

  let emailGroups = 0;
  const runningEmailCampaign = async (agencies: number): Promise<string> => {
    if (agencies < 1 || agencies > MAX_GENERATED) {
      throw new Error(`agencies must be between 1 and ${MAX_GENERATED} (got ${agencies})`);
    }
    // A group of its own per campaign, so every campaign writes to agencies of its own (distinct addresses).
    const group = `bench-${++emailGroups}`;
    await ds.query(
      `INSERT INTO agencies (organization_id, code, name, email, group_code)
       SELECT $1, $2 || '-' || lpad(g::text, 7, '0'), 'Phòng Văn hóa và Thông tin số ' || g,
              $2 || '-' || lpad(g::text, 7, '0') || '@agencies.loa.test', $2
         FROM generate_series(1, $3::int) AS g`,
      [seed.organizationId, group, agencies],
    );
    await ds.query(`ANALYZE agencies`);
    const campaign = await approvedAndRunning(
      { email: { agencyGroups: [group], message: BENCH_EMAIL_LETTER.message } },
      BENCH_EMAIL_LETTER,
    );
    // What EmailFanout.materialise runs for an agency plan (no job enqueued: the benchmark sends the rows itself).
    await materializeEmailRows(ds, { id: campaign.id, organizationId: seed.organizationId }, [], [group]);
    await ds.query(`UPDATE channel_plans SET fanned_out_at = now() WHERE campaign_id = $1 AND channel = 'email'`, [
      campaign.id,
    ]);
    return campaign.id;
  };

  return {
    db,
    queuePrefix,
    moduleRef,
    ds,
    runningSmsCampaign,
    runningBannerCampaign,
    runningEmailCampaign,
    countRows,
  };
}
