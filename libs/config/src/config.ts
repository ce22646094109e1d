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
  INGEST_BATCH_SIZE: int(500, 1, 10_000),
  INGEST_RETRY_ATTEMPTS: int(6, 1, 20),
  INGEST_RETRY_DELAY_MS: int(1000, 10, 60_000),
  INGEST_CONCURRENCY: int(1, 1, 16),
});

export interface AppConfig {
  app: { env: 'development' | 'test' | 'production'; port: number; host: string; frontendDir: string };
  elastic: { node: string; indexPrefix: string; requestTimeoutMs: number };
  redis: { url: string; queuePrefix: string };
  database: { url: string };
  data: { dir: string; quarantineDir: string; technologySkillsCsv: string };
  ingest: { batchSize: number; retryAttempts: number; retryInitialDelayMs: number; concurrency: number };
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
  const dataDir = resolve(e.DATA_DIR);
  return {
    app: { env: e.NODE_ENV, port: e.PORT, host: e.HOST, frontendDir: resolve(e.FRONTEND_DIR) },
    elastic: { node: e.ES_URL, indexPrefix: e.ES_INDEX_PREFIX, requestTimeoutMs: e.ES_REQUEST_TIMEOUT_MS },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    database: { url: e.DATABASE_URL },
    data: { dir: dataDir, quarantineDir: resolve(e.QUARANTINE_DIR), technologySkillsCsv: resolve(dataDir, 'onet/technology_skills.csv') },
    ingest: {
      batchSize: e.INGEST_BATCH_SIZE,
      retryAttempts: e.INGEST_RETRY_ATTEMPTS,
      retryInitialDelayMs: e.INGEST_RETRY_DELAY_MS,
      concurrency: e.INGEST_CONCURRENCY,
    },
  };
}
