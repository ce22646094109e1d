import type twilio from 'twilio';
import type { ChannelSender, OutgoingMessage } from './message-delivery';
import { twilioClient } from './twilio-client';

/** SMS through Twilio's Messages API with the official SDK. */
export class TwilioSmsSender implements ChannelSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly opts: { accountSid: string; authToken: string; from: string; apiBaseUrl: string }) {
    this.client = twilioClient(opts);
  }

  async send(message: OutgoingMessage): Promise<void> {
    const sender = this.opts.from.startsWith('MG') ? { messagingServiceSid: this.opts.from } : { from: this.opts.from };
    await this.client.messages.create({ to: message.to, body: message.text, ...sender });
  }
}
