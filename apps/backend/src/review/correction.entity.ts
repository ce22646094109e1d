import type { PostingSoc, ReviewAction, SourceName } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One analyst decision on a posting's occupation code (migration 1795900000000). */
@Entity('occupation_corrections')
export class OccupationCorrectionRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'posting_id', type: 'varchar', length: 128 }) postingId!: string;
  @Column({ type: 'varchar', length: 40 }) source!: SourceName;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'machine_code', type: 'varchar', length: 7, nullable: true }) machineCode!: string | null;
  @Column({ name: 'machine_confidence', type: 'real', nullable: true }) machineConfidence!: number | null;
  @Column({ name: 'machine_coded_by', type: 'varchar', length: 8, nullable: true }) machineCodedBy!: 'model' | 'human' | null;
  @Column({ name: 'human_code', type: 'varchar', length: 7 }) humanCode!: string;
  @Column({ name: 'human_soc', type: 'jsonb' }) humanSoc!: PostingSoc;
  @Column({ type: 'varchar', length: 8 }) action!: ReviewAction;
  @Column({ name: 'analyst_id', type: 'uuid', nullable: true }) analystId!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
