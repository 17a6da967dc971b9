import { loadConfig } from '@loa/config';
import { migrate } from '@loa/db';
import { explainServiceError } from './service-checks';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate(config.database.url);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
}

main().catch((e: unknown) => {
  console.error(explainServiceError(e));
  process.exit(1);
});
