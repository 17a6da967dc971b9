import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The original file a directive was read from (a .txt, .docx or text-layer .pdf upload) is kept with it, byte for
 * byte, with its media type, file name, size and SHA-256; a pasted letter has none. All five or none.
 */
export class DirectiveOriginals1765400000000 implements MigrationInterface {
  name = 'DirectiveOriginals1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE directives
        ADD COLUMN original_bytes bytea,
        ADD COLUMN original_media_type text,
        ADD COLUMN original_file_name text,
        ADD COLUMN original_size int CHECK (original_size >= 0),
        ADD COLUMN original_sha256 text CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT directives_original_whole CHECK (
          (original_bytes IS NULL AND original_media_type IS NULL AND original_size IS NULL
             AND original_sha256 IS NULL AND original_file_name IS NULL)
          OR (original_bytes IS NOT NULL AND original_media_type IS NOT NULL AND original_size IS NOT NULL
             AND original_sha256 IS NOT NULL AND octet_length(original_bytes) = original_size))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE directives
        DROP CONSTRAINT IF EXISTS directives_original_whole,
        DROP COLUMN IF EXISTS original_sha256,
        DROP COLUMN IF EXISTS original_size,
        DROP COLUMN IF EXISTS original_file_name,
        DROP COLUMN IF EXISTS original_media_type,
        DROP COLUMN IF EXISTS original_bytes`);
  }
}
