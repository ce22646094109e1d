import type { AlertChannel, AlertFrequency, SavedSearchParams } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('saved_searches')
export class SavedSearchRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** The validated search parameters, as the search endpoint takes them. */
  @Column({ type: 'jsonb' }) params!: SavedSearchParams;
  @Column({ type: 'varchar', length: 10 }) frequency!: AlertFrequency;
  @Column({ type: 'varchar', length: 10 }) channel!: AlertChannel;
  /** Set by the unsubscribe link of an alert: the search stays, its alerts stop. */
  @Column({ type: 'boolean', default: false }) paused!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Per saved search: the newest posting (by ingested_at) already sent, so no digest repeats one. */
@Entity('notification_marks')
export class NotificationMark {
  @PrimaryColumn({ name: 'saved_search_id', type: 'uuid' }) savedSearchId!: string;
  @Column({ name: 'ingested_through', type: 'timestamptz', nullable: true }) ingestedThrough!: Date | null;
  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true }) lastSentAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
