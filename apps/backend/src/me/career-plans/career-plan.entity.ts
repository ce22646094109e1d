import type { CareerAlsoConsider, CareerMatch, CareerPlanInputs, CareerPlanKind, InterestMatch } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A saved careers result. No column holds resume text or the file: only what the result showed. */
@Entity('career_plans')
export class CareerPlanRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: CareerPlanKind;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'jsonb' }) matches!: CareerMatch[] | InterestMatch[];
  @Column({ name: 'also_consider', type: 'jsonb', default: () => `'[]'::jsonb` }) alsoConsider!: CareerAlsoConsider[];
  @Column({ type: 'text', array: true, default: () => `'{}'::text[]` }) skills!: string[];
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` }) inputs!: CareerPlanInputs;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
