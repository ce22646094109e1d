import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@jobportal/search';
import { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { SEARCH_CLIENT } from '../search/search.module';

export type ServiceName = 'elasticsearch' | 'redis' | 'postgres';

export interface ServiceHealth {
  status: 'up' | 'down';
  latencyMs: number;
  detail?: string;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Present when degraded, for clients that only read the error envelope's code. */
  code?: 'dependency_unavailable';
  down: ServiceName[];
  services: Record<ServiceName, ServiceHealth>;
  checkedAt: string;
}

const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  async check(): Promise<HealthReport> {
    const [elasticsearch, redis, postgres] = await Promise.all([
      this.probe(async () => {
        const h = await this.es.cluster.health({ timeout: '2s' }, { requestTimeout: CHECK_TIMEOUT_MS, maxRetries: 0 });
        if (h.status === 'red') throw new Error('cluster status is red');
        return `cluster ${h.cluster_name} is ${h.status}`;
      }),
      this.probe(async () => {
        if (this.redis.status !== 'ready') await this.redisReady(1500);
        return `PING ${await this.redis.ping()}`;
      }),
      this.probe(async () => {
        if (!this.db.isInitialized) await this.db.initialize();
        await this.db.query('SELECT 1');
        return 'SELECT 1 ok';
      }),
    ]);
    const services = { elasticsearch, redis, postgres };
    const down = (Object.keys(services) as ServiceName[]).filter((k) => services[k].status === 'down');
    return {
      status: down.length === 0 ? 'ok' : 'degraded',
      ...(down.length > 0 ? { code: 'dependency_unavailable' as const } : {}),
      down,
      services,
      checkedAt: new Date().toISOString(),
    };
  }

  /** A connection that is (re)connecting gets a moment to finish before Redis is reported down. */
  private redisReady(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onReady = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`connection is ${this.redis.status}`));
      }, ms);
      this.redis.once('ready', onReady);
    });
  }

  private async probe(fn: () => Promise<string>): Promise<ServiceHealth> {
    const start = Date.now();
    try {
      const detail = await withTimeout(fn(), CHECK_TIMEOUT_MS);
      return { status: 'up', latencyMs: Date.now() - start, detail };
    } catch (err) {
      return { status: 'down', latencyMs: Date.now() - start, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
