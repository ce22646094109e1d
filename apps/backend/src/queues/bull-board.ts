import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE, SessionService } from '../auth/session.service';
import { ApiError, type ErrorEnvelope } from '../common/error-envelope.filter';
import type Redis from 'ioredis';
import { BULL_CONNECTION, BULL_QUEUES, type BullQueues } from './queues.module';

export const BULL_BOARD_PATH = '/admin/queues';

function send(res: Response, body: ErrorEnvelope): void {
  if (body.statusCode === 503) res.setHeader('Retry-After', '5');
  res.status(body.statusCode).json(body);
}

/**
 * The operator rule of the API (RolesGuard: 401 `unauthenticated`, 403 `forbidden_role`) for an
 * Express router that Nest's guards do not reach. A browser asking for the page without a session
 * is sent to the login page, which brings it back here.
 */
export function requireOperator(sessions: SessionService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token: unknown = req.signedCookies?.[SESSION_COOKIE];
    const resolved = typeof token === 'string' && token.length > 0 ? sessions.resolve(token) : Promise.resolve(null);
    resolved.then(
      (active) => {
        if (!active) {
          if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') return res.redirect(302, `/login?returnUrl=${encodeURIComponent(req.originalUrl)}`);
          return send(res, { statusCode: 401, code: 'unauthenticated', message: 'Log in to continue.' });
        }
        if (!active.user.roles?.includes('operator')) {
          return send(res, { statusCode: 403, code: 'forbidden_role', message: 'This needs the operator role. An operator grants it with: npm run user:grant -- --phone <phone> --role operator' });
        }
        next();
      },
      (err: unknown) => {
        // PostgreSQL away: the session cannot be checked (DatabaseGate's 503), never let through.
        if (err instanceof ApiError) return send(res, err.getResponse() as ErrorEnvelope);
        send(res, { statusCode: 503, code: 'database_unavailable', message: 'The account database is temporarily unavailable; try again in a few seconds.' });
      },
    );
  };
}

/**
 * Bull Board at /admin/queues over every queue of the app (ingest, notifications, maintenance,
 * crawl), for operators only. Its page loads its scripts and styles from its own static folder
 * (same origin), so the app's helmet CSP needs no exception; the UI's Google Fonts stylesheet is
 * refused by that CSP and the page falls back to system fonts.
 */
export function mountBullBoard(app: NestExpressApplication): void {
  const queues = app.get<BullQueues>(BULL_QUEUES);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Job portal queues' } },
  });
  const connection = app.get<Redis>(BULL_CONNECTION);
  // BullMQ waits for a lost connection instead of failing: the board's API would hang, so answer at once.
  const redisUp = (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/') || connection.status === 'ready') return next();
    send(res, { statusCode: 503, code: 'queue_unavailable', message: 'Redis (the queues) is not reachable; try again shortly.' });
  };
  app.use(BULL_BOARD_PATH, requireOperator(app.get(SessionService)), redisUp, adapter.getRouter());
}
