import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelSender, OutgoingMessage } from './message-delivery';

/** E-mail through any SMTP server (nodemailer). */
export class SmtpEmailSender implements ChannelSender {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
  }

  close(): void {
    this.transport.close();
  }
}
