import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@jobportal/contracts';
import { ApiError } from '../common/error-envelope.filter';
import type { User } from './entities/user.entity';
import { SessionGuard } from './session.guard';

const ROLES_KEY = 'jobportal:roles';

/**
 * A live session whose account holds one of the roles named by @RequireRoles on the handler or
 * its controller: 401 `unauthenticated` without a session, 403 `forbidden_role` with one that
 * lacks the role (roles are not secret, so saying which one is needed reveals nothing).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    @Inject(SessionGuard) private readonly session: SessionGuard,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.session.canActivate(context);
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const user = context.switchToHttp().getRequest<{ account: { user: User } }>().account.user;
    if (needed.length && !needed.some((r) => user.roles?.includes(r))) {
      throw new ApiError(403, 'forbidden_role', `This needs the ${needed.join(' or ')} role. An operator grants it with: npm run user:grant -- --phone <phone> --role ${needed[0]}`);
    }
    return true;
  }
}

/** Signed-in users holding any of `roles` only (see RolesGuard). CurrentUser works behind it. */
export function RequireRoles(...roles: [Role, ...Role[]]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(RolesGuard),
    ApiCookieAuth('jp_session'),
    ApiUnauthorizedResponse({ description: 'No live session: code `unauthenticated`.' }),
    ApiForbiddenResponse({ description: `Signed in without the ${roles.join(' or ')} role: code \`forbidden_role\`.` }),
  );
}
