import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        province text NOT NULL,
        valid_from date,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        email text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('editor','approver','admin')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE directives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        raw_text text NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}',
        document_code text,
        subject text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        directive_id uuid NOT NULL REFERENCES directives(id),
        title text NOT NULL,
        status text NOT NULL CHECK (status IN
          ('draft','pending_approval','approved','running','paused','completed','cancelled')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        dispatch_epoch int NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES users(id),
        approved_by uuid REFERENCES users(id),
        rejection_reason text,
        launched_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX campaigns_org_status ON campaigns (organization_id, status)`);
    await q.query(`CREATE INDEX campaigns_running ON campaigns (status) WHERE status IN ('running','paused')`);
    await q.query(`
      CREATE TABLE channel_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        channel text NOT NULL CHECK (channel IN ('sms','email','banner','radio')),
        content jsonb NOT NULL,
        fanned_out_at timestamptz,
        UNIQUE (campaign_id, channel)
      )`);
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        code text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        group_code text NOT NULL,
        UNIQUE (organization_id, code)
      )`);
    await q.query(`
      CREATE TABLE portals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        code text NOT NULL,
        name text NOT NULL,
        url text NOT NULL,
        embed_key text NOT NULL UNIQUE,
        UNIQUE (organization_id, code)
      )`);
    await q.query(`
      CREATE TABLE stations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province','district','commune')),
        parent_id uuid REFERENCES stations(id)
      )`);
    await q.query(`
      CREATE TABLE carriers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        provider text NOT NULL CHECK (provider IN ('smpp','twilio')),
        connection jsonb NOT NULL DEFAULT '{}',
        sender_name text NOT NULL CHECK (char_length(sender_name) BETWEEN 1 AND 11),
        enabled boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE partner_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_kind text NOT NULL CHECK (partner_kind IN ('station','carrier','portal')),
        partner_id uuid NOT NULL,
        key_prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audience_members (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        msisdn text NOT NULL,
        carrier_code text NOT NULL,
        PRIMARY KEY (campaign_id, msisdn)
      )`);
    await q.query(`
      CREATE TABLE deliveries (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        channel text NOT NULL CHECK (channel IN ('sms','email','banner','radio')),
        recipient_key text NOT NULL,
        carrier_code text,
        status text NOT NULL CHECK (status IN ('queued','sending','sent','delivered','failed','unknown',
          'expired','cancelled','pulled','confirmed')),
        provider_message_id text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        final_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, channel, recipient_key)
      )`);
    await q.query(`CREATE INDEX deliveries_by_status ON deliveries (campaign_id, channel, status, id)`);
    await q.query(
      `CREATE INDEX deliveries_by_provider_id ON deliveries (carrier_code, provider_message_id)
         WHERE provider_message_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE broadcast_confirmations (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        station_id uuid NOT NULL REFERENCES stations(id),
        slot text NOT NULL,
        aired_at timestamptz NOT NULL,
        duration_seconds int,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, station_id, slot)
      )`);
    await q.query(`
      CREATE TABLE banner_stats (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        portal_id uuid NOT NULL REFERENCES portals(id),
        impressions bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, portal_id)
      )`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        organization_id uuid,
        actor_type text NOT NULL,
        actor_id text,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        before jsonb,
        after jsonb,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_events_org_time ON audit_events (organization_id, created_at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit_events',
      'banner_stats',
      'broadcast_confirmations',
      'deliveries',
      'audience_members',
      'partner_keys',
      'carriers',
      'stations',
      'portals',
      'agencies',
      'channel_plans',
      'campaigns',
      'directives',
      'sessions',
      'users',
      'organizations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only`);
  }
}
