import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD_HASH_COST, hashPassword } from '@loa/auth';
import { createDataSource } from '@loa/db';
import { SeedResult, seedDemo } from '../../tools/seed/seed-demo';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from './test-database';

export interface InProcessApi {
  app: INestApplication;
  ds: DataSource;
  db: TestDatabase;
  seed: SeedResult;
  /** A second organisation (another province) with its own admin. */
  other: { organizationId: string; adminEmail: string; adminPassword: string };
  close(): Promise<void>;
}

/**
 * The API application in this process (for tests that need its router or many fast calls), on a fresh
 * database and queue prefix. Environment overrides must be given here: config is read when the app loads.
 */
export async function startInProcessApi(env: Record<string, string> = {}): Promise<InProcessApi> {
  const db = await createTestDatabase();
  const prefix = testQueuePrefix();
  Object.assign(process.env, { NODE_ENV: 'test', DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...env });
  const ds = createDataSource(db.url, { poolSize: 2, applicationName: 'loa-test' });
  await ds.initialize();
  const seed = await seedDemo(ds);
  const [org]: Array<{ id: string }> = await ds.query(
    `INSERT INTO organizations (code, name, province) VALUES ('sokhcn-cantho', 'Sở Khoa học và Công nghệ TP Cần Thơ', 'Cần Thơ') RETURNING id`,
  );
  const other = { organizationId: org.id, adminEmail: 'quantri@cantho.demo', adminPassword: 'cantho-demo-2026' };
  await ds.query(
    `INSERT INTO users (organization_id, email, display_name, role, password_hash) VALUES ($1, $2, 'Quản trị Cần Thơ', 'admin', $3)`,
    [org.id, other.adminEmail, await hashPassword(other.adminPassword, DEMO_PASSWORD_HASH_COST)],
  );
  const { createApi } = await import('../../apps/api/src/create-api');
  const app = await createApi();
  await app.init();
  return {
    app,
    ds,
    db,
    seed,
    other,
    async close() {
      await app.close();
      await ds.destroy();
      await db.drop();
      await dropQueuePrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    },
  };
}

/** Logs in as the demo organisation's seeded user with this role; the bearer token. */
export async function loginAs(api: InProcessApi, role: string): Promise<string> {
  const user = api.seed.users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo seed has no ${role}`);
  const res = await request(api.app.getHttpServer())
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  return res.body.token as string;
}

/** Every route the Nest router serves, as "METHOD /path". */
export function listRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: unknown[] };
    _router?: { stack: unknown[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out: string[] = [];
  for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>) {
    // Nest binds module middleware for every path (the request logger of libs/logging) as a catch-all: not a route.
    if (!layer.route || layer.route.path === '{/*splat}') continue;
    for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return [...new Set(out)];
}
