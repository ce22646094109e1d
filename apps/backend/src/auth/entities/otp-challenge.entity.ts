import type { CodeChannel } from '@jobportal/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ChallengePurpose = 'signup' | 'login';

/** What a sign-up challenge carries until its code is verified: no user row exists before that. */
export interface PendingSignup {
  name: string;
  phone: string;
  email: string | null;
}

/**
 * One code sent (or, for the authenticator app, expected). A log-in for an unknown phone or e-mail
 * gets a decoy challenge (userId null, nothing sent) that no code ever verifies, so the answers
 * and the work done look the same either way.
 */
@Entity('otp_challenges')
export class OtpChallenge {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 10 }) purpose!: ChallengePurpose;
  @Column({ type: 'varchar', length: 10 }) channel!: CodeChannel;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  /** The normalized phone or e-mail the request named: the key of rate limits and lockout. */
  @Column({ type: 'varchar', length: 254 }) identifier!: string;
  /** Where the code goes; null when nothing is sent (authenticator app, decoy). */
  @Column({ type: 'varchar', length: 254, nullable: true }) destination!: string | null;
  @Column({ type: 'jsonb', nullable: true }) signup!: PendingSignup | null;
  /** HOTP secret, AES-256-GCM encrypted; the code is HOTP(secret, counter). Null for the authenticator app. */
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  /** Bumped by every resend, which makes the previous code invalid. */
  @Column({ type: 'int', default: 0 }) counter!: number;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'int', default: 1 }) sends!: number;
  @Column({ name: 'last_sent_at', type: 'timestamptz' }) lastSentAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true }) consumedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
