import { Global, Module } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@jobportal/config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated AppConfig; tests pass their own to override it. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = loadConfig()) {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
