import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppConfig } from '@jobportal/config';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import type { OutgoingMessage } from './message-delivery';

export interface OutboxEntry {
  id: string;
  channel: OutgoingMessage['channel'];
  to: string;
  subject: string;
  text: string;
  kind: OutgoingMessage['kind'];
  /** The delivery outcome: "outbox only" when the channel has no provider configured. */
  delivery: 'sent' | 'failed' | 'outbox only' | 'pending';
  at: string;
}

const KEEP = 50;

/**
 * Development only: every message the API sends, newest first, so the demo can sign up without a
 * phone. It lives in memory and is never filled outside NODE_ENV=development.
 */
@Injectable()
export class DevOutbox {
  readonly enabled: boolean;
  private readonly entries: OutboxEntry[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.app.env === 'development';
  }

  record(message: OutgoingMessage, delivery: OutboxEntry['delivery']): OutboxEntry | null {
    if (!this.enabled) return null;
    const entry: OutboxEntry = {
      id: randomUUID(),
      channel: message.channel,
      to: message.to,
      subject: message.subject,
      text: message.text,
      kind: message.kind,
      delivery,
      at: new Date().toISOString(),
    };
    this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, KEEP);
    return entry;
  }

  list(): OutboxEntry[] {
    return [...this.entries];
  }
}

@ApiExcludeController()
@Controller('dev/outbox')
export class DevOutboxController {
  constructor(@Inject(DevOutbox) private readonly outbox: DevOutbox) {}

  @Get()
  list(): { messages: OutboxEntry[] } {
    // Outside development the route does not exist, and says so exactly like any unknown route.
    if (!this.outbox.enabled) throw new ApiError(404, 'not_found', 'Cannot GET /api/dev/outbox');
    return { messages: this.outbox.list() };
  }
}
