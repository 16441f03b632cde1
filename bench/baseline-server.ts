import Fastify from 'fastify';
import { Pool } from 'pg';
import {
  pgQuery,
  productByIdQuery,
  runProductSearch,
} from '../src/modules/catalog/infrastructure/product-search.query';
import {
  SEARCH_VOCABULARY_CHANNEL,
  SearchVocabularyCache,
} from '../src/modules/catalog/infrastructure/search-vocabulary.cache';
import { PgNotificationListener } from '../src/shared/infrastructure/pg-notification-listener';
import { criteriaOf } from './lib/criteria';

/**
 * The baseline the app is compared with: bare Fastify + a pg Pool (max 20, like the app's)
 * running exactly the SQL the app runs, with no Nest, validation, guards, mapping or logging.
 * Started by bench/run.ts as a child process: DATABASE_URL, PORT.
 */
const CONSTANT = {
  id: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11',
  email: 'customer@example.com',
  fullName: 'Carla Customer',
  phone: null,
  address: '221B Baker Street, London NW1 6XE',
  role: 'customer',
  isActive: true,
  createdAt: '2026-11-26T09:30:00.000Z',
  updatedAt: '2026-11-26T09:30:00.000Z',
};

type Query = Record<string, string | undefined>;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const app = Fastify({ logger: false });
  // The app's vocabulary cache, invalidated the same way, so that both run the same statements.
  const vocabulary = new SearchVocabularyCache(5 * 60_000, 10_000);
  const listener = new PgNotificationListener(process.env.DATABASE_URL ?? '', SEARCH_VOCABULARY_CHANNEL, {
    notify: () => vocabulary.clear(),
    live: (live) => vocabulary.setLive(live),
  });
  await listener.start();

  app.get('/constant', async () => CONSTANT);

  const search = async (request: { query: unknown }) => {
    const criteria = criteriaOf(request.query as Query);
    const { rows, total } = await runProductSearch(
      async (q) => (await pool.query(pgQuery(q))).rows as unknown[],
      criteria,
      (words, load) => vocabulary.lookup(words, load),
    );
    return { items: rows, total, page: criteria.page, limit: criteria.limit };
  };
  app.get('/products', search);
  app.get('/products/search', search);

  app.get<{ Params: { id: string } }>('/products/:id', async (request, reply) => {
    const { text, values } = productByIdQuery(request.params.id);
    const { rows } = await pool.query(text, values);
    if (rows.length === 0) return reply.code(404).send({ status: 404 });
    return rows[0] as object;
  });

  const stop = async () => {
    await app.close();
    await listener.stop();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.stdout.write('baseline listening\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
