import type { ProductSearchCriteria } from '../application/catalog.views';
import { planSearch, queryWords, WordLookup } from '../domain/search-terms';

/**
 * The product list/search SQL, in one place: the repository runs it, and so does the benchmark's
 * bare Fastify + pg baseline, so both measure exactly the same statements.
 *
 * A search (`q`) takes two or three statements, none of which reads more than a bounded number
 * of products:
 * 1. the query's words against the catalog's vocabulary (`search_words`, a few hundred rows):
 *    is each word known, and if not, its nearest words by trigram distance;
 * 2. the full-text query built from them (catalog/domain/search-terms.ts) through the GIN index:
 *    at most SEARCH_EXACT_LIMIT + 1 matches are collected; when they are all the matches, the
 *    total is exact and the page is sorted among them;
 * 3. only when more match: the total is the planner's estimate (`totalIsExact: false`) and a
 *    price, date or rating sort walks its btree index, testing the text condition, until the
 *    page is full. A relevance sort ranks the collected matches.
 * Browsing without `q` takes its total from `product_counts` (kept by triggers) when only the
 * category and status are filtered, otherwise from a count.
 */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Up to this many matches a search counts exactly and sorts completely. */
export const SEARCH_EXACT_LIMIT = 500;

/**
 * The seller's name is read with the page (one primary-key probe per row of the page, none for the
 * house's products), so it is always the seller's current name and nothing has to keep a copy.
 */
export const PRODUCT_COLUMNS = `
  p.id, p.name, p.description, p.price, p.image_url, p.is_active, p.created_by, p.created_at, p.updated_at,
  p.rating_avg, p.rating_count, c.slug AS category_slug, c.name AS category_name,
  COALESCE(i.on_hand - i.reserved, 0) AS available,
  p.owner_id, (SELECT u.full_name FROM users u WHERE u.id = p.owner_id) AS seller_name`;

export const FROM = `
  FROM products p
  JOIN categories c ON c.id = p.category_id
  LEFT JOIN inventory i ON i.product_id = p.id`;

const ORDER_BY = {
  relevance: 'p.created_at DESC, p.id',
  price_asc: 'p.price ASC, p.id',
  price_desc: 'p.price DESC, p.id',
  newest: 'p.created_at DESC, p.id',
  rating_desc: 'p.rating_avg DESC, p.rating_count DESC, p.id',
} as const;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The WHERE clause of the criteria's filters (and of the text condition when given). */
function filtersOf(
  criteria: ProductSearchCriteria,
  params: Params,
  tsquery?: string,
): { where: string; from: string } {
  const where: string[] = [];
  if (tsquery !== undefined) where.push(`p.search_vector @@ to_tsquery('english', ${params.add(tsquery)})`);
  if (criteria.status === 'active') where.push('p.is_active');
  if (criteria.status === 'inactive') where.push('NOT p.is_active');
  if (criteria.category)
    where.push(`p.category_id = (SELECT id FROM categories WHERE slug = ${params.add(criteria.category)})`);
  if (criteria.minPrice !== undefined) where.push(`p.price >= ${params.add(criteria.minPrice)}`);
  if (criteria.maxPrice !== undefined) where.push(`p.price <= ${params.add(criteria.maxPrice)}`);
  if (criteria.inStock === true) where.push('COALESCE(i.on_hand - i.reserved, 0) > 0');
  if (criteria.inStock === false) where.push('COALESCE(i.on_hand - i.reserved, 0) <= 0');
  // Inventory is joined for filtering only when the stock filter needs it.
  const from = `FROM products p ${criteria.inStock === undefined ? '' : 'LEFT JOIN inventory i ON i.product_id = p.id'}`;
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', from };
}

const pageParams = (criteria: ProductSearchCriteria, params: Params) =>
  `LIMIT ${params.add(criteria.limit)} OFFSET ${params.add((criteria.page - 1) * criteria.limit)}`;

/** Statement 1 of a search: what the vocabulary knows about each word, in the words' order. */
export function wordLookupQuery(words: readonly string[]): SqlQuery {
  return {
    text: `
      SELECT search_lexeme(w.word) IS NOT NULL AS meaningful,
             EXISTS (SELECT 1 FROM search_words s WHERE s.lexeme = search_lexeme(w.word) AND s.products > 0) AS known,
             COALESCE((SELECT json_agg(json_build_object('word', n.word, 'products', n.products))
                         FROM (SELECT s.word, s.products FROM search_words s WHERE s.products > 0
                                ORDER BY s.word <-> w.word LIMIT 8) n), '[]') AS candidates
        FROM unnest($1::text[]) WITH ORDINALITY AS w(word, ord)
       ORDER BY w.ord`,
    values: [words],
  };
}

/** Statement 2: up to SEARCH_EXACT_LIMIT + 1 matches, their count and the page sorted among them. */
export function matchesQuery(criteria: ProductSearchCriteria, tsquery: string): SqlQuery {
  const params = new Params();
  const { where, from } = filtersOf(criteria, params, tsquery);
  const relevance = `ts_rank_cd(p.search_vector, to_tsquery('english', $1))`;
  const { key, order } = {
    relevance: { key: `${relevance} AS relevance`, order: 'm.relevance DESC, m.id' },
    price_asc: { key: 'p.price', order: 'm.price ASC, m.id' },
    price_desc: { key: 'p.price', order: 'm.price DESC, m.id' },
    newest: { key: 'p.created_at', order: 'm.created_at DESC, m.id' },
    rating_desc: {
      key: 'p.rating_avg, p.rating_count',
      order: 'm.rating_avg DESC, m.rating_count DESC, m.id',
    },
  }[criteria.sort];
  const cap = params.add(SEARCH_EXACT_LIMIT + 1);
  const page = pageParams(criteria, params);
  return {
    // One row with a NULL product when the page is past the end, so the count always arrives.
    text: `WITH matches AS MATERIALIZED (SELECT p.id, ${key} ${from} ${where} LIMIT ${cap}),
      page_ids AS (SELECT m.* FROM matches m ORDER BY ${order} ${page})
      SELECT ${PRODUCT_COLUMNS}, ${criteria.sort === 'relevance' ? 'm.relevance' : relevance} AS relevance, t.matched
        FROM (SELECT count(*)::int AS matched FROM matches) t
        LEFT JOIN (page_ids m
          JOIN products p ON p.id = m.id
          JOIN categories c ON c.id = p.category_id
          LEFT JOIN inventory i ON i.product_id = p.id) ON true
       ORDER BY ${order}`,
    values: params.values,
  };
}

/**
 * Statement 3a, when more match than SEARCH_EXACT_LIMIT (and browsing): a page in a btree order,
 * tested row by row. The ids are sorted and cut first, so only the page's rows are joined to
 * their category and stock.
 */
export function orderedPageQuery(criteria: ProductSearchCriteria, tsquery?: string): SqlQuery {
  const params = new Params();
  const { where, from } = filtersOf(criteria, params, tsquery);
  const relevance = tsquery === undefined ? '0' : `ts_rank_cd(p.search_vector, to_tsquery('english', $1))`;
  const order = ORDER_BY[criteria.sort];
  return {
    text: `SELECT ${PRODUCT_COLUMNS}, ${relevance} AS relevance
             FROM (SELECT p.id ${from} ${where} ORDER BY ${order} ${pageParams(criteria, params)}) page
             JOIN products p ON p.id = page.id
             JOIN categories c ON c.id = p.category_id
             LEFT JOIN inventory i ON i.product_id = p.id
            ORDER BY ${order}`,
    values: params.values,
  };
}

/** Statement 3b: the planner's estimate of the matches (statistics only, nothing is read). */
export function estimateQuery(criteria: ProductSearchCriteria, tsquery: string): SqlQuery {
  const params = new Params();
  const { where, from } = filtersOf(criteria, params, tsquery);
  return { text: `EXPLAIN (FORMAT JSON) SELECT 1 ${from} ${where}`, values: params.values };
}

/** Browsing: the exact count of the filtered products. */
export function countQuery(criteria: ProductSearchCriteria): SqlQuery {
  const params = new Params();
  const { where, from } = filtersOf(criteria, params);
  return { text: `SELECT count(*)::int AS total ${from} ${where}`, values: params.values };
}

/** Browsing by category and status only: the total kept by triggers in product_counts. */
export function keptCountQuery(criteria: ProductSearchCriteria): SqlQuery {
  const params = new Params();
  const where: string[] = [];
  if (criteria.status !== 'all')
    where.push(criteria.status === 'active' ? 'pc.is_active' : 'NOT pc.is_active');
  if (criteria.category)
    where.push(`pc.category_id = (SELECT id FROM categories WHERE slug = ${params.add(criteria.category)})`);
  return {
    text: `SELECT COALESCE(sum(pc.products), 0)::int AS total FROM product_counts pc ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    values: params.values,
  };
}

export function productByIdQuery(id: string): SqlQuery {
  return { text: `SELECT ${PRODUCT_COLUMNS} ${FROM} WHERE p.id = $1`, values: [id] };
}

export interface ProductRow {
  id: string;
  name: string;
  description: string;
  price: number;
  image_url: string | null;
  is_active: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  rating_avg: string;
  rating_count: number;
  category_slug: string;
  category_name: string;
  available: number;
  owner_id: string | null;
  seller_name: string | null;
}

export interface ProductSearchResult {
  rows: ProductRow[];
  total: number;
  /** False when `total` is the planner's estimate (more than SEARCH_EXACT_LIMIT matches). */
  totalIsExact: boolean;
}

export type SqlRun = (query: SqlQuery) => Promise<unknown[]>;

const total = (rows: unknown[]): number => (rows[0] as { total: number }).total;

/** Runs a list or search with `run` (the app's EntityManager, the benchmark's pg Pool). */
export async function runProductSearch(
  run: SqlRun,
  criteria: ProductSearchCriteria,
): Promise<ProductSearchResult> {
  const q = criteria.q?.trim();
  if (!q) {
    const keptTotal =
      criteria.minPrice === undefined && criteria.maxPrice === undefined && criteria.inStock === undefined;
    const [rows, counts] = await Promise.all([
      run(orderedPageQuery(criteria)),
      run(keptTotal ? keptCountQuery(criteria) : countQuery(criteria)),
    ]);
    return { rows: rows as ProductRow[], total: total(counts), totalIsExact: true };
  }
  const words = queryWords(q);
  const lookups = words.length ? ((await run(wordLookupQuery(words))) as WordLookup[]) : [];
  const { tsquery } = planSearch(words, lookups);
  if (!tsquery) return { rows: [], total: 0, totalIsExact: true };

  const matched = (await run(matchesQuery(criteria, tsquery))) as (ProductRow & { matched: number })[];
  const count = matched[0]?.matched ?? 0;
  const collected = matched.filter((r) => r.id !== null);
  if (count <= SEARCH_EXACT_LIMIT) return { rows: collected, total: count, totalIsExact: true };
  const [rows, plan] = await Promise.all([
    criteria.sort === 'relevance' ? collected : run(orderedPageQuery(criteria, tsquery)),
    run(estimateQuery(criteria, tsquery)),
  ]);
  const estimate = (plan[0] as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] })['QUERY PLAN'][0].Plan[
    'Plan Rows'
  ];
  return { rows: rows as ProductRow[], total: Math.max(Math.round(estimate), count), totalIsExact: false };
}
