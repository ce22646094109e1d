import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import type { SessionInfo } from '@jobportal/contracts';
import type { CookieOptions } from 'express';
import { IsNull, MoreThan, type EntityManager, type Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseGate } from '../database/database.module';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';

export const SESSION_COOKIE = 'jp_session';

/** last_seen_at is refreshed at most this often, so reading a page is not a write per request. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ActiveSession {
  session: Session;
  user: User;
}

/**
 * Server-side sessions: the signed, httpOnly cookie carries a random 256-bit token and the table
 * keeps its SHA-256, so logging out (or revoking from the account page) ends it everywhere at once.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates a session inside the caller's transaction; returns the cookie token. */
  async create(manager: EntityManager, userId: string, meta: { userAgent?: string; ip?: string }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await manager.insert(Session, {
      userId,
      tokenHash: hashToken(token),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs()),
    });
    return token;
  }

  async resolve(token: string): Promise<ActiveSession | null> {
    await this.gate.ready();
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    if (!session) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      session.lastSeenAt = new Date();
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return { session, user };
  }

  async revoke(userId: string, sessionId: string): Promise<boolean> {
    await this.gate.ready();
    const res = await this.sessions.update({ id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (res.affected ?? 0) > 0;
  }

  async list(userId: string, currentId: string): Promise<SessionInfo[]> {
    await this.gate.ready();
    const rows = await this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastSeenAt: 'DESC' },
    });
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      current: s.id === currentId,
    }));
  }

  cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.auth.secureCookies, signed: true, path: '/', maxAge: this.ttlMs() };
  }

  private ttlMs(): number {
    return this.config.auth.sessionTtlDays * 86_400_000;
  }
}
