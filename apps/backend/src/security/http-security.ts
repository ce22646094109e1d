import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@jobportal/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { ErrorEnvelope } from '../common/error-envelope.filter';

/**
 * Angular's critical-CSS inlining loads the full stylesheet with `media="print" onload="this.media='all'"`.
 * That one event handler is allowed by its hash ('unsafe-hashes' covers handler attributes only for
 * the listed hashes), so no other inline script can run.
 */
const STYLESHEET_ONLOAD_HASH = `'sha256-${createHash('sha256').update("this.media='all'").digest('base64')}'`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers (helmet, with a CSP the built Angular app and Swagger UI run under), CORS for the
 * configured origins only, and the CSRF origin check. Registered before any route.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'base-uri': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'script-src': ["'self'", "'unsafe-hashes'", STYLESHEET_ONLOAD_HASH],
          'script-src-attr': ["'unsafe-hashes'", STYLESHEET_ONLOAD_HASH],
          // Angular components and ngx-charts set inline styles; styles cannot run code.
          'style-src': ["'self'", "'unsafe-inline'"],
          // Swagger UI renders its logo and schema icons as data: URIs.
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          ...(config.security.hsts ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      // Plain-http development and tests would pin browsers to https for a year; only behind https.
      strictTransportSecurity: config.security.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const trusted = new Set(config.security.corsOrigins);
  if (trusted.size > 0) {
    app.enableCors({
      origin: (origin, cb) => cb(null, origin !== undefined && trusted.has(origin)),
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  app.use(csrfOriginCheck(config));
}

/**
 * CSRF defence for cookie sessions (OWASP: verify the source origin, plus SameSite cookies): a
 * state-changing request that a browser marks as coming from another site is refused. Browsers
 * send Origin (and Sec-Fetch-Site) on every cross-origin POST/PUT/PATCH/DELETE; clients that send
 * neither (curl, server-to-server) are not browsers and cannot carry a victim's cookie, so they
 * pass. See docs/security.md.
 */
export function csrfOriginCheck(config: AppConfig) {
  const trusted = new Set(config.security.corsOrigins);
  const publicOrigin = safeOrigin(config.notify.publicUrl);
  if (publicOrigin) trusted.add(publicOrigin);
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    if (origin !== undefined) {
      if (origin !== 'null' && (trusted.has(origin) || sameHost(origin, req.get('host')))) return next();
      return reject(res, `Origin ${origin} is not this site`);
    }
    // No Origin: only Sec-Fetch-Site can tell (some browsers omit Origin on same-origin requests).
    if (site === 'cross-site' || site === 'same-site') return reject(res, `Sec-Fetch-Site is ${site}`);
    return next();
  };
}

/** Answered here, in the envelope: plain middleware runs outside Nest's exception filters. */
function reject(res: Response, why: string): void {
  const body: ErrorEnvelope = {
    statusCode: 403,
    code: 'csrf_rejected',
    message: `Cross-site request refused (${why}). Call the API from the web app's own origin, or add yours to CORS_ORIGINS.`,
  };
  res.status(403).json(body);
}

/** The app's own origin: the Host it was reached at (a proxy in front may terminate TLS, so the scheme is not compared). */
function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
