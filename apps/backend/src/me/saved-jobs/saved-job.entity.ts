import type { SavedJobSnapshot, SavedJobStatus } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('saved_jobs')
export class SavedJobRow {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 64 }) jobId!: string;
  @Column({ type: 'varchar', length: 20, default: 'saved' }) status!: SavedJobStatus;
  @Column({ type: 'varchar', length: 2000, nullable: true }) note!: string | null;
  /** Taken from the index when the job is first saved, so the entry outlives the posting. */
  @Column({ type: 'jsonb' }) snapshot!: SavedJobSnapshot;
  @CreateDateColumn({ name: 'saved_at', type: 'timestamptz' }) savedAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
