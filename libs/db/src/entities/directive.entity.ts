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
}
