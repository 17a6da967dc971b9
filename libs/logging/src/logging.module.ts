import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import pretty from 'pino-pretty';
import { maskPhoneNumbers } from '@loa/common';
import { APP_CONFIG, AppConfig, ConfigModule } from '@loa/config';

/** Headers that carry a secret: never written to a log. */
const SECRET_HEADERS = [
  'authorization',
  'cookie',
  'x-station-key',
  'x-portal-key',
  'x-carrier-key',
  'x-loa-signature',
  'x-twilio-signature',
].map((h) => `req.headers["${h}"]`);

/** Paths too frequent or too dull to log each request of (they are measured in /metrics instead). */
const QUIET = /^\/(health|metrics|assets\/|favicon)/;

/**
 * Logs through pino for both apps: one JSON object a line (`LOG_FORMAT=json`, the default in production) or readable
 * lines (`pretty`, otherwise); every request the API answers is logged once with its request id (the one
 * `X-Request-Id` answers and audit events carry), method, route, status and time; secrets in headers are removed and
 * phone numbers in messages and paths are masked (`maskPhoneNumbers`).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [ConfigModule],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { requestId?: string }).requestId ?? '-',
          autoLogging: { ignore: (req: IncomingMessage) => QUIET.test(req.url ?? '') },
          redact: { paths: SECRET_HEADERS, remove: true },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: maskPhoneNumbers(String(req.id)),
              method: req.method,
              url: maskPhoneNumbers(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          hooks: {
            logMethod(this: pino.Logger, args: unknown[], method: (...a: unknown[]) => void) {
              method.apply(
                this,
                args.map((a) => (typeof a === 'string' ? maskPhoneNumbers(a) : a)),
              );
            },
          },
          stream:
            config.log.format === 'pretty'
              ? pretty({ colorize: false, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true })
              : pino.destination({ sync: true }),
        },
      }),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
