import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'directive_id', type: 'uuid' }) directiveId!: string;
  @Column({ type: 'text' }) title!: string;
  /** See libs/campaigns status machine. */
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  /** Bumped on every resume/requeue so batch job ids stay deterministic within one dispatch round. */
  @Column({ name: 'dispatch_epoch', type: 'int', default: 0 }) dispatchEpoch!: number;
  /** May send SMS during quiet hours; every batch that does is audited. */
  @Column({ type: 'boolean', default: false }) emergency!: boolean;
  /** actual, exercise or test (CAP status); a rehearsal reaches only the organisation's test list. */
  @Column({ type: 'text', default: 'actual' }) mode!: string;
  /** Unit codes of its area (config/admin-units), in force when it was set; empty = the organisation's province. */
  @Column({ name: 'area_codes', type: 'text', array: true, default: () => "'{}'" }) areaCodes!: string[];
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true }) launchedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
