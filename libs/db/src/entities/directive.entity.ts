import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The source letter, kept verbatim, with the fields extracted from it. */
@Entity('directives')
export class DirectiveEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'raw_text', type: 'text' }) rawText!: string;
  @Column({ type: 'jsonb' }) fields!: Record<string, unknown>;
  @Column({ name: 'document_code', type: 'text', nullable: true }) documentCode!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** The uploaded file as received (null for a pasted letter); not loaded unless selected. */
  @Column({ name: 'original_bytes', type: 'bytea', nullable: true, select: false }) originalBytes?: Buffer | null;
  /** The media type its content was read as (not the one the client claimed). */
  @Column({ name: 'original_media_type', type: 'text', nullable: true }) originalMediaType!: string | null;
  @Column({ name: 'original_file_name', type: 'text', nullable: true }) originalFileName!: string | null;
  @Column({ name: 'original_size', type: 'int', nullable: true }) originalSize!: number | null;
  /** Lowercase hex SHA-256 of the original bytes. */
  @Column({ name: 'original_sha256', type: 'text', nullable: true }) originalSha256!: string | null;
  /** `ocr` when the text was recognised from a scan (the operator checks the fields); null for a pasted letter. */
  @Column({ name: 'read_by', type: 'text', nullable: true }) readBy!: 'text' | 'ocr' | null;
}
