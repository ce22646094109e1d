import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RedisOutbox, type OutboxEntry } from '@jobportal/notify';
import { ApiError } from '../common/error-envelope.filter';

/**
 * Development only: the latest messages of the backend and the workers (RedisOutbox, shared
 * through Redis), so the demo can sign up without a phone and see alert digests.
 */
@ApiExcludeController()
@Controller('dev/outbox')
export class DevOutboxController {
  constructor(@Inject(RedisOutbox) private readonly outbox: RedisOutbox) {}

  @Get()
  async list(): Promise<{ messages: OutboxEntry[] }> {
    // Outside development the route does not exist, and says so exactly like any unknown route.
    if (!this.outbox.enabled) throw new ApiError(404, 'not_found', 'Cannot GET /api/dev/outbox');
    return { messages: await this.outbox.list() };
  }
}
