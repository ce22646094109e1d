import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@jobportal/config';
import { createApp } from './app.factory';

async function bootstrap() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.app.port, config.app.host);
  new Logger('Backend').log(`Listening on http://127.0.0.1:${config.app.port} (API /api, docs /api/docs)`);
}

void bootstrap();
