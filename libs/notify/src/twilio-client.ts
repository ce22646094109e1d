import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/** Any Twilio API origin: api.twilio.com (Messages), verify.twilio.com (Verify), and their edge/region hosts. */
const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]*twilio\.com(:\d+)?/i;

/**
 * The SDK always builds https://<domain>.twilio.com/... URIs (edge and region only change the host
 * name). To reach a Twilio-compatible server elsewhere (a local one in tests, a proxy), the HTTP
 * client swaps the origin, keeping path, query, auth and body exactly as the SDK made them. Every
 * domain maps to the one base URL: their paths do not overlap (/2010-04-01/... for Messages,
 * /v2/Services/... for Verify).
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl) });
  }
}

/** The official client; with a base URL other than https://api.twilio.com, every request goes there instead. */
export function twilioClient(opts: { accountSid: string; authToken: string; apiBaseUrl: string }): twilio.Twilio {
  const official = /^https:\/\/api\.twilio\.com$/i.test(opts.apiBaseUrl);
  return twilio(opts.accountSid, opts.authToken, official ? {} : { httpClient: new BaseUrlRequestClient(opts.apiBaseUrl) });
}
