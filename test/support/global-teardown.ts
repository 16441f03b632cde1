import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __embeddedPg?: EmbeddedDatabase }).__embeddedPg;
  if (server) {
    await server.stop();
    delete process.env.TEST_DATABASE_URL;
  }
}
