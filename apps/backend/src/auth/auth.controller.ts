import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { CodeChallenge, Me } from '@jobportal/contracts';
import type { Request, Response } from 'express';
import { AccountErrorsInterceptor } from './auth-errors';
import { AuthService, toMe, type ClientMeta } from './auth.service';
import { CodeChallengeDto, MeDto } from './dto/code-challenge.dto';
import { LoginDto } from './dto/login.dto';
import { ResendCodeDto } from './dto/resend-code.dto';
import { SignupDto } from './dto/signup.dto';
import { VerifyCodeDto } from './dto/verify-code.dto';
import { SESSION_COOKIE, SessionService } from './session.service';

function clientMeta(req: Request): ClientMeta {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? undefined };
}

@ApiTags('auth')
@Controller('auth')
@UseInterceptors(AccountErrorsInterceptor)
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  @Post('signup')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a sign-up code by SMS', description: 'For a phone that already has an account, a log-in code is sent instead; the answer is the same.' })
  @ApiAcceptedResponse({ type: CodeChallengeDto })
  @ApiTooManyRequestsResponse({ description: 'Rate limited or locked out; see Retry-After.' })
  signup(@Body() dto: SignupDto, @Req() req: Request): Promise<CodeChallenge> {
    return this.auth.signup(dto, clientMeta(req));
  }

  @Post('login')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a log-in code (or expect one from the authenticator app)', description: 'Known and unknown accounts get the same answer.' })
  @ApiAcceptedResponse({ type: CodeChallengeDto })
  @ApiTooManyRequestsResponse({ description: 'Rate limited or locked out; see Retry-After.' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<CodeChallenge> {
    return this.auth.login(dto, clientMeta(req));
  }

  @Post('resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a new code for a challenge (after the cooldown)' })
  @ApiAcceptedResponse({ type: CodeChallengeDto })
  @ApiTooManyRequestsResponse({ description: 'Inside the cooldown; see Retry-After.' })
  resend(@Body() dto: ResendCodeDto, @Req() req: Request): Promise<CodeChallenge> {
    return this.auth.resend(dto.challengeId, clientMeta(req));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a code; activates the account on sign-up and starts a session (cookie)' })
  @ApiOkResponse({ type: MeDto })
  async verify(@Body() dto: VerifyCodeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Me> {
    const { user, token } = await this.auth.verify(dto, clientMeta(req));
    res.cookie(SESSION_COOKIE, token, this.sessions.cookieOptions());
    return toMe(user);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session (revoked on the server) and clear the cookie' })
  @ApiNoContentResponse()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token: unknown = req.signedCookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token) {
      const active = await this.sessions.resolve(token);
      if (active) await this.sessions.revoke(active.user.id, active.session.id);
    }
    const { maxAge: _maxAge, signed: _signed, ...options } = this.sessions.cookieOptions();
    res.clearCookie(SESSION_COOKIE, options);
  }
}
