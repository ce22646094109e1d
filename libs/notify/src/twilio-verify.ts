import twilio from 'twilio';
import type { ServiceContext } from 'twilio/lib/rest/verify/v2/service';
import { twilioClient } from './twilio-client';

/** Twilio Verify gave no usable answer: unreachable, failing, or refusing our credentials or service. */
export class TwilioVerifyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwilioVerifyUnavailableError';
  }
}

/** Verify's "Max check attempts reached": the verification is over, like a wrong code. */
const MAX_CHECK_ATTEMPTS_REACHED = 60202;

/**
 * SMS one-time codes through Twilio Verify with the official SDK: Verify makes the code, sends it
 * and checks it, so the code never passes through (or is stored by) this process except in the
 * check. Verify keys a verification by service and phone: while one is pending for a number,
 * starting another re-sends its code rather than making a new one.
 */
export class TwilioVerify {
  private readonly service: ServiceContext;

  constructor(opts: { accountSid: string; authToken: string; serviceSid: string; apiBaseUrl: string }) {
    this.service = twilioClient(opts).verify.v2.services(opts.serviceSid);
  }

  /** Sends a code by SMS (POST /v2/Services/{sid}/Verifications). */
  async start(to: string): Promise<void> {
    try {
      await this.service.verifications.create({ to, channel: 'sms' });
    } catch (err) {
      throw asOutage(err);
    }
  }

  /**
   * True when Verify approves the code (POST /v2/Services/{sid}/VerificationCheck). False when it
   * is wrong, or when nothing is pending for the number any more (expired, already approved, or
   * too many checks): Verify answers 404 then.
   */
  async check(to: string, code: string): Promise<boolean> {
    try {
      const result = await this.service.verificationChecks.create({ to, code });
      return result.status === 'approved';
    } catch (err) {
      if (err instanceof twilio.RestException && (err.status === 404 || err.code === MAX_CHECK_ATTEMPTS_REACHED)) return false;
      throw asOutage(err);
    }
  }

  /** One round trip that changes nothing (reads the Service): is Verify there, and does it know our service? */
  async ping(): Promise<void> {
    try {
      await this.service.fetch();
    } catch (err) {
      throw asOutage(err);
    }
  }
}

/**
 * Network errors, 5xx, refused credentials (401/403), an unknown service (404 where a service is
 * addressed) and Twilio's own throttling (20429) are outages; other 4xx (an invalid number, too
 * many sends to one number) are about the request and pass through as the SDK's RestException.
 */
function asOutage(err: unknown): Error {
  if (err instanceof twilio.RestException) {
    const outage = err.status >= 500 || [401, 403, 404].includes(err.status) || err.code === 20429;
    return outage ? new TwilioVerifyUnavailableError(`Twilio Verify answered ${err.status} (error ${err.code ?? 'unknown'}): ${err.message}`) : err;
  }
  return new TwilioVerifyUnavailableError(`Twilio Verify is unreachable: ${err instanceof Error ? err.message : String(err)}`);
}
