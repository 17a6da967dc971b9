import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@loa/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi();
  await app.listen(config.http.port, config.http.host);
  new Logger('api').log(`Loa API listening on http://${config.http.host}:${config.http.port} (docs: /api/docs)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
