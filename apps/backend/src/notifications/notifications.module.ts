import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { APP_CONFIG } from '../config/config.module';
import { DevOutbox, DevOutboxController } from './dev-outbox';
import { MESSAGE_DELIVERY, type ChannelSender, type DeliveryChannel, type MessageDelivery, type OutgoingMessage } from './message-delivery';
import { SmtpEmailSender } from './smtp-email.sender';
import { TwilioSmsSender } from './twilio-sms.sender';

/** Routes each message to its channel's provider; in development also (or only) to the outbox. */
@Injectable()
export class ChannelDelivery implements MessageDelivery, OnApplicationShutdown {
  private readonly senders: Partial<Record<DeliveryChannel, ChannelSender>> = {};

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DevOutbox) private readonly outbox: DevOutbox,
  ) {
    if (config.notify.twilio) this.senders.sms = new TwilioSmsSender(config.notify.twilio);
    if (config.notify.smtpUrl) this.senders.email = new SmtpEmailSender(config.notify.smtpUrl, config.notify.mailFrom);
  }

  canSend(channel: DeliveryChannel): boolean {
    return Boolean(this.senders[channel]) || this.outbox.enabled;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const sender = this.senders[message.channel];
    if (!sender) {
      if (this.outbox.record(message, 'outbox only')) return;
      throw new Error(`${message.channel} delivery is not configured`);
    }
    const entry = this.outbox.record(message, 'pending');
    try {
      await sender.send(message);
      if (entry) entry.delivery = 'sent';
    } catch (err) {
      if (entry) entry.delivery = 'failed';
      throw err;
    }
  }

  onApplicationShutdown() {
    for (const sender of Object.values(this.senders)) sender.close?.();
  }
}

@Global()
@Module({
  controllers: [DevOutboxController],
  providers: [DevOutbox, ChannelDelivery, { provide: MESSAGE_DELIVERY, useExisting: ChannelDelivery }],
  exports: [MESSAGE_DELIVERY],
})
export class NotificationsModule {}
