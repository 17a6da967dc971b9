import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadOrganizationLineage } from '@loa/admin-units';
import { DEMO_PASSWORD_HASH_COST, hashPassword, sha256, secretPrefix } from '@loa/auth';
import { configDir } from '@loa/config';

export interface DemoPeers {
  smscHost: string;
  smscPort: number;
  twilioApiBaseUrl: string;
  twilioAccountSid: string;
  twilioAuthToken: string;
}

export const DEFAULT_DEMO_PEERS: DemoPeers = {
  smscHost: '127.0.0.1',
  smscPort: 2775,
  twilioApiBaseUrl: 'http://127.0.0.1:4010',
  twilioAccountSid: 'ACdemo0000000000000000000000000000',
  twilioAuthToken: 'demo-twilio-auth-token',
};

interface DemoDirectory {
  /** testList: the staff phones and mailboxes exercises and tests reach (numbers normalised, 84…). */
  organization: {
    code: string;
    name: string;
    province: string;
    /** Its province's code in config/admin-units (today's map). */
    adminUnitCode?: string;
    /** The body it is today in config/organizations/lineage.csv; its name must be that body's. */
    lineageCode?: string;
    testList?: { msisdns: string[]; emails: string[] };
  };
  users: Array<{ email: string; displayName: string; role: string; password: string; phone?: string }>;
  agencies: Array<{ code: string; name: string; email: string; group: string }>;
  /** key: the webmaster's own key (partner kind portal), for the portal's page. */
  portals: Array<{ code: string; name: string; url: string; embedKey: string; key?: string }>;
  stations: Array<{
    code: string;
    name: string;
    level: string;
    parent: string | null;
    key: string;
    adminUnitCode?: string | null;
    region?: string | null;
    timeZone?: string;
    broadcastSlots?: Array<{ start: string; minutes: number }>;
    contactEmail?: string | null;
  }>;
  carriers: Array<{
    code: string;
    name: string;
    provider: string;
    senderName: string;
    connection: Record<string, string>;
    /** The carrier partner's own API key (partner kind carrier), for its page: orders it acknowledges and reports on. */
    key?: string;
  }>;
  demoSubscribers: string[];
}

export interface SeedResult {
  organizationId: string;
  users: Array<{ email: string; role: string; password: string }>;
  stationKeys: Array<{ code: string; key: string }>;
  portals: Array<{ code: string; embedKey: string; key: string | null }>;
  carrierKeys: Array<{ code: string; key: string }>;
  subscribers: string[];
}

/** A station's time zone, refused at seed time when the runtime does not know it (slots are computed in it). */
function stationTimeZone(code: string, timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`Station ${code}: unknown time zone "${timeZone}"`);
  }
  return timeZone;
}

export function readDemoDirectory(): DemoDirectory {
  return JSON.parse(readFileSync(join(configDir(), 'demo', 'soc-trang.json'), 'utf8')) as DemoDirectory;
}

function fillPlaceholders(connection: Record<string, string>, peers: DemoPeers): Record<string, string | number> {
  const values: Record<string, string | number> = {
    SMSC_HOST: peers.smscHost,
    SMSC_PORT: peers.smscPort,
    TWILIO_API_BASE_URL: peers.twilioApiBaseUrl,
    TWILIO_ACCOUNT_SID: peers.twilioAccountSid,
    TWILIO_AUTH_TOKEN: peers.twilioAuthToken,
  };
  return Object.fromEntries(
    Object.entries(connection).map(([k, v]) => {
      const m = /^\$\{([A-Z_]+)\}$/.exec(v);
      return [k, m ? values[m[1]] : v];
    }),
  );
}

/** The organisation's lineage code names a body of config/organizations, and the organisation bears its name. */
function checkLineage(org: DemoDirectory['organization']): void {
  if (!org.lineageCode) return;
  const body = loadOrganizationLineage().get(org.lineageCode);
  if (!body) throw new Error(`organization.lineageCode ${org.lineageCode} is not in config/organizations/lineage.csv`);
  if (body.validTo) throw new Error(`organization.lineageCode ${org.lineageCode} ended on ${body.validTo}`);
  if (body.name !== org.name) throw new Error(`organization.name must be "${body.name}" (its lineage's name)`);
}

/**
 * Loads the demo province idempotently (upserts by code). Refused in production: the demo passwords and keys
 * are public.
 */
export async function seedDemo(ds: DataSource, peers: DemoPeers = DEFAULT_DEMO_PEERS): Promise<SeedResult> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Refusing to seed demo data with NODE_ENV=production (demo passwords and keys are public)');
  }
  const dir = readDemoDirectory();
  checkLineage(dir.organization);
  return ds.transaction(async (m) => {
    const [org]: Array<{ id: string }> = await m.query(
      `INSERT INTO organizations (code, name, province, test_msisdns, test_emails, admin_unit_code, lineage_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,
         test_msisdns = EXCLUDED.test_msisdns, test_emails = EXCLUDED.test_emails,
         admin_unit_code = EXCLUDED.admin_unit_code, lineage_code = EXCLUDED.lineage_code RETURNING id`,
      [
        dir.organization.code,
        dir.organization.name,
        dir.organization.province,
        dir.organization.testList?.msisdns ?? [],
        dir.organization.testList?.emails ?? [],
        dir.organization.adminUnitCode ?? null,
        dir.organization.lineageCode ?? null,
      ],
    );
    for (const u of dir.users) {
      await m.query(
        `INSERT INTO users (organization_id, email, display_name, role, password_hash, phone)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
           password_hash = EXCLUDED.password_hash, phone = EXCLUDED.phone`,
        [
          org.id,
          u.email,
          u.displayName,
          u.role,
          await hashPassword(u.password, DEMO_PASSWORD_HASH_COST),
          u.phone ?? null,
        ],
      );
    }
    for (const a of dir.agencies) {
      await m.query(
        `INSERT INTO agencies (organization_id, code, name, email, group_code) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id, code) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
           group_code = EXCLUDED.group_code`,
        [org.id, a.code, a.name, a.email, a.group],
      );
    }
    for (const p of dir.portals) {
      const [portal]: Array<{ id: string }> = await m.query(
        `INSERT INTO portals (organization_id, code, name, url, embed_key) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id, code) DO UPDATE SET name = EXCLUDED.name, url = EXCLUDED.url,
           embed_key = EXCLUDED.embed_key
         RETURNING id`,
        [org.id, p.code, p.name, p.url, p.embedKey],
      );
      if (p.key)
        await m.query(
          `INSERT INTO partner_keys (partner_kind, partner_id, organization_id, key_prefix, key_hash)
           VALUES ('portal', $1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING`,
          [portal.id, org.id, secretPrefix(p.key), sha256(p.key)],
        );
    }
    for (const s of dir.stations) {
      const [station]: Array<{ id: string }> = await m.query(
        `INSERT INTO stations (organization_id, code, name, level, parent_id, admin_unit_code, region, time_zone,
                               broadcast_slots, contact_email)
         VALUES ($1, $2, $3, $4, (SELECT id FROM stations WHERE code = $5), $6, $7, $8, $9, $10)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
           admin_unit_code = EXCLUDED.admin_unit_code, region = EXCLUDED.region, time_zone = EXCLUDED.time_zone,
           broadcast_slots = EXCLUDED.broadcast_slots, contact_email = EXCLUDED.contact_email
         RETURNING id`,
        [
          org.id,
          s.code,
          s.name,
          s.level,
          s.parent,
          s.adminUnitCode ?? null,
          s.region ?? null,
          stationTimeZone(s.code, s.timeZone ?? 'Asia/Ho_Chi_Minh'),
          JSON.stringify(s.broadcastSlots ?? []),
          s.contactEmail?.normalize('NFC').toLowerCase() ?? null,
        ],
      );
      await m.query(
        `INSERT INTO partner_keys (partner_kind, partner_id, organization_id, key_prefix, key_hash)
         VALUES ('station', $1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING`,
        [station.id, org.id, secretPrefix(s.key), sha256(s.key)],
      );
    }
    for (const c of dir.carriers) {
      const [carrier]: Array<{ id: string }> = await m.query(
        `INSERT INTO carriers (code, name, provider, connection, sender_name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, provider = EXCLUDED.provider,
           connection = EXCLUDED.connection, sender_name = EXCLUDED.sender_name
         RETURNING id`,
        [c.code, c.name, c.provider, JSON.stringify(fillPlaceholders(c.connection, peers)), c.senderName],
      );
      if (c.key)
        await m.query(
          `INSERT INTO partner_keys (partner_kind, partner_id, organization_id, key_prefix, key_hash)
           VALUES ('carrier', $1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING`,
          [carrier.id, org.id, secretPrefix(c.key), sha256(c.key)],
        );
    }
    return {
      organizationId: org.id,
      users: dir.users.map((u) => ({ email: u.email, role: u.role, password: u.password })),
      stationKeys: dir.stations.map((s) => ({ code: s.code, key: s.key })),
      portals: dir.portals.map((p) => ({ code: p.code, embedKey: p.embedKey, key: p.key ?? null })),
      carrierKeys: dir.carriers.flatMap((c) => (c.key ? [{ code: c.code, key: c.key }] : [])),
      subscribers: dir.demoSubscribers,
    };
  });
}
