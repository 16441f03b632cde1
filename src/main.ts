import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { ensureSecrets } from './config/secrets';
import { prepareDatabase, PreparedDatabase } from './database/prepare-database';
import { createApp } from './app.factory';

const say = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = ensureSecrets(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const db: PreparedDatabase = await prepareDatabase(config, say);
  let stopping = false;
  const app = await createApp({ config, databaseUrl: db.url }).catch(async (error) => {
    await db.embedded?.stop();
    throw error;
  });

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, shutting down`);
    try {
      await app.close();
    } finally {
      await db.embedded?.stop();
      process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));

  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  say(`listening on ${url.replace('[::1]', 'localhost')} (API ${url}/api/v1, docs ${url}/docs)`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
