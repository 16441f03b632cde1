import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { ensureSecrets } from './config/secrets';
import { EmbeddedPostgresAccessError } from './database/embedded-postgres';
import { prepareDatabase, PreparedDatabase } from './database/prepare-database';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { Lifecycle } from './health/lifecycle';

const say = (msg: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg })}\n`);

function within<T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  return Promise.race([work, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(0, ms)).unref())]);
}

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

  const running: { db?: PreparedDatabase; app?: NestFastifyApplication } = {};
  /**
   * SIGTERM/SIGINT: readiness turns 503 and new requests get a 503 at once; the requests already
   * running finish (up to SHUTDOWN_TIMEOUT_SECONDS); then the server closes, jobs stop between
   * batches, pools close, the embedded PostgreSQL stops, and the process exits 0 (1 when the
   * timeout cut something off). A second signal exits at once.
   */
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      say(`${signal} received again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    const { app, db } = running;
    if (!app) {
      say(`${signal} received while starting: stopping`);
      await db?.embedded?.stop();
      process.exit(0);
    }
    const lifecycle = app.get(Lifecycle);
    lifecycle.beginDrain();
    say(`${signal} received: draining, ${lifecycle.requestsInFlight} request(s) in flight`);
    const deadline = Date.now() + config.shutdownTimeoutSeconds * 1000;
    let code = 0;
    if (!(await lifecycle.whenIdle(deadline - Date.now()))) {
      say(`shutdown timeout: ${lifecycle.requestsInFlight} request(s) still in flight after ${config.shutdownTimeoutSeconds} s`);
      code = 1;
    }
    try {
      if ((await within(deadline - Date.now() + 5000, app.close())) === 'timeout') {
        say('shutdown timeout: the app did not close in time');
        code = 1;
      }
    } catch (error) {
      process.stderr.write(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    } finally {
      await db?.embedded?.stop();
      say(`stopped (exit code ${code})`);
      process.exit(code);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

  const db = (running.db = await prepareDatabase(config, say));
  const app = (running.app = await createApp({ config, databaseUrl: db.url }).catch(async (error) => {
    await db.embedded?.stop();
    throw error;
  }));
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  say(`listening on ${url.replace('[::1]', 'localhost')} (API ${url}/api/v1, docs ${url}/docs)`);
}

bootstrap().catch((error: unknown) => {
  // A clear one-line reason, without a stack trace, when the cause is known and fixable by the user.
  const known = error instanceof EmbeddedPostgresAccessError;
  process.stderr.write(`${known ? '' : 'Startup failed: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
