import type { AnalystBreakdown, AnalystMetric, AnalystTimeRange } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An analyst's saved query: the KQL as typed, and the checked time range, breakdowns and metrics. */
@Entity('analyst_saved_queries')
export class SavedQueryRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 2000 }) query!: string;
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` }) time!: AnalystTimeRange;
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` }) breakdowns!: AnalystBreakdown[];
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` }) metrics!: AnalystMetric[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
