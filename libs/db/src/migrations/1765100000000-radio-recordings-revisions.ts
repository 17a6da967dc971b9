import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Radio (issue 8, second part): recordings uploaded by operators beside synthesised audio, and revisions of a
 * launched campaign's radio plan (each revision is a CAP Update in station feeds).
 */
export class RadioRecordingsRevisions1765100000000 implements MigrationInterface {
  name = 'RadioRecordingsRevisions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // Which revision of the script an audio row speaks, and whether a person recorded it or espeak-ng read it.
    await q.query(`
      ALTER TABLE radio_audio
        ADD COLUMN source text NOT NULL DEFAULT 'tts' CHECK (source IN ('tts','upload')),
        ADD COLUMN script_revision int NOT NULL DEFAULT 1 CHECK (script_revision >= 1),
        ADD COLUMN uploaded_by uuid REFERENCES users(id),
        ADD COLUMN original_name text`);
    // Revision 1 is the plan as launched (channel_plans keeps the current content); 2, 3 … are amendments.
    await q.query(`
      CREATE TABLE radio_script_revisions (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        revision int NOT NULL CHECK (revision >= 2),
        content jsonb NOT NULL,
        previous_content jsonb NOT NULL,
        changed text[] NOT NULL,
        reason text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS radio_script_revisions`);
    await q.query(`
      ALTER TABLE radio_audio DROP COLUMN original_name, DROP COLUMN uploaded_by, DROP COLUMN script_revision,
        DROP COLUMN source`);
  }
}
