import { join, relative } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { seedDemoData } from './demo-data';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface PreparedDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
}

// Any constant works; it only has to be the same in every process of this app.
const MIGRATION_LOCK = 7_314_159;
const EMBEDDED_DB_NAME = 'repair_commerce';

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Gets a database ready before the app starts: the configured server, or an embedded one under
 * DATA_DIR; then migrations and demo data, under an advisory lock so that several processes
 * starting together do not race.
 */
export async function prepareDatabase(config: AppConfig, log: (msg: string) => void): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const started = await startEmbeddedPostgres(join(config.dataDir, 'pg'), { notice: log });
    embedded = started;
    url = await ensureDatabase(started.url, EMBEDDED_DB_NAME);
    log(`embedded PostgreSQL started on ${new URL(url).port} (data in ${relative(process.cwd(), started.dataDir) || '.'})`);
  }
  if (config.runMigrations || config.seedDemoData) {
    const ds = new DataSource(dataSourceOptions(url, { extra: { max: 2 } }));
    await ds.initialize();
    const lock = ds.createQueryRunner();
    try {
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      if (config.runMigrations) {
        const ran = await ds.runMigrations({ transaction: 'each' });
        if (ran.length) log(`applied migrations: ${ran.map((m) => m.name).join(', ')}`);
      }
      if (config.seedDemoData && (await ds.transaction((m) => seedDemoData(m, config)))) {
        log('seeded demo data');
      }
    } catch (error) {
      await embedded?.stop();
      throw error;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await lock.release();
      await ds.destroy();
    }
  }
  return { url, embedded };
}
