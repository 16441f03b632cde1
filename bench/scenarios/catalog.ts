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

const APPLIANCES = ['washer', 'washing machine', 'dryer', 'fridge', 'oven', 'cooker', 'dishwasher'];

/** What a shopper types with nothing else: a part word (1 in 10 misspelt), a third of the time after an appliance word. */
export function queryOnlyParams(rand: Random): URLSearchParams {
  const { words } = pick(rand, CATEGORY_WORDS);
  const word = pick(rand, words);
  const typed = word.length >= 6 && rand() < 0.1 ? withTypo(rand, word) : word;
  return new URLSearchParams({ q: rand() < 0.33 ? `${pick(rand, APPLIANCES)} ${typed}` : typed });
}

const byId = (prefix: string) => (ctx: BenchContext): RequestSource => () => ({ path: `${prefix}/products/${pick(ctx.rand, ctx.productIds)}` });
const firstPage = (prefix: string) => (): RequestSource => () => ({ path: `${prefix}/products?limit=20` });
const search = (prefix: string) => (ctx: BenchContext): RequestSource => () => ({ path: `${prefix}/products/search?${searchParams(ctx.rand).toString()}` });
const searchQueryOnly = (prefix: string) => (ctx: BenchContext): RequestSource => () => ({ path: `${prefix}/products/search?${queryOnlyParams(ctx.rand).toString()}` });

export const runsOf = (results: readonly LoadResult[], scenario: string, server: LoadResult['server']) =>
  results.filter((r) => r.scenario === scenario && r.server === server);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** `scenario`'s throughput at least `factor` times product-by-id's on the same dataset, for each dataset it ran on. */
export function throughputVsProductById(results: readonly LoadResult[], scenario: string, label: string, factor: number): Check[] {
  return runsOf(results, scenario, 'app').flatMap((run): Check[] => {
    const byIdRun = runsOf(results, 'catalog.product-by-id', 'app').find((b) => b.dataset === run.dataset);
    if (!byIdRun) return [];
    const ratio = run.reqPerSec / byIdRun.reqPerSec;
    return [
      {
        name: `${label} @${run.dataset}: throughput vs product by id`,
        target: `>= ${factor}x`,
        measured: `${run.reqPerSec.toFixed(0)} vs ${byIdRun.reqPerSec.toFixed(0)} req/s (${ratio.toFixed(2)}x)`,
        pass: ratio >= factor,
      },
    ];
  });
}

/** The search targets: p99 <= 40 ms at each size, >= 0.4x product by id, p99 at the largest size <= 1.5x the smallest. */
function searchChecks(results: readonly LoadResult[], scenario: string, label: string): Check[] {
  const runs = runsOf(results, scenario, 'app');
  if (runs.length === 0) return [];
  const checks: Check[] = runs.map((r) => ({ name: `${label} @${r.dataset}: p99 at ${r.connections} connections`, target: '<= 40 ms', measured: ms(r.p99), pass: r.p99 <= 40 }));
  checks.push(...throughputVsProductById(results, scenario, label, 0.4));
  if (runs.length > 1) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const factor = large.p99 / Math.max(small.p99, 1);
    checks.push({ name: `${label} p99 @${large.dataset} vs @${small.dataset}`, target: '<= 1.5x', measured: `${ms(large.p99)} vs ${ms(small.p99)} (${factor.toFixed(2)}x)`, pass: factor <= 1.5 });
  }
  return checks;
}

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
    checks: (results) => {
      const runs = runsOf(results, 'catalog.list', 'app');
      if (runs.length < 2) return [];
      const [small, large] = [runs[0], runs[runs.length - 1]];
      const ratio = large.reqPerSec / small.reqPerSec;
      return [
        {
          name: `list @${large.dataset} vs @${small.dataset}: throughput`,
          target: '>= 0.8x',
          measured: `${large.reqPerSec.toFixed(0)} vs ${small.reqPerSec.toFixed(0)} req/s (${ratio.toFixed(2)}x)`,
          pass: ratio >= 0.8,
        },
      ];
    },
  },
  {
    name: 'catalog.search-q',
    description: 'GET /api/v1/products/search?q only (relevance): a part word of a random category (10% misspelt), a third of the time after an appliance word ("washer door seal")',
    perDataset: true,
    app: searchQueryOnly('/api/v1'),
    baseline: searchQueryOnly(''),
    checks: (results) => searchChecks(results, 'catalog.search-q', 'search q only'),
  },
  {
    name: 'catalog.search',
    description: 'GET /api/v1/products/search?q&category&minPrice&maxPrice&sort=price_asc, varied words (10% misspelt), categories and price bands',
    perDataset: true,
    app: search('/api/v1'),
    baseline: search(''),
    checks: (results) => searchChecks(results, 'catalog.search', 'search q + filters'),
  },
];
