import { resolve } from 'node:path';
import { z } from 'zod';

/** The repository root, found from this file (libs/config/{src,dist}/config.*). */
export const REPO_ROOT = resolve(__dirname, '../../..');

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}://`)), { message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}` });

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/** Every environment variable the system reads, with its default and its rule. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(3000, 1, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  FRONTEND_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'apps/frontend/dist/browser')),
  ES_URL: url(['http', 'https']).default('http://127.0.0.1:9200'),
  ES_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_" only (Elasticsearch index names)')
    .default(''),
  ES_REQUEST_TIMEOUT_MS: int(10_000, 100, 600_000),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('jobportal'),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/jobportal'),
  DATA_DIR: z.string().min(1).default(resolve(REPO_ROOT, '../shared/data')),
  QUARANTINE_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'quarantine')),
  MODEL_DIR: z.string().min(1).default(resolve(REPO_ROOT, '.cache/models')),
  INGEST_BATCH_SIZE: int(500, 1, 10_000),
  INGEST_RETRY_ATTEMPTS: int(6, 1, 20),
  INGEST_RETRY_DELAY_MS: int(1000, 10, 60_000),
  INGEST_CONCURRENCY: int(1, 1, 16),
  // Accounts (issue 4). Secrets have development defaults only outside production (see loadConfig).
  PUBLIC_URL: url(['http', 'https']).optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_TTL_DAYS: int(30, 1, 365),
  OTP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes as 64 hex characters (openssl rand -hex 32)')
    .optional(),
  OTP_TTL_S: int(600, 30, 3600),
  OTP_MAX_ATTEMPTS: int(5, 1, 20),
  OTP_RESEND_COOLDOWN_S: int(60, 0, 3600),
  AUTH_IDENTIFIER_LIMIT: int(5, 1, 1000),
  AUTH_IP_LIMIT: int(30, 1, 100_000),
  AUTH_FAILURE_LIMIT: int(10, 1, 1000),
  AUTH_RATE_WINDOW_S: int(900, 1, 86_400),
  AUTH_LOCKOUT_S: int(900, 1, 86_400),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be "AC" followed by 32 hex characters').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, 'must be an E.164 number (+15551234567) or a Messaging Service SID (MG...)')
    .optional(),
  TWILIO_VERIFY_SERVICE_SID: z.string().regex(/^VA[0-9a-fA-F]{32}$/, 'must be "VA" followed by 32 hex characters (a Verify Service SID)').optional(),
  TWILIO_API_BASE_URL: url(['http', 'https']).default('https://api.twilio.com'),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  MAIL_FROM: z.string().min(3).default('Job portal <no-reply@jobportal.localhost>'),
  // Security and reliability (issue 12). CORS_ORIGINS: comma-separated origins (scheme://host[:port])
  // that may call the API from another origin; the same list passes the CSRF origin check.
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'each origin must be scheme://host[:port], with no path or trailing slash (e.g. https://jobs.example.com)'))),
  // How long a worker holds an ingest job without renewing its lock before another worker takes it
  // over (a worker killed mid-batch): BullMQ's lockDuration, also its stalled-job check interval.
  INGEST_LOCK_MS: int(30_000, 1_000, 600_000),
  // Backups (npm run backup / restore): the PostgreSQL dumps and manifests go to BACKUP_DIR; the
  // Elasticsearch snapshot goes to an fs repository at ES_SNAPSHOT_LOCATION, under the node's path.repo.
  BACKUP_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'backups')),
  ES_SNAPSHOT_LOCATION: z.string().min(1).default('jobportal'),
  // Crawlers (issue 10): politeness per host; see docs/crawling.md.
  CRAWL_USER_AGENT: z.string().min(3).default('JobPortalBot/0.1'),
  CRAWL_CONTACT_URL: url(['http', 'https']).default('https://jobportal.localhost/crawler'),
  CRAWL_MAX_BODY_BYTES: int(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  CRAWL_TIMEOUT_MS: int(15_000, 100, 120_000),
  CRAWL_MAX_REDIRECTS: int(5, 0, 20),
  CRAWL_HOST_RATE_PER_S: z.coerce.number().positive().max(1000).default(1),
  CRAWL_HOST_BURST: int(2, 1, 1000),
  CRAWL_MAX_RETRIES: int(3, 0, 10),
  CRAWL_BACKOFF_BASE_MS: int(1000, 1, 600_000),
  CRAWL_BACKOFF_MAX_MS: int(60_000, 1, 3_600_000),
  CRAWL_BREAKER_THRESHOLD: int(5, 1, 100),
  CRAWL_BREAKER_COOLDOWN_MS: int(300_000, 100, 86_400_000),
  CRAWL_SOURCES_FILE: z.string().min(1).default('data/crawl-sources.json'),
  // Liveness: re-checks of live pages and the validThrough sweep (docs/crawling.md, "Expiry rules").
  CRAWL_RECHECK_CRON: z.string().regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression ("0 */6 * * *")').default('30 */6 * * *'),
  CRAWL_RECHECK_BATCH: int(200, 1, 10_000),
  CRAWL_SWEEP_CRON: z.string().regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression ("15 * * * *")').default('15 * * * *'),
  // render: true sources (puppeteer-core driving Debian's Chromium).
  CRAWL_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  CRAWL_RENDER_PAGES: int(2, 1, 16),
  // Issue 9 (careers): resume and free-text matching requests per client IP per window.
  CAREERS_IP_LIMIT: int(30, 1, 100_000),
  CAREERS_RATE_WINDOW_S: int(60, 1, 86_400),
});

/** Fixed development-only values, never accepted in production (see loadConfig). */
const DEV_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production';
const DEV_OTP_ENCRYPTION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export interface AppConfig {
  app: { env: 'development' | 'test' | 'production'; port: number; host: string; frontendDir: string };
  elastic: { node: string; indexPrefix: string; requestTimeoutMs: number };
  redis: { url: string; queuePrefix: string };
  database: { url: string };
  data: { dir: string; quarantineDir: string; technologySkillsCsv: string };
  /** Trained model artifacts (the occupation classifier), git-ignored; rebuilt by `npm run train:classifier`. */
  models: { dir: string };
  ingest: { batchSize: number; retryAttempts: number; retryInitialDelayMs: number; concurrency: number; lockMs: number };
  /** Issue 12: origins trusted for CORS and CSRF (the app's own origin is always trusted); HSTS only behind https. */
  security: { corsOrigins: string[]; hsts: boolean };
  /** Issue 12: where `npm run backup` writes (see docs/operations.md). */
  backup: { dir: string; esLocation: string };
  auth: {
    /** Signs the session cookie. */
    sessionSecret: string;
    sessionTtlDays: number;
    /** Secure cookies (HTTPS only): production. */
    secureCookies: boolean;
    /** AES-256-GCM key for OTP and authenticator secrets at rest (32 bytes, hex). */
    otpEncryptionKey: string;
    otpTtlS: number;
    otpMaxAttempts: number;
    resendCooldownS: number;
    /** Codes sent per phone/e-mail per window. */
    identifierLimit: number;
    /** Code requests per client IP per window. */
    ipLimit: number;
    /** Wrong codes per phone/e-mail per window before it is locked out. */
    failureLimit: number;
    rateWindowS: number;
    lockoutS: number;
  };
  notify: {
    /** Base URL of the web app, for links in messages. */
    publicUrl: string;
    /** Messages API (digests, and codes unless Verify is set). null: SMS messages are not configured (development then only fills the outbox). */
    twilio: { accountSid: string; authToken: string; from: string; apiBaseUrl: string } | null;
    /** Twilio Verify for SMS one-time codes (Verify makes, sends and checks them). null: codes are ours (otplib) and go out as messages. */
    twilioVerify: { accountSid: string; authToken: string; serviceSid: string; apiBaseUrl: string } | null;
    /** null: e-mail is not configured (development then only fills the outbox). */
    smtpUrl: string | null;
    mailFrom: string;
  };
  /** Crawlers (issue 10): the fetcher's politeness per host (docs/crawling.md). */
  crawl: {
    /** Sent as "<userAgent> (+<contactUrl>)" so a site owner can reach us. */
    userAgent: string;
    contactUrl: string;
    maxBodyBytes: number;
    timeoutMs: number;
    maxRedirects: number;
    hostRatePerS: number;
    hostBurst: number;
    maxRetries: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    breakerThreshold: number;
    breakerCooldownMs: number;
    /** The configured sources (data/crawl-sources.json); the workers schedule the enabled ones. */
    sourcesFile: string;
    /** When live pages are re-checked, and how many per source each time (least recently checked first). */
    recheckCron: string;
    recheckBatch: number;
    /** When crawled postings past their validThrough are expired. */
    sweepCron: string;
    /** The browser for render: true sources, and how many pages it renders at once. */
    chromiumPath: string;
    renderPages: number;
  };
  /** Issue 9: rate limit of POST /api/careers/from-resume and /from-text, per client IP. */
  careers: { ipLimit: number; rateWindowS: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; reason: string }>) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}\n` +
        'Fix these environment variables (see README "Configuration") and start again.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once, at boot, into typed namespaces. This is the only place in the
 * code base that reads process.env; everything else receives an AppConfig.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings mean "not set" (a common shell/compose artefact), so the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), reason: i.message })));
  }
  const e = parsed.data;
  const problems: Array<{ variable: string; reason: string }> = [];
  const production = e.NODE_ENV === 'production';
  if (production) {
    for (const v of ['SESSION_SECRET', 'OTP_ENCRYPTION_KEY', 'PUBLIC_URL'] as const) {
      if (!e[v]) problems.push({ variable: v, reason: 'is required when NODE_ENV=production' });
    }
    if (e.SESSION_SECRET === DEV_SESSION_SECRET) problems.push({ variable: 'SESSION_SECRET', reason: 'is the development value' });
    if (e.OTP_ENCRYPTION_KEY?.toLowerCase() === DEV_OTP_ENCRYPTION_KEY) problems.push({ variable: 'OTP_ENCRYPTION_KEY', reason: 'is the development value' });
  }
  // Twilio needs its credentials, and something to send codes with: a sender for the Messages API
  // (TWILIO_FROM) or a Verify service. With Verify, TWILIO_FROM is needed only for SMS digests.
  const twilioGiven = (['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'TWILIO_VERIFY_SERVICE_SID'] as const).filter((v) => e[v]);
  if (twilioGiven.length > 0) {
    const required: Array<'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM'> = e.TWILIO_VERIFY_SERVICE_SID
      ? ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']
      : ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'];
    for (const v of required.filter((v) => !e[v])) {
      const reason = `is required with ${twilioGiven.join(', ')}`;
      problems.push({ variable: v, reason: v === 'TWILIO_FROM' ? `${reason} (or set TWILIO_VERIFY_SERVICE_SID to send codes with Twilio Verify)` : reason });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = resolve(e.DATA_DIR);
  return {
    app: { env: e.NODE_ENV, port: e.PORT, host: e.HOST, frontendDir: resolve(e.FRONTEND_DIR) },
    elastic: { node: e.ES_URL, indexPrefix: e.ES_INDEX_PREFIX, requestTimeoutMs: e.ES_REQUEST_TIMEOUT_MS },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    database: { url: e.DATABASE_URL },
    data: { dir: dataDir, quarantineDir: resolve(e.QUARANTINE_DIR), technologySkillsCsv: resolve(dataDir, 'onet/technology_skills.csv') },
    models: { dir: resolve(e.MODEL_DIR) },
    ingest: {
      batchSize: e.INGEST_BATCH_SIZE,
      retryAttempts: e.INGEST_RETRY_ATTEMPTS,
      retryInitialDelayMs: e.INGEST_RETRY_DELAY_MS,
      concurrency: e.INGEST_CONCURRENCY,
      lockMs: e.INGEST_LOCK_MS,
    },
    security: { corsOrigins: e.CORS_ORIGINS, hsts: (e.PUBLIC_URL ?? '').startsWith('https://') },
    backup: { dir: resolve(e.BACKUP_DIR), esLocation: e.ES_SNAPSHOT_LOCATION },
    auth: {
      sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      sessionTtlDays: e.SESSION_TTL_DAYS,
      secureCookies: production,
      otpEncryptionKey: e.OTP_ENCRYPTION_KEY ?? DEV_OTP_ENCRYPTION_KEY,
      otpTtlS: e.OTP_TTL_S,
      otpMaxAttempts: e.OTP_MAX_ATTEMPTS,
      resendCooldownS: e.OTP_RESEND_COOLDOWN_S,
      identifierLimit: e.AUTH_IDENTIFIER_LIMIT,
      ipLimit: e.AUTH_IP_LIMIT,
      failureLimit: e.AUTH_FAILURE_LIMIT,
      rateWindowS: e.AUTH_RATE_WINDOW_S,
      lockoutS: e.AUTH_LOCKOUT_S,
    },
    notify: {
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      twilio:
        e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM
          ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, '') }
          : null,
      twilioVerify:
        e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_VERIFY_SERVICE_SID
          ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, serviceSid: e.TWILIO_VERIFY_SERVICE_SID, apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, '') }
          : null,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
    },
    crawl: {
      userAgent: e.CRAWL_USER_AGENT,
      contactUrl: e.CRAWL_CONTACT_URL,
      maxBodyBytes: e.CRAWL_MAX_BODY_BYTES,
      timeoutMs: e.CRAWL_TIMEOUT_MS,
      maxRedirects: e.CRAWL_MAX_REDIRECTS,
      hostRatePerS: e.CRAWL_HOST_RATE_PER_S,
      hostBurst: e.CRAWL_HOST_BURST,
      maxRetries: e.CRAWL_MAX_RETRIES,
      backoffBaseMs: e.CRAWL_BACKOFF_BASE_MS,
      backoffMaxMs: e.CRAWL_BACKOFF_MAX_MS,
      breakerThreshold: e.CRAWL_BREAKER_THRESHOLD,
      breakerCooldownMs: e.CRAWL_BREAKER_COOLDOWN_MS,
      sourcesFile: resolve(e.CRAWL_SOURCES_FILE),
      recheckCron: e.CRAWL_RECHECK_CRON,
      recheckBatch: e.CRAWL_RECHECK_BATCH,
      sweepCron: e.CRAWL_SWEEP_CRON,
      chromiumPath: e.CRAWL_CHROMIUM_PATH,
      renderPages: e.CRAWL_RENDER_PAGES,
    },
    careers: { ipLimit: e.CAREERS_IP_LIMIT, rateWindowS: e.CAREERS_RATE_WINDOW_S },
  };
}
