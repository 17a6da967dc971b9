import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A department (Sở) of one province; every operator and directory row belongs to one. */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) province!: string;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  /** The only numbers a rehearsal's SMS reaches (normalised, 84…). */
  @Column({ name: 'test_msisdns', type: 'text', array: true, default: () => "'{}'" }) testMsisdns!: string[];
  /** The only addresses a rehearsal's e-mail reaches. */
  @Column({ name: 'test_emails', type: 'text', array: true, default: () => "'{}'" }) testEmails!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Its province (config/admin-units code), the area it speaks for; null until set. */
  @Column({ name: 'admin_unit_code', type: 'text', nullable: true }) adminUnitCode!: string | null;
  /** The body it is today in config/organizations/lineage.csv; letters of its former bodies are its own. */
  @Column({ name: 'lineage_code', type: 'text', nullable: true }) lineageCode!: string | null;
}
