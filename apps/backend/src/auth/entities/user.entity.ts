import type { Role } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** E.164. */
  @Column({ type: 'varchar', length: 16 }) phone!: string;
  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  /** Authenticator-app secret, AES-256-GCM encrypted (see SecretBox). */
  @Column({ name: 'totp_secret', type: 'text', nullable: true }) totpSecret!: string | null;
  /** An enrollment waiting for its first code. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true }) totpPendingSecret!: string | null;
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true }) totpEnabledAt!: Date | null;
  /** The last time step accepted, so an app code cannot be replayed. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, transformer: bigintAsNumber }) totpLastStep!: number | null;
  /** Granted on the command line (`npm run user:grant`); "user" always. */
  @Column({ type: 'varchar', length: 16, array: true, default: () => "ARRAY['user']::varchar[]" }) roles!: Role[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
