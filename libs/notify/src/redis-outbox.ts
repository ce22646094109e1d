import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
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
/** Development messages hold one-time codes: they expire rather than pile up. */
const TTL_S = 3600;

/**
 * Development only: every message the backend or the workers send, newest first, so the demo can
 * sign up without a phone and see digests. It lives in Redis (a list of ids plus one key per entry,
 * each with a TTL) so both processes write to the one outbox the backend shows.
 */
export class RedisOutbox {
  private readonly listKey: string;

  constructor(
    private readonly redis: Redis,
    readonly enabled: boolean,
    prefix: string,
  ) {
    this.listKey = `${prefix}:dev-outbox`;
  }

  async record(message: OutgoingMessage, delivery: OutboxEntry['delivery']): Promise<OutboxEntry | null> {
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
    await this.redis
      .multi()
      .set(this.entryKey(entry.id), JSON.stringify(entry), 'EX', TTL_S)
      .lpush(this.listKey, entry.id)
      .ltrim(this.listKey, 0, KEEP - 1)
      .expire(this.listKey, TTL_S)
      .exec();
    return entry;
  }

  async update(entry: OutboxEntry, delivery: OutboxEntry['delivery']): Promise<void> {
    entry.delivery = delivery;
    await this.redis.set(this.entryKey(entry.id), JSON.stringify(entry), 'KEEPTTL');
  }

  async list(): Promise<OutboxEntry[]> {
    const ids = await this.redis.lrange(this.listKey, 0, KEEP - 1);
    if (ids.length === 0) return [];
    const raw = await this.redis.mget(ids.map((id) => this.entryKey(id)));
    return raw.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as OutboxEntry);
  }

  private entryKey(id: string): string {
    return `${this.listKey}:${id}`;
  }
}
