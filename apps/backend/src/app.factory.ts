import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@jobportal/config';
import cookieParser from 'cookie-parser';
import { json, static as serveStatic, urlencoded, type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { ApiError, ErrorEnvelopeFilter } from './common/error-envelope.filter';
import { createValidationPipe, rejectMalformedText } from './common/validation';
import { mountBullBoard } from './queues/bull-board';
import { applyHttpSecurity } from './security/http-security';

/** Builds the HTTP application: used by main.ts and by the e2e tests, so both run the same app. */
export async function createApp(config: AppConfig, opts: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: opts.logger === false ? false : ['log', 'warn', 'error'],
    // Body parsers are registered below: Nest's own would be skipped once any JSON parser is mounted.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  app.setGlobalPrefix('api', { exclude: [{ path: '/', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.disable('x-powered-by');
  applyHttpSecurity(app, config);
  // Signed cookies: the session cookie is rejected if anyone but the server wrote it.
  app.use(cookieParser(config.auth.sessionSecret));
  // A full classify batch (1,000 titles with 5,000-character descriptions) runs to megabytes; every
  // other route keeps the default 100 kB (a parser leaves a body that an earlier one parsed alone).
  app.use('/api/classify', json({ limit: '16mb' }));
  app.use(json({ limit: '100kb' }));
  app.use(urlencoded({ extended: true, limit: '100kb' }));
  app.use(rejectMalformedText);

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Job portal API')
      .setDescription('Search real job postings, occupations and labor-market trends. Errors share one envelope: { statusCode, code, message, errors? }.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs-json' });

  // Outside /api (its own page and API), before the frontend's catch-all route would take the path.
  mountBullBoard(app);
  serveFrontend(app, config.app.frontendDir);
  return app;
}

const API_PATH = /^\/api(\/|$)/;

/**
 * The built Angular app is served from the same origin as the API. Any GET outside /api that is
 * not a file gets index.html, so deep links (/search?q=...) work on reload.
 */
function serveFrontend(app: NestExpressApplication, dir: string) {
  const index = join(dir, 'index.html');
  const http = app.getHttpAdapter().getInstance();
  if (!existsSync(index)) {
    new Logger('Frontend').warn(`No built frontend at ${dir}; run "npm run build:frontend" to serve the web app at /.`);
  }
  // Files only outside /api: mounted for every path, the static middleware looked for a file (an
  // fs.stat) on each API request first (600 ms of the API's ~10 s busy in a 25 s CPU profile
  // under the search mix, docs/benchmarks.md).
  const assets = serveStatic(dir, { index: false, maxAge: '1h' });
  http.use((req: Request, res: Response, next: NextFunction) => (API_PATH.test(req.path) ? next() : assets(req, res, next)));
  http.get(/^(?!\/api(\/|$)).*/, (req: Request, res: Response, next: NextFunction) => {
    if (!existsSync(index)) return next(new ApiError(404, 'frontend_not_built', 'The web app is not built; run "npm run build:frontend".'));
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
