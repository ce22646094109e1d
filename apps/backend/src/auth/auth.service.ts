import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import { CODE_LENGTH, type CodeChallenge, type CodeChannel, type Me } from '@jobportal/contracts';
import { DataSource, QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseGate } from '../database/database.module';
import type { DeliveryChannel } from '@jobportal/notify';
import { RateLimitedError, invalidField, seconds } from './auth-errors';
import { CODE_ISSUERS, CodesUnavailableError, type CodeIssuer, type CodeIssuers } from './code-issuer';
import type { LoginDto } from './dto/login.dto';
import type { SignupDto } from './dto/signup.dto';
import type { VerifyCodeDto } from './dto/verify-code.dto';
import { RateLimiter } from './rate-limiter.service';
import { OtpChallenge, type ChallengePurpose, type PendingSignup } from './entities/otp-challenge.entity';
import { User } from './entities/user.entity';
import { maskEmail, maskPhone, normalizeEmail, normalizePhone } from './identifiers';
import { newOtpSecret, verifyTotp } from './one-time-codes';
import { SecretBox } from './secret-box';
import { SessionService } from './session.service';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

/** Rows of an UPDATE ... RETURNING (TypeORM's postgres driver answers [rows, rowCount] for updates). */
async function updateReturning<T>(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, sql: string, params: unknown[]): Promise<T[]> {
  const raw: unknown = await db.query(sql, params);
  return (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as T[];
}

/** Authenticator-app checks for unknown accounts run against this, so they cost what real ones do. */
const DECOY_TOTP_SECRET = newOtpSecret();

export function toMe(user: User): Me {
  return {
    id: user.id,
    name: user.name,
    phone: user.phone,
    email: user.email,
    totpEnabled: Boolean(user.totpEnabledAt && user.totpSecret),
    roles: user.roles?.length ? user.roles : ['user'],
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * Sign-up and log-in by one-time code. A challenge is a row in otp_challenges; its code is never
 * stored (at most an encrypted secret), never logged, and never leaves this process except in the
 * message to the user (and, in development only, the outbox). Codes sent by SMS or e-mail are made,
 * sent and checked by the channel's CodeIssuer (ours, or Twilio Verify for SMS); the limits around
 * them are enforced here, the same for both.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(OtpChallenge) private readonly challenges: Repository<OtpChallenge>,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(CODE_ISSUERS) private readonly issuers: CodeIssuers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signup(dto: SignupDto, meta: ClientMeta): Promise<CodeChallenge> {
    const phone = normalizePhone(dto.phone)!;
    const email = dto.email ? normalizeEmail(dto.email) : null;
    await this.issuers.sms.assertAvailable();
    await this.limiter.assertNotLocked(phone);
    await this.limiter.countCodeRequest(phone, meta.ip);
    await this.gate.ready();
    const existing = await this.users.findOneBy({ phone });
    // A sign-up for a phone that already has an account gets a log-in code instead. The answer is
    // the same either way, so sign-up cannot be used to find out who has an account.
    return this.issue({
      purpose: existing ? 'login' : 'signup',
      channel: 'sms',
      identifier: phone,
      userId: existing?.id ?? null,
      destination: phone,
      signup: existing ? null : { name: dto.name, phone, email },
    });
  }

  async login(dto: LoginDto, meta: ClientMeta): Promise<CodeChallenge> {
    if (dto.phone === undefined && dto.email === undefined) throw invalidField('phone', 'give a phone number or an e-mail address');
    if (dto.phone !== undefined && dto.email !== undefined) throw invalidField('email', 'give either a phone number or an e-mail address, not both');
    const byPhone = dto.phone !== undefined;
    const identifier = byPhone ? normalizePhone(dto.phone)! : normalizeEmail(dto.email!);
    const channel: CodeChannel = dto.channel ?? (byPhone ? 'sms' : 'email');
    if (channel === 'sms' && !byPhone) throw invalidField('channel', 'sms needs a phone number; use email or app with an e-mail address');
    if (channel === 'email' && byPhone) throw invalidField('channel', 'email needs an e-mail address; use sms or app with a phone number');
    if (channel !== 'app') await this.issuers[channel].assertAvailable();
    await this.limiter.assertNotLocked(identifier);
    await this.limiter.countCodeRequest(identifier, meta.ip);
    await this.gate.ready();

    const user = await this.users.findOneBy(byPhone ? { phone: identifier } : { email: identifier });
    const usable = user && (channel !== 'app' || (user.totpEnabledAt && user.totpSecret));
    // Unknown accounts (and app log-ins for accounts without an app) get a decoy challenge: the
    // same row, the same answer, nothing sent, and no code ever verifies it.
    return this.issue({
      purpose: 'login',
      channel,
      identifier,
      userId: usable ? user.id : null,
      destination: usable && channel !== 'app' ? identifier : null,
      signup: null,
    });
  }

  async resend(challengeId: string, meta: ClientMeta): Promise<CodeChallenge> {
    await this.gate.ready();
    const challenge = await this.openChallenge(challengeId);
    if (challenge.channel === 'app') {
      throw invalidField('challengeId', 'uses the authenticator app: there is no code to send', 'nothing_to_resend');
    }
    const wait = this.resendWaitS(challenge.lastSentAt);
    if (wait > 0) throw new RateLimitedError('resend_too_soon', `A new code can be sent in ${seconds(wait)}.`, wait);
    await this.limiter.assertNotLocked(challenge.identifier);
    await this.issuerOf(challenge).assertAvailable();
    await this.limiter.countCodeRequest(challenge.identifier, meta.ip);

    // A new send with its own tries and validity. Our own codes move to the next counter, so the
    // previous code stops working; Twilio Verify re-sends its pending code (docs/accounts.md).
    const rows = await updateReturning<{ counter: number; last_sent_at: Date; expires_at: Date }>(
      this.db,
      `UPDATE otp_challenges
          SET counter = counter + 1, sends = sends + 1, attempts = 0, last_sent_at = now(),
              expires_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND consumed_at IS NULL AND last_sent_at <= now() - make_interval(secs => $2)
        RETURNING counter, last_sent_at, expires_at`,
      [challenge.id, this.config.auth.resendCooldownS, this.config.auth.otpTtlS],
    );
    const row = rows[0];
    if (!row) throw new RateLimitedError('resend_too_soon', 'A new code was just sent; wait for it.', this.config.auth.resendCooldownS);
    Object.assign(challenge, { counter: row.counter, lastSentAt: row.last_sent_at, expiresAt: row.expires_at, attempts: 0 });
    if (challenge.destination) this.sendInBackground(challenge);
    return this.toChallenge(challenge);
  }

  /** Checks the code; on success activates the account (sign-up) and starts a session. */
  async verify(dto: VerifyCodeDto, meta: ClientMeta): Promise<{ user: User; token: string }> {
    await this.limiter.countVerifyAttempt(meta.ip);
    await this.gate.ready();
    const challenge = await this.openChallenge(dto.challengeId);
    await this.limiter.assertNotLocked(challenge.identifier);

    // Every try is counted before the code is looked at, atomically: with 5 allowed, the 6th try is
    // refused even when its code is right, and parallel tries cannot slip past the count.
    const counted = await updateReturning<{ attempts: number }>(
      this.db,
      `UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = $1 AND consumed_at IS NULL RETURNING attempts`,
      [challenge.id],
    );
    if (!counted[0]) throw this.used();
    const attempts = counted[0].attempts;
    const max = this.config.auth.otpMaxAttempts;
    if (attempts > max) {
      throw new ApiError(429, 'too_many_attempts', `This code took ${max} wrong tries and no longer works; request a new code.`, [
        { field: 'code', reason: `${max} wrong tries: request a new code` },
      ]);
    }

    let matches: boolean;
    try {
      matches = await this.codeMatches(challenge, dto.code);
    } catch (err) {
      // The provider gave no answer about this code: the try does not count against the user.
      if (err instanceof CodesUnavailableError) {
        await this.db.query(`UPDATE otp_challenges SET attempts = attempts - 1 WHERE id = $1 AND attempts > 0`, [challenge.id]);
      }
      throw err;
    }
    if (!matches) {
      const lockedNow = await this.limiter.recordFailure(challenge.identifier);
      if (lockedNow) {
        const s = this.config.auth.lockoutS;
        throw new RateLimitedError('locked', `Too many wrong codes for this phone or e-mail; try again in ${seconds(s)}.`, s, [
          { field: 'code', reason: 'is not the code we sent' },
        ]);
      }
      const left = max - attempts;
      throw invalidField('code', left > 0 ? `is not the code we sent; ${left} ${left === 1 ? 'try' : 'tries'} left` : 'is not the code we sent; request a new code', 'invalid_code');
    }

    const result = await this.db.transaction(async (m) => {
      const consumed = await updateReturning(m, `UPDATE otp_challenges SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL RETURNING id`, [challenge.id]);
      if (consumed.length === 0) throw this.used();
      const user = challenge.purpose === 'signup' ? await this.createUser(m, challenge.signup!) : await m.findOneBy(User, { id: challenge.userId! });
      if (!user) throw invalidField('challengeId', 'belongs to an account that no longer exists', 'challenge_not_found');
      const token = await this.sessions.create(m, user.id, meta);
      return { user, token };
    });
    await this.limiter.clearFailures(challenge.identifier);
    return result;
  }

  private async issue(c: {
    purpose: ChallengePurpose;
    channel: CodeChannel;
    identifier: string;
    userId: string | null;
    destination: string | null;
    signup: PendingSignup | null;
  }): Promise<CodeChallenge> {
    const id = randomUUID();
    const issuer = c.channel === 'app' ? null : this.issuers[c.channel];
    const now = new Date();
    const challenge = this.challenges.create({
      id,
      ...c,
      secret: issuer ? issuer.newSecret(id) : null,
      counter: 0,
      attempts: 0,
      sends: 1,
      lastSentAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.otpTtlS * 1000),
    });
    await this.challenges.insert(challenge);
    if (issuer && c.destination) this.sendInBackground(challenge);
    return this.toChallenge(challenge);
  }

  /**
   * Sending runs after the answer: a provider's latency would otherwise tell known accounts
   * (a code sent) from unknown ones (nothing sent). Failures are logged without the code.
   */
  private sendInBackground(challenge: OtpChallenge): void {
    this.issuerOf(challenge)
      .send(challenge)
      .catch((err: unknown) => {
        this.logger.warn(`Could not send the ${challenge.channel} code of challenge ${challenge.id}: ${err instanceof Error ? err.message : String(err)}`);
      });
  }

  private issuerOf(challenge: OtpChallenge): CodeIssuer {
    return this.issuers[challenge.channel as DeliveryChannel];
  }

  private async codeMatches(challenge: OtpChallenge, code: string): Promise<boolean> {
    if (challenge.channel === 'app') {
      const user = challenge.userId ? await this.users.findOneBy({ id: challenge.userId }) : null;
      if (!user?.totpSecret) {
        await verifyTotp(DECOY_TOTP_SECRET, code, null);
        return false;
      }
      const step = await verifyTotp(this.box.open(user.totpSecret, `totp:${user.id}`), code, user.totpLastStep);
      if (step === null) return false;
      // The step is claimed atomically, so the same app code cannot start two sessions.
      const claimed = await updateReturning(
        this.db,
        `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [user.id, step],
      );
      return claimed.length > 0;
    }
    const ok = await this.issuerOf(challenge).check(challenge, code);
    // A decoy (log-in for an unknown account) never verifies, whatever was typed.
    return ok && (challenge.purpose === 'signup' || challenge.userId !== null);
  }

  private async createUser(m: EntityManager, signup: PendingSignup): Promise<User> {
    // The phone was just proven; if an account appeared for it meanwhile, this is its owner.
    const existing = await m.findOneBy(User, { phone: signup.phone });
    if (existing) return existing;
    if (signup.email && (await m.existsBy(User, { email: signup.email }))) throw this.emailTaken();
    try {
      return await m.save(User, m.create(User, { name: signup.name, phone: signup.phone, email: signup.email }));
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') throw this.emailTaken();
      throw err;
    }
  }

  private async openChallenge(id: string): Promise<OtpChallenge> {
    const challenge = await this.challenges.findOneBy({ id });
    if (!challenge) throw invalidField('challengeId', 'is unknown; request a new code', 'challenge_not_found');
    if (challenge.consumedAt) throw this.used();
    if (challenge.expiresAt.getTime() <= Date.now()) throw invalidField('challengeId', 'has expired; request a new code', 'challenge_expired');
    return challenge;
  }

  private used(): ApiError {
    return invalidField('challengeId', 'has already been used; request a new code', 'challenge_used');
  }

  private emailTaken(): ApiError {
    return new ApiError(409, 'email_taken', 'email: is already used by another account', [
      { field: 'email', reason: 'is already used by another account; log in with it, or sign up with another address' },
    ]);
  }

  private resendWaitS(lastSentAt: Date): number {
    return Math.max(0, Math.ceil(this.config.auth.resendCooldownS - (Date.now() - lastSentAt.getTime()) / 1000));
  }

  private toChallenge(c: OtpChallenge): CodeChallenge {
    return {
      challengeId: c.id,
      channel: c.channel,
      sentTo: c.channel === 'app' ? null : c.channel === 'sms' ? maskPhone(c.identifier) : maskEmail(c.identifier),
      expiresAt: c.expiresAt.toISOString(),
      resendAfter: c.channel === 'app' ? 0 : this.resendWaitS(c.lastSentAt),
      codeLength: CODE_LENGTH,
    };
  }
}
