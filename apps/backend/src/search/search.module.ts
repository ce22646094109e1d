import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { createSearchClient, type Client } from '@jobportal/search';
import { APP_CONFIG } from '../config/config.module';

export const SEARCH_CLIENT = Symbol('SEARCH_CLIENT');

/** Index names as seen by the backend (aliases, with the configured prefix). */
@Injectable()
export class SearchIndices {
  readonly postings: string;
  readonly occupations: string;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.postings = `${config.elastic.indexPrefix}postings`;
    this.occupations = `${config.elastic.indexPrefix}occupations`;
  }
}

@Injectable()
class SearchClientCloser implements OnApplicationShutdown {
  constructor(@Inject(SEARCH_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown() {
    await this.client.close();
  }
}

/** The backend's only door to Elasticsearch. */
@Global()
@Module({
  providers: [
    {
      provide: SEARCH_CLIENT,
      inject: [APP_CONFIG],
      // maxRetries 0: a user request should fail fast with a 503, not hang through retries.
      useFactory: (config: AppConfig) =>
        createSearchClient({ node: config.elastic.node, requestTimeoutMs: config.elastic.requestTimeoutMs, maxRetries: 0 }),
    },
    SearchIndices,
    SearchClientCloser,
  ],
  exports: [SEARCH_CLIENT, SearchIndices],
})
export class SearchModule {}
