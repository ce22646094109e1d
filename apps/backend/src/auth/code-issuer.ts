import type { DeliveryChannel } from '@jobportal/notify';
import { ApiError } from '../common/error-envelope.filter';
import type { OtpChallenge } from './entities/otp-challenge.entity';

/** What an issuer reads of a challenge row. */
export type CodeTarget = Pick<OtpChallenge, 'id' | 'destination' | 'secret' | 'counter'>;

/**
 * Makes, sends and checks the one-time codes of one channel (SMS or e-mail), chosen at boot from
 * config: our own HOTP codes (`OtpCodeIssuer`, otplib, sent as messages) or Twilio Verify for SMS
 * (`TwilioVerifyCodeIssuer`). Everything around it stays in AuthService and is the same for both:
 * tries per code, resend cooldown, per-phone/e-mail and per-IP limits, lockout, challenge expiry
 * and decoy challenges (`destination` null: nothing is sent and no code verifies).
 */
export interface CodeIssuer {
  /** Throws a 503 ApiError when codes cannot go out now; runs before anything is counted or stored. */
  assertAvailable(): Promise<void>;
  /** What a new challenge row keeps to check its codes later (encrypted), or null when the provider keeps the code. */
  newSecret(challengeId: string): string | null;
  /** Sends the challenge's current code to its destination. Runs after the HTTP answer; rejects with the provider's reason, never the code. */
  send(challenge: CodeTarget): Promise<void>;
  /** Whether `code` is the challenge's current code. Throws CodesUnavailableError when the provider gives no answer. */
  check(challenge: CodeTarget, code: string): Promise<boolean>;
}

export const CODE_ISSUERS = Symbol('CODE_ISSUERS');
export type CodeIssuers = Record<DeliveryChannel, CodeIssuer>;

/** The code provider gave no answer: a 503 with a code, and the try it was asked about does not count. */
export class CodesUnavailableError extends ApiError {
  constructor(channel: DeliveryChannel) {
    super(
      503,
      `${channel}_unavailable`,
      `Codes by ${channel === 'sms' ? 'SMS' : 'e-mail'} are temporarily unavailable; try again in a minute.`,
    );
  }
}
