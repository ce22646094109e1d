import type { AppConfig } from '@jobportal/config';
import type { ChannelSender, DeliveryChannel, MessageDelivery, OutgoingMessage } from './message-delivery';
import type { RedisOutbox } from './redis-outbox';
import { SmtpEmailSender } from './smtp-email.sender';
import { TwilioSmsSender } from './twilio-sms.sender';

/** Routes each message to its channel's provider; in development also (or only) to the outbox. */
export class ChannelDelivery implements MessageDelivery {
  private readonly senders: Partial<Record<DeliveryChannel, ChannelSender>> = {};

  constructor(
    notify: AppConfig['notify'],
    private readonly outbox: RedisOutbox | null,
  ) {
    if (notify.twilio) this.senders.sms = new TwilioSmsSender(notify.twilio);
    if (notify.smtpUrl) this.senders.email = new SmtpEmailSender(notify.smtpUrl, notify.mailFrom);
  }

  canSend(channel: DeliveryChannel): boolean {
    return Boolean(this.senders[channel]) || Boolean(this.outbox?.enabled);
  }

  async send(message: OutgoingMessage): Promise<void> {
    const sender = this.senders[message.channel];
    // The outbox is a development aid: when Redis is down the message still goes out.
    const record = (delivery: 'pending' | 'outbox only') => this.outbox?.record(message, delivery).catch(() => null) ?? Promise.resolve(null);
    if (!sender) {
      if (await record('outbox only')) return;
      throw new Error(`${message.channel} delivery is not configured`);
    }
    const entry = await record('pending');
    try {
      await sender.send(message);
      if (entry) await this.outbox?.update(entry, 'sent').catch(() => undefined);
    } catch (err) {
      if (entry) await this.outbox?.update(entry, 'failed').catch(() => undefined);
      throw err;
    }
  }

  close(): void {
    for (const sender of Object.values(this.senders)) sender.close?.();
  }
}
