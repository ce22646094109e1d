import { Logger } from '@nestjs/common';
import { TwilioVerifyUnavailableError, type TwilioVerify } from '@jobportal/notify';
import { CodesUnavailableError, type CodeIssuer, type CodeTarget } from './code-issuer';

/**
 * SMS codes through Twilio Verify (TWILIO_VERIFY_SERVICE_SID): Verify makes, sends and checks the
 * code; we keep no secret and never see the code except in the check. Our limits stay in front
 * (AuthService): Verify is asked only about a try we have counted and allowed.
 *
 * After Verify failed to answer, new codes are refused at once (503) instead of being accepted
 * and lost; one request every `probeIntervalMs` probes Verify (a read of the Service, which sends
 * nothing), and the first success (probe, send or check) opens the way again.
 */
export class TwilioVerifyCodeIssuer implements CodeIssuer {
  private readonly logger = new Logger('TwilioVerify');
  private down = false;
  private lastProbeAt = 0;

  constructor(
    private readonly verify: Pick<TwilioVerify, 'start' | 'check' | 'ping'>,
    private readonly probeIntervalMs = 5_000,
  ) {}

  async assertAvailable(): Promise<void> {
    if (!this.down) return;
    if (Date.now() - this.lastProbeAt < this.probeIntervalMs) throw new CodesUnavailableError('sms');
    this.lastProbeAt = Date.now();
    await this.answered(() => this.verify.ping());
  }

  newSecret(): null {
    return null;
  }

  /** Runs after the HTTP answer: a failure is logged by the caller, with Verify's reason. */
  async send(challenge: CodeTarget): Promise<void> {
    await this.call(() => this.verify.start(challenge.destination!));
  }

  async check(challenge: CodeTarget, code: string): Promise<boolean> {
    // A decoy (log-in for an unknown account) has no verification at Verify and never verifies;
    // one round trip that changes nothing keeps its timing like a real check's.
    if (!challenge.destination) {
      await this.answered(() => this.verify.ping());
      return false;
    }
    return this.answered(() => this.verify.check(challenge.destination!, code));
  }

  /** For requests a client waits on: no answer from Verify is a 503. */
  private async answered<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.call(fn);
    } catch (err) {
      throw err instanceof TwilioVerifyUnavailableError ? new CodesUnavailableError('sms') : err;
    }
  }

  /** Every call to Verify goes through here, so any answer or outage updates whether it is down. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const result = await fn();
      if (this.down) this.logger.log('Twilio Verify answers again; SMS codes are back.');
      this.down = false;
      return result;
    } catch (err) {
      if (err instanceof TwilioVerifyUnavailableError) {
        if (!this.down) this.logger.error(`${err.message}; new SMS codes answer 503 until it is back.`);
        this.down = true;
        this.lastProbeAt = Date.now();
      }
      throw err;
    }
  }
}
