import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@jobportal/config';
import { verifyUnsubscribeToken } from '@jobportal/notify';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseGate } from '../database/database.module';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The unsubscribe link of alert messages: pauses one saved search, no session needed (the token is HMAC-signed). */
@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  @Get('unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Pause the alerts of one saved search (the link in every alert message)' })
  @ApiOkResponse({ description: 'An HTML page saying the alerts are paused (also when they already were)' })
  @ApiBadRequestResponse({ description: 'invalid_token' })
  @ApiNotFoundResponse({ description: 'saved_search_not_found: the search was deleted' })
  async unsubscribe(@Query('token') token?: string): Promise<string> {
    const id = typeof token === 'string' ? verifyUnsubscribeToken(this.config.auth.sessionSecret, token) : null;
    if (!id) throw new ApiError(400, 'invalid_token', 'This unsubscribe link is malformed or was not issued by us.', [{ field: 'token', reason: 'invalid' }]);
    await this.gate.ready();
    const rows = (await this.db.query(`UPDATE saved_searches SET paused = true, updated_at = now() WHERE id = $1 RETURNING name`, [id])) as [Array<{ name: string }>, number];
    const name = rows[0][0]?.name;
    if (name === undefined) throw new ApiError(404, 'saved_search_not_found', 'That saved search no longer exists.');
    const manage = `${this.config.notify.publicUrl}/saved`;
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alerts paused</title></head><body><h1>Alerts paused</h1><p>You will get no more alerts for the saved search &ldquo;${escapeHtml(name)}&rdquo;.</p><p><a href="${escapeHtml(manage)}">Manage your saved searches</a></p></body></html>`;
  }
}
