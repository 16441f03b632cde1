import { CATEGORIES, intBetween, pick, Random, searchWordsFor } from '../../src/modules/catalog/infrastructure/catalog.generator';
import type { BenchContext, Check, LoadResult, RequestSource, Scenario } from '../scenario';

const CATEGORY_WORDS = CATEGORIES.map((c) => ({ slug: c.slug, words: searchWordsFor(c) }));

/** Drops one inner letter ("headphones" -> "headphnes"): the typos trigram matching is for. */
function withTypo(rand: Random, word: string): string {
  const at = intBetween(rand, 1, word.length - 2);
  return word.slice(0, at) + word.slice(at + 1);
}

/** A shop search: a word of the category's products (1 in 10 misspelt), a price band, cheapest first. */
export function searchParams(rand: Random): URLSearchParams {
  const { slug, words } = pick(rand, CATEGORY_WORDS);
  const word = pick(rand, words);
  const minPrice = pick(rand, [0, 500, 1000, 2000, 3000]);
  return new URLSearchParams({
    q: word.length >= 6 && rand() < 0.1 ? withTypo(rand, word) : word,
    category: slug,
    minPrice: String(minPrice),
    maxPrice: String(minPrice + pick(rand, [2000, 5000, 10000, 50000])),
    sort: 'price_asc',
  });
}

const byId = (prefix: string) => (ctx: BenchContext): RequestSource => () => ({ path: `${prefix}/products/${pick(ctx.rand, ctx.productIds)}` });
const firstPage = (prefix: string) => (): RequestSource => () => ({ path: `${prefix}/products?limit=20` });
const search = (prefix: string) => (ctx: BenchContext): RequestSource => () => ({ path: `${prefix}/products/search?${searchParams(ctx.rand).toString()}` });

const runsOf = (results: readonly LoadResult[], scenario: string, server: LoadResult['server']) =>
  results.filter((r) => r.scenario === scenario && r.server === server);
const ms = (n: number) => `${n.toFixed(1)} ms`;

export const catalogScenarios: Scenario[] = [
  {
    name: 'catalog.product-by-id',
    description: 'GET /api/v1/products/{id}, a random product each request',
    perDataset: true,
    app: byId('/api/v1'),
    baseline: byId(''),
    checks: (results) =>
      runsOf(results, 'catalog.product-by-id', 'app').map((app): Check => {
        const base = runsOf(results, 'catalog.product-by-id', 'baseline').find((b) => b.dataset === app.dataset);
        const ratio = base ? app.reqPerSec / base.reqPerSec : 0;
        return { name: `product by id @${app.dataset}: throughput vs baseline`, target: '>= 0.5x', measured: `${ratio.toFixed(2)}x`, pass: ratio >= 0.5 };
      }),
  },
  {
    name: 'catalog.list',
    description: 'GET /api/v1/products?limit=20 (first page, newest first, with the total)',
    perDataset: true,
    app: firstPage('/api/v1'),
    baseline: firstPage(''),
  },
  {
    name: 'catalog.search',
    description: 'GET /api/v1/products/search?q&category&minPrice&maxPrice&sort=price_asc, varied words (10% misspelt), categories and price bands',
    perDataset: true,
    app: search('/api/v1'),
    baseline: search(''),
    checks: (results) => {
      const runs = runsOf(results, 'catalog.search', 'app');
      if (runs.length === 0) return [];
      const small = runs[0];
      const large = runs[runs.length - 1];
      const checks: Check[] = [
        { name: `search @${large.dataset}: p99 at 10 connections`, target: '< 50 ms', measured: ms(large.p99), pass: large.p99 < 50 },
      ];
      if (runs.length > 1) {
        for (const key of ['p50', 'p99'] as const) {
          const factor = large[key] / Math.max(small[key], 1);
          checks.push({
            name: `search ${key} @${large.dataset} vs @${small.dataset}`,
            target: '<= 2x',
            measured: `${ms(large[key])} vs ${ms(small[key])} (${factor.toFixed(2)}x)`,
            pass: factor <= 2,
          });
        }
      }
      return checks;
    },
  },
];
