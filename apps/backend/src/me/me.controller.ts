import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Me, SessionInfo, TotpEnrollment } from '@jobportal/contracts';
import { AccountErrorsInterceptor, invalidField } from '../auth/auth-errors';
import { toMe } from '../auth/auth.service';
import { MeDto } from '../auth/dto/code-challenge.dto';
import type { Session } from '../auth/entities/session.entity';
import type { User } from '../auth/entities/user.entity';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session.guard';
import { SessionService } from '../auth/session.service';
import { ApiError } from '../common/error-envelope.filter';
import { ConfirmTotpDto } from './dto/confirm-totp.dto';
import { SessionInfoDto, TotpEnrollmentDto } from './dto/account.dto';
import { TotpService } from './totp.service';

@ApiTags('me')
@ApiCookieAuth('jp_session')
@ApiUnauthorizedResponse({ description: 'No live session: code `unauthenticated`.' })
@Controller('me')
@UseGuards(SessionGuard)
@UseInterceptors(AccountErrorsInterceptor)
export class MeController {
  constructor(
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: User): Me {
    return toMe(user);
  }

  @Post('totp')
  @ApiOperation({ summary: 'Start authenticator-app enrollment: otpauth URI and QR code', description: 'Confirm with POST /api/me/totp/confirm.' })
  @ApiOkResponse({ type: TotpEnrollmentDto })
  @HttpCode(200)
  enrollTotp(@CurrentUser() user: User): Promise<TotpEnrollment> {
    return this.totp.enroll(user);
  }

  @Post('totp/confirm')
  @ApiOperation({ summary: 'Confirm the app with its current code; log-in may then use channel "app"' })
  @ApiOkResponse({ type: MeDto })
  @HttpCode(200)
  async confirmTotp(@CurrentUser() user: User, @Body() dto: ConfirmTotpDto): Promise<Me> {
    return toMe(await this.totp.confirm(user, dto.code));
  }

  @Delete('totp')
  @ApiOperation({ summary: 'Remove the authenticator app' })
  @ApiOkResponse({ type: MeDto })
  async disableTotp(@CurrentUser() user: User): Promise<Me> {
    return toMe(await this.totp.disable(user));
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Live sessions of this account' })
  @ApiOkResponse({ type: [SessionInfoDto] })
  listSessions(@CurrentUser() user: User, @CurrentSession() session: Session): Promise<SessionInfo[]> {
    return this.sessions.list(user.id, session.id);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a session (sign out that browser)' })
  @ApiNoContentResponse()
  async revokeSession(@CurrentUser() user: User, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => invalidField('id', 'must be a session id (a UUID)') })) id: string): Promise<void> {
    if (!(await this.sessions.revoke(user.id, id))) throw new ApiError(404, 'session_not_found', 'No such session.');
  }
}
