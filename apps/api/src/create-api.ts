import { BadRequestException, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@loa/config';
import { ApiModule } from './api.module';
import { serveConsole } from './http/console-static';
import { EmbedEdge } from './public/embed-edge';
import { LoaMetrics, metricsEndpoint } from '@loa/metrics';
import { httpDurationMiddleware } from './metrics/http-duration.middleware';
import { DomainErrorsFilter } from './http/domain-errors.filter';
import { openApiDocument } from './http/openapi-document';
import { rejectNulCharacters } from './http/reject-nul.middleware';
import { requestIdMiddleware } from './http/request-id.middleware';
import { securityHeaders } from './http/security-headers';

/** Builds the HTTP application (used by main.ts and by in-process tests). */
export async function createApi(): Promise<INestApplication> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, new ExpressAdapter(), {
    bodyParser: false,
    rawBody: true, // signed partner requests are checked against the exact bytes sent
    bufferLogs: true, // until pino takes over below
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { extended: false, limit: config.http.bodyLimit });
  const metrics = app.get(LoaMetrics);
  app.use('/metrics', metricsEndpoint(metrics, config.metrics.token));
  app.use(httpDurationMiddleware(metrics));
  app.use(rejectNulCharacters);
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestIdMiddleware);
  app.use(securityHeaders);
  // CORS is closed unless origins are listed (the console, when served from another origin).
  if (config.http.corsOrigins.length) app.enableCors({ origin: config.http.corsOrigins, credentials: false });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(flattenErrors(errors)),
    }),
  );
  app.useGlobalFilters(new DomainErrorsFilter());
  serveConsole(app, config.http.consoleDir);
  // Banner views are answered before Express (and its guards and pipes): see EmbedEdge.
  app.get(EmbedEdge).mount(app);
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, openApiDocument(app));
  return app;
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** "channels.sms.text must be a string" — nested paths spelled out so the message names the field. */
function flattenErrors(errors: ValidationErrorLike[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? `${parent ? `${parent}.` : ''}${m}` : `${path}: ${m}`,
    );
    return [...own, ...flattenErrors(e.children ?? [], path)];
  });
}
