import { isAbsolute, join } from 'node:path';

/**
 * Configuration read once from the environment, validated, grouped by concern. Defaults point at 127.0.0.1 so
 * a developer machine (and the demo) works with no settings at all.
 */
export interface DatabaseConfig {
  url: string;
}
export interface RedisConfig {
  url: string;
  /** BullMQ key prefix; tests use one per run so runs never share queues. */
  queuePrefix: string;
}
export interface HttpConfig {
  host: string;
  port: number;
  /** Public origin used in links we hand out (embed snippets, click redirects, callbacks). */
  publicBaseUrl: string;
  bodyLimit: string;
  /** Origins allowed by CORS; empty = CORS closed. */
  corsOrigins: string[];
  /** The built operators' console (index.html and assets), served at `/`; absent → the API alone. */
  consoleDir: string;
}
export interface RateLimitConfig {
  /** Requests per minute per client address. */
  apiPerMinute: number;
  loginPerMinute: number;
  publicPerMinute: number;
  partnerPerMinute: number;
}
export interface AuthConfig {
  tokenTtlSeconds: number;
}
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Connections the pool keeps open to the server (what the server allows one client). */
  maxConnections: number;
  /** Messages sent over one connection before it is replaced (some servers cap messages per session). */
  maxMessagesPerConnection: number;
  /** Messages per second to this server, 0 for no limit (a relay's or provider's agreed rate). */
  ratePerSecond: number;
}
export interface DeliveryConfig {
  /** Rows per BullMQ job (a batch of deliveries). */
  batchSize: number;
  /** How often the lifecycle job reconciles and completes campaigns. */
  lifecycleIntervalMs: number;
  /** A row left in `sending` this long (worker died mid-send) becomes `unknown`: never re-sent, reported. */
  sendingStaleSeconds: number;
  /** An SMS `sent` this long without a receipt becomes `expired`. */
  receiptTimeoutSeconds: number;
  /**
   * An SMS `sent` this long without a receipt is asked about (SMPP query_sm, Twilio's Message resource), then again
   * every `receiptQueryEverySeconds` until it ends or expires; 0 never asks. Checked every tenth of the first delay
   * (at most a minute apart, at least the lifecycle interval), at most `receiptQueryBatch` messages per carrier.
   */
  receiptQueryAfterSeconds: number;
  receiptQueryEverySeconds: number;
  receiptQueryBatch: number;
  /**
   * A receipt for a message id not stored yet is kept this long, at most `earlyReceiptsMax` of them, and applied
   * when the id is stored; past either bound it is retried with backoff like before, then the status query is the
   * safety net.
   */
  earlyReceiptKeepSeconds: number;
  earlyReceiptsMax: number;
  /** Rows still `queued` this long are re-enqueued (their job was lost, e.g. Redis restarted empty). */
  requeueAfterSeconds: number;
}
export interface SmsConfig {
  /** Quiet hours: SMS go out only inside this local window (emergency campaigns excepted). */
  quietHoursEnabled: boolean;
  windowStart: string;
  windowEnd: string;
  timeZone: string;
  /** Messages per subscriber per local day across all campaigns (0 = no cap); emergencies may exceed it. */
  dailyCap: number;
  /**
   * A carrier's sending for a campaign pauses by itself when at least `percent` % of its last `size` outcomes
   * failed (SMS_AUTO_PAUSE_WINDOW, 0 = off; SMS_AUTO_PAUSE_PERCENT); an operator resumes it.
   */
  autoPause: { size: number; percent: number };
}
/** Radio stations: text-to-speech, broadcast reports, recordings (libs/radio). */
export interface RadioConfig {
  /** Where synthesised audio files are kept (RADIO_AUDIO_DIR; relative paths are taken from the working directory). */
  audioDir: string;
  /** Turn text-to-speech off entirely (RADIO_TTS_ENABLED=false): scripts go out without audio. */
  ttsEnabled: boolean;
  /** espeak-ng, lame and soxi executables (names on PATH or paths). */
  espeakBin: string;
  lameBin: string;
  soxiBin: string;
  /** espeak-ng speaking rate in words a minute (its -s option). */
  speechRate: number;
  /** How often the worker looks for scripts without audio. */
  audioScanIntervalMs: number;
  /** Audio files no row names any more are deleted this long after their last write. */
  keepSupersededSeconds: number;
  /** A slot with no broadcast report this long after its time is marked missed. */
  missedGraceSeconds: number;
  /** How far back the missed-slot step looks (bounds its work after downtime). */
  missedLookbackHours: number;
  /** The missed-slot step runs at most this often, whatever the lifecycle tick. */
  missedCheckIntervalMs: number;
  /** How long a cancelled campaign's script stays in feeds as withdrawn. */
  withdrawnRetentionDays: number;
  /** Largest recording an operator may upload (RADIO_UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /** Longest recording accepted, whatever the slots (RADIO_UPLOAD_MAX_SECONDS). */
  uploadMaxSeconds: number;
}
/** Subscriber lists (CSV) uploaded to a campaign. */
export interface AudienceConfig {
  /** Largest upload accepted (AUDIENCE_IMPORT_MAX_BYTES, default 200 MiB); the file is streamed, never held. */
  importMaxBytes: number;
  /**
   * Members an import reads into memory (about 13 bytes each) to write each new row once, by COPY, into an audience
   * that has members (AUDIENCE_IMPORT_MEMBERS_IN_MEMORY, default 2,000,000); a larger audience is merged through a
   * staging table instead, about half as fast, holding nothing.
   */
  membersInMemory: number;
}
/** Agencies' "Xác nhận đã nhận" links in dispatch e-mails (libs/email). */
export interface AcknowledgementConfig {
  /** Key the links are signed with (LINK_SIGNING_SECRET, at least 32 characters); required in production. */
  linkSecret: string;
  /** A link works until this many days after its campaign ends (ACK_LINK_VALID_DAYS). */
  linkValidDaysAfterEnd: number;
  /**
   * An agency silent this long after its e-mail (or its last reminder) is reminded, at most `maxReminders` times;
   * silent as long again after the last one, the campaign's editor and approver are told. Emergency campaigns
   * use the short delay (ACK_REMIND_AFTER_SECONDS, ACK_REMIND_AFTER_SECONDS_EMERGENCY, ACK_MAX_REMINDERS).
   */
  remindAfterSeconds: { normal: number; emergency: number };
  maxReminders: number;
  /** How often the worker looks for agencies to remind (ACK_CHECK_INTERVAL_MS; 0 never). */
  checkIntervalMs: number;
}
/** Work overdue outside e-mail: stations that do not pull or air, carrier orders not acknowledged (libs/campaigns). */
export interface OverdueConfig {
  /**
   * A station is reminded (its contact) as soon as it is found behind; still behind this long after a reminder, it
   * is reminded again, at most `maxReminders` times, then its parent station and the campaign's editor and approver
   * are told. Emergency campaigns use the short delay (OVERDUE_AFTER_SECONDS, OVERDUE_AFTER_SECONDS_EMERGENCY,
   * OVERDUE_MAX_REMINDERS). A carrier order still open when its window starts is reported at once.
   */
  afterSeconds: { normal: number; emergency: number };
  maxReminders: number;
  /** How often the worker looks (OVERDUE_CHECK_MS; 0 never). */
  checkIntervalMs: number;
}
/** Scanned letters (PDF without a text layer), read by Tesseract's Vietnamese model (libs/directives). */
export interface OcrConfig {
  /** OCR_ENABLED=false refuses scans (422) instead of reading them. */
  enabled: boolean;
  /** OCR_TESSERACT_BIN, OCR_PDFTOPPM_BIN: names on PATH or paths. */
  tesseractBin: string;
  pdftoppmBin: string;
  language: string;
  /** OCR_MAX_PAGES: a longer scan is refused; OCR_TIMEOUT_MS for one file. */
  maxPages: number;
  timeoutMs: number;
}
/** Banners served to portals from memory (libs/banner, the API's embed edge). */
export interface BannerConfig {
  /** How often each API process reads the banner catalog's version (BANNER_VERSION_POLL_MS). */
  versionPollMs: number;
  /** Impressions and clicks counted in memory are added to the database this often (BANNER_FLUSH_MS). */
  flushMs: number;
  /** Browsers and proxies may reuse an embed page this long before asking again with its ETag (BANNER_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  /**
   * Embed requests one address may make per minute to one API process (BANNER_PER_IP_PER_MINUTE; 0 no limit): high
   * enough for a ministry behind one address, low enough to shed a flood.
   */
  perIpPerMinute: number;
  /** Largest banner image an operator may upload (BANNER_IMAGE_MAX_BYTES, default 1 MiB). */
  imageMaxBytes: number;
}
/** Logs (libs/logging, pino): one JSON object a line, or readable lines for a person at a terminal. */
export interface LogConfig {
  /** LOG_LEVEL: fatal, error, warn, info (default), debug or trace. */
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** LOG_FORMAT: json (default in production) or pretty (default otherwise). */
  format: 'json' | 'pretty';
}
/** Prometheus metrics (libs/metrics): `/metrics` on the API, `METRICS_PORT` on a worker. */
export interface MetricsConfig {
  /**
   * METRICS_TOKEN: scrapers send `Authorization: Bearer <token>`. Without one, only clients on this machine
   * (loopback) may scrape.
   */
  token: string | null;
  /** METRICS_PORT: a worker serves `/metrics` on this port of HOST (0: not at all, the default). */
  workerPort: number;
}
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  database: DatabaseConfig;
  redis: RedisConfig;
  http: HttpConfig;
  auth: AuthConfig;
  rateLimit: RateLimitConfig;
  smtp: SmtpConfig;
  sms: SmsConfig;
  delivery: DeliveryConfig;
  radio: RadioConfig;
  audience: AudienceConfig;
  acknowledgements: AcknowledgementConfig;
  overdue: OverdueConfig;
  ocr: OcrConfig;
  banner: BannerConfig;
  metrics: MetricsConfig;
  log: LogConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | null {
    const v = this.env[name];
    return v === undefined || v === '' ? null : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const v = this.string(name, fallback);
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol))
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return v;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
      return fallback;
    }
    return v as T;
  }
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const r = new EnvReader(env);
  const port = r.int('PORT', 3000, 0, 65535);
  const host = r.string('HOST', '127.0.0.1');
  const config: AppConfig = {
    env: r.oneOf('NODE_ENV', 'development', ['development', 'test', 'production'] as const),
    database: { url: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/loa', ['postgres:', 'postgresql:']) },
    redis: {
      url: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
      queuePrefix: r.string('QUEUE_PREFIX', 'loa'),
    },
    http: {
      host,
      port,
      publicBaseUrl: r.url('PUBLIC_BASE_URL', `http://127.0.0.1:${port}`, ['http:', 'https:']).replace(/\/+$/, ''),
      bodyLimit: r.string('HTTP_BODY_LIMIT', '1mb'),
      corsOrigins: r
        .string('CORS_ORIGINS', '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      consoleDir: r.string('CONSOLE_DIR', 'dist/console'),
    },
    rateLimit: {
      apiPerMinute: r.int('RATE_LIMIT_API_PER_MINUTE', 600, 1, 1_000_000),
      loginPerMinute: r.int('RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 10_000),
      publicPerMinute: r.int('RATE_LIMIT_PUBLIC_PER_MINUTE', 1200, 1, 1_000_000),
      partnerPerMinute: r.int('RATE_LIMIT_PARTNER_PER_MINUTE', 600, 1, 1_000_000),
    },
    auth: { tokenTtlSeconds: r.int('AUTH_TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600) },
    smtp: {
      host: r.string('SMTP_HOST', '127.0.0.1'),
      port: r.int('SMTP_PORT', 2525, 1, 65535),
      secure: r.bool('SMTP_SECURE', false),
      user: r.optional('SMTP_USER'),
      password: r.optional('SMTP_PASSWORD'),
      from: r.string('SMTP_FROM', 'Sở Thông tin và Truyền thông <loa@localhost>'),
      maxConnections: r.int('SMTP_MAX_CONNECTIONS', 5, 1, 100),
      maxMessagesPerConnection: r.int('SMTP_MAX_MESSAGES_PER_CONNECTION', 100, 1, 1_000_000),
      ratePerSecond: r.int('SMTP_RATE_PER_SECOND', 0, 0, 100_000),
    },
    sms: {
      quietHoursEnabled: r.bool('SMS_QUIET_HOURS', true),
      windowStart: r.string('SMS_WINDOW_START', '07:00'),
      windowEnd: r.string('SMS_WINDOW_END', '22:00'),
      timeZone: r.string('SMS_TIME_ZONE', 'Asia/Ho_Chi_Minh'),
      dailyCap: r.int('SMS_DAILY_CAP', 3, 0, 1000),
      autoPause: {
        size: r.int('SMS_AUTO_PAUSE_WINDOW', 500, 0, 100_000),
        percent: r.int('SMS_AUTO_PAUSE_PERCENT', 20, 1, 100),
      },
    },
    delivery: {
      batchSize: r.int('DELIVERY_BATCH_SIZE', 200, 1, 10000),
      lifecycleIntervalMs: r.int('LIFECYCLE_INTERVAL_MS', 2000, 100, 3600_000),
      sendingStaleSeconds: r.int('SENDING_STALE_SECONDS', 300, 1, 86400),
      receiptTimeoutSeconds: r.int('RECEIPT_TIMEOUT_SECONDS', 48 * 3600, 1, 7 * 86400),
      receiptQueryAfterSeconds: r.int('RECEIPT_QUERY_AFTER_SECONDS', 600, 0, 7 * 86400),
      receiptQueryEverySeconds: r.int('RECEIPT_QUERY_EVERY_SECONDS', 1800, 1, 7 * 86400),
      receiptQueryBatch: r.int('RECEIPT_QUERY_BATCH', 100, 1, 10000),
      earlyReceiptKeepSeconds: r.int('EARLY_RECEIPT_KEEP_SECONDS', 3600, 1, 7 * 86400),
      earlyReceiptsMax: r.int('EARLY_RECEIPTS_MAX', 100_000, 0, 10_000_000),
      requeueAfterSeconds: r.int('REQUEUE_AFTER_SECONDS', 120, 1, 86400),
    },
    radio: readRadio(r, cwd),
    banner: {
      versionPollMs: r.int('BANNER_VERSION_POLL_MS', 1000, 50, 600_000),
      flushMs: r.int('BANNER_FLUSH_MS', 5000, 50, 600_000),
      maxAgeSeconds: r.int('BANNER_MAX_AGE_SECONDS', 30, 0, 3600),
      perIpPerMinute: r.int('BANNER_PER_IP_PER_MINUTE', 60_000, 0, 100_000_000),
      imageMaxBytes: r.int('BANNER_IMAGE_MAX_BYTES', 1024 * 1024, 1024, 20 * 1024 * 1024),
    },
    log: {
      level: r.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const),
      format: r.oneOf('LOG_FORMAT', env.NODE_ENV === 'production' ? 'json' : 'pretty', ['json', 'pretty'] as const),
    },
    metrics: {
      token: r.optional('METRICS_TOKEN'),
      workerPort: r.int('METRICS_PORT', 0, 0, 65535),
    },
    audience: {
      importMaxBytes: r.int('AUDIENCE_IMPORT_MAX_BYTES', 200 * 1024 * 1024, 1024, 2 ** 40),
      membersInMemory: r.int('AUDIENCE_IMPORT_MEMBERS_IN_MEMORY', 2_000_000, 0, 100_000_000),
    },
    acknowledgements: readAcknowledgements(r),
    overdue: {
      afterSeconds: {
        normal: r.int('OVERDUE_AFTER_SECONDS', 4 * 3600, 1, 30 * 86400),
        emergency: r.int('OVERDUE_AFTER_SECONDS_EMERGENCY', 10 * 60, 1, 30 * 86400),
      },
      maxReminders: r.int('OVERDUE_MAX_REMINDERS', 1, 0, 10),
      checkIntervalMs: r.int('OVERDUE_CHECK_MS', 60_000, 0, 3600_000),
    },
    ocr: {
      enabled: r.bool('OCR_ENABLED', true),
      tesseractBin: r.string('OCR_TESSERACT_BIN', 'tesseract'),
      pdftoppmBin: r.string('OCR_PDFTOPPM_BIN', 'pdftoppm'),
      language: r.string('OCR_LANGUAGE', 'vie'),
      maxPages: r.int('OCR_MAX_PAGES', 10, 1, 200),
      timeoutMs: r.int('OCR_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    },
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

/** Signs links every developer machine can verify; a deployment must set its own (checked below). */
const DEVELOPMENT_LINK_SECRET = 'loa-development-link-signing-secret (not for production)';

function readAcknowledgements(r: EnvReader): AcknowledgementConfig {
  const secret = r.optional('LINK_SIGNING_SECRET');
  if (secret !== null && secret.length < 32) r.problems.push('LINK_SIGNING_SECRET must be at least 32 characters');
  if (secret === null && r.optional('NODE_ENV') === 'production') {
    r.problems.push('LINK_SIGNING_SECRET must be set in production (it signs the acknowledgement links agencies get)');
  }
  return {
    linkSecret: secret ?? DEVELOPMENT_LINK_SECRET,
    linkValidDaysAfterEnd: r.int('ACK_LINK_VALID_DAYS', 60, 1, 3650),
    remindAfterSeconds: {
      normal: r.int('ACK_REMIND_AFTER_SECONDS', 24 * 3600, 1, 30 * 86400),
      emergency: r.int('ACK_REMIND_AFTER_SECONDS_EMERGENCY', 15 * 60, 1, 30 * 86400),
    },
    maxReminders: r.int('ACK_MAX_REMINDERS', 2, 0, 10),
    checkIntervalMs: r.int('ACK_CHECK_INTERVAL_MS', 60_000, 0, 3600_000),
  };
}

function readRadio(r: EnvReader, cwd: string): RadioConfig {
  const dir = r.string('RADIO_AUDIO_DIR', join('tmp', 'radio-audio'));
  return {
    audioDir: isAbsolute(dir) ? dir : join(cwd, dir),
    ttsEnabled: r.bool('RADIO_TTS_ENABLED', true),
    espeakBin: r.string('RADIO_ESPEAK_BIN', 'espeak-ng'),
    lameBin: r.string('RADIO_LAME_BIN', 'lame'),
    soxiBin: r.string('RADIO_SOXI_BIN', 'soxi'),
    speechRate: r.int('RADIO_SPEECH_RATE', 140, 80, 450),
    audioScanIntervalMs: r.int('RADIO_AUDIO_SCAN_MS', 3000, 100, 3600_000),
    keepSupersededSeconds: r.int('RADIO_AUDIO_KEEP_SUPERSEDED_SECONDS', 3600, 0, 90 * 86400),
    missedGraceSeconds: r.int('RADIO_MISSED_GRACE_SECONDS', 1800, 0, 7 * 86400),
    missedLookbackHours: r.int('RADIO_MISSED_LOOKBACK_HOURS', 72, 1, 24 * 60),
    missedCheckIntervalMs: r.int('RADIO_MISSED_CHECK_MS', 30_000, 0, 3600_000),
    withdrawnRetentionDays: r.int('RADIO_WITHDRAWN_RETENTION_DAYS', 7, 1, 365),
    uploadMaxBytes: r.int('RADIO_UPLOAD_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    uploadMaxSeconds: r.int('RADIO_UPLOAD_MAX_SECONDS', 1800, 1, 4 * 3600),
  };
}
