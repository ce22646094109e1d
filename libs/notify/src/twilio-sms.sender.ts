import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { ChannelSender, OutgoingMessage } from './message-delivery';

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]*twilio\.com(:\d+)?/i;

/**
 * The SDK always builds https://api.twilio.com/... URIs (edge and region only change the host
 * name). To reach a Twilio-compatible server elsewhere (a local one in tests, a proxy), the HTTP
 * client swaps the origin, keeping path, query, auth and body exactly as the SDK made them.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl) });
  }
}

/** SMS through Twilio's Messages API with the official SDK. */
export class TwilioSmsSender implements ChannelSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly opts: { accountSid: string; authToken: string; from: string; apiBaseUrl: string }) {
    const official = /^https:\/\/api\.twilio\.com$/i.test(opts.apiBaseUrl);
    this.client = twilio(opts.accountSid, opts.authToken, official ? {} : { httpClient: new BaseUrlRequestClient(opts.apiBaseUrl) });
  }

  async send(message: OutgoingMessage): Promise<void> {
    const sender = this.opts.from.startsWith('MG') ? { messagingServiceSid: this.opts.from } : { from: this.opts.from };
    await this.client.messages.create({ to: message.to, body: message.text, ...sender });
  }
}
