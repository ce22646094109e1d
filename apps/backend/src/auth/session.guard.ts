import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from '../common/error-envelope.filter';
import type { Session } from './entities/session.entity';
import type { User } from './entities/user.entity';
import { SESSION_COOKIE, SessionService } from './session.service';

interface AuthenticatedRequest extends Request {
  account?: { user: User; session: Session };
}

/** Lets a request through only with a live session cookie (signed, not revoked, not expired). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(SessionService) private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // cookie-parser leaves `false` for a cookie whose signature does not match.
    const token: unknown = req.signedCookies?.[SESSION_COOKIE];
    const active = typeof token === 'string' && token.length > 0 ? await this.sessions.resolve(token) : null;
    if (!active) throw new ApiError(401, 'unauthenticated', 'Log in to continue.');
    req.account = active;
    return true;
  }
}

/** The signed-in user (behind SessionGuard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().account!.user;
});

/** The current session (behind SessionGuard). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): Session => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().account!.session;
});
