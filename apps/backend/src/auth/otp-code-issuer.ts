import type { DeliveryChannel, MessageDelivery } from '@jobportal/notify';
import { ApiError } from '../common/error-envelope.filter';
import type { CodeIssuer, CodeTarget } from './code-issuer';
import { hotpCode, newOtpSecret, verifyHotp } from './one-time-codes';
import type { SecretBox } from './secret-box';

/**
 * Our own codes: HOTP over a per-challenge secret kept encrypted on the challenge row (the row id
 * is the authenticated data), the counter bumped by every resend; sent as a message through the
 * delivery port (Twilio Messages API, SMTP, or the development outbox).
 */
export class OtpCodeIssuer implements CodeIssuer {
  constructor(
    private readonly channel: DeliveryChannel,
    private readonly delivery: MessageDelivery,
    private readonly box: SecretBox,
    private readonly ttlS: number,
  ) {}

  assertAvailable(): Promise<void> {
    if (!this.delivery.canSend(this.channel)) {
      return Promise.reject(new ApiError(503, 'channel_unavailable', `Codes by ${this.channel === 'sms' ? 'SMS' : 'e-mail'} are not available on this server.`));
    }
    return Promise.resolve();
  }

  newSecret(challengeId: string): string {
    return this.box.seal(newOtpSecret(), `otp:${challengeId}`);
  }

  async send(challenge: CodeTarget): Promise<void> {
    const code = await hotpCode(this.secretOf(challenge), challenge.counter);
    const minutes = Math.round(this.ttlS / 60);
    await this.delivery.send({
      channel: this.channel,
      to: challenge.destination!,
      kind: 'otp',
      subject: `Your Job portal code: ${code}`,
      text: `${code} is your Job portal code. It expires in ${minutes} minutes. Never share it with anyone.`,
      html: `<p><strong style="font-size:1.5em;letter-spacing:.1em">${code}</strong> is your Job portal code.</p><p>It expires in ${minutes} minutes. Never share it with anyone.</p>`,
    });
  }

  /** Decoys have a secret too, so checking theirs costs what a real check costs. */
  check(challenge: CodeTarget, code: string): Promise<boolean> {
    return verifyHotp(this.secretOf(challenge), challenge.counter, code);
  }

  private secretOf(challenge: CodeTarget): string {
    return this.box.open(challenge.secret!, `otp:${challenge.id}`);
  }
}
