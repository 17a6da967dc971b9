import { loadConfig } from '@loa/config';
import { migrate } from '@loa/db';
import { startApp } from './processes';
import { checkServices } from './service-checks';

/** `npm start`: migrate, then run api and worker as two processes on this machine; SIGTERM drains both. */
async function main(): Promise<void> {
  const config = loadConfig();
  const problems = await checkServices(config.database.url, config.redis.url);
  if (problems.length) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exit(2);
  }
  const applied = await migrate(config.database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const apps = [startApp('api', env, { echo: true }), startApp('worker', env, { echo: true })];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(apps.map((a) => a.stop(30_000)));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  for (const a of apps)
    a.child.once('exit', (code) => !stopping && (console.error(`${a.name} exited (${code})`), void stop()));
}

void main();
