import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { buildOpenApiDocument } from '../src/openapi';

/** Writes openapi.json at the repository root from the code, without a database. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', JWT_ACCESS_SECRET: 'x'.repeat(32), JWT_REFRESH_SECRET: 'y'.repeat(32) });
  const app = await createApp({ config, databaseUrl: 'postgres://unused@127.0.0.1:1/unused', withoutDatabase: true });
  await app.init();
  const document = buildOpenApiDocument(app);
  const file = join(process.cwd(), 'openapi.json');
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
