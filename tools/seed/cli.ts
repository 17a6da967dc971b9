import { loadConfig } from '@loa/config';
import { createDataSource, migrate } from '@loa/db';
import { DEFAULT_DEMO_PEERS, seedDemo } from './seed-demo';

/** `npm run seed:demo`: loads the demo province and prints the demo logins and station keys. */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config.database.url);
  const ds = createDataSource(config.database.url, { poolSize: 2, applicationName: 'loa-seed' });
  await ds.initialize();
  try {
    const r = await seedDemo(ds, {
      ...DEFAULT_DEMO_PEERS,
      smscPort: Number(process.env.SMSC_PORT ?? DEFAULT_DEMO_PEERS.smscPort),
      twilioApiBaseUrl: process.env.TWILIO_API_BASE_URL ?? DEFAULT_DEMO_PEERS.twilioApiBaseUrl,
    });
    console.log('Demo province loaded (Sóc Trăng). Operator logins / Tài khoản:');
    for (const u of r.users) console.log(`  ${u.role.padEnd(9)} ${u.email}  ${u.password}`);
    console.log('Station keys / Khóa đài truyền thanh (header X-Station-Key):');
    for (const s of r.stationKeys) console.log(`  ${s.code.padEnd(22)} ${s.key}`);
    console.log('Portal embed URLs / Nhúng banner:');
    for (const p of r.portals) console.log(`  ${p.code.padEnd(22)} ${config.http.publicBaseUrl}/embed/${p.embedKey}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
