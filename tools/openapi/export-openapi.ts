import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { ApiModule } from '../../apps/api/src/api.module';
import { openApiDocument } from '../../apps/api/src/http/openapi-document';

/**
 * `node dist/tools/openapi/export-openapi.js FILE`: writes the API's OpenAPI document without a database or Redis
 * (Nest's preview mode builds the module graph but instantiates nothing). The console's client is generated from it.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: export-openapi FILE');
  const app = await NestFactory.create(ApiModule, new ExpressAdapter(), { preview: true, logger: false });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
