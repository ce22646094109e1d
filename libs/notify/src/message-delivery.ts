/** The one port for SMS and e-mail: one-time codes (backend) and saved-search digests (workers). */
export const MESSAGE_DELIVERY = Symbol('MESSAGE_DELIVERY');

export type DeliveryChannel = 'sms' | 'email';

export interface OutgoingMessage {
  channel: DeliveryChannel;
  /** E.164 phone number or e-mail address. */
  to: string;
  /** E-mail subject (SMS ignores it). */
  subject: string;
  text: string;
  html?: string;
  /** What the message is, for the development outbox and logs. */
  kind: 'otp' | 'digest';
}

export interface MessageDelivery {
  /** False when the channel is not configured here (and this is not development, where the outbox takes it). */
  canSend(channel: DeliveryChannel): boolean;
  /** Resolves once the provider accepted the message; rejects with the provider's reason. */
  send(message: OutgoingMessage): Promise<void>;
}

/** A sender for one channel (Twilio for SMS, SMTP for e-mail). */
export interface ChannelSender {
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}
