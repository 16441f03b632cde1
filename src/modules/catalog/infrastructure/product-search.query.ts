import type { ProductSearchCriteria } from '../application/catalog.views';

/**
 * The product list/search SQL, in one place: the repository runs it, and so does the benchmark's
 * bare Fastify + pg baseline, so both measure exactly the same query.
 *
 * `q` matches full text over name and description (stemmed: "washers" finds "washer") or a
 * trigram word similarity on the name (typos: "headphnes" finds "headphones"); both are served by
 * GIN indexes.
 */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

export const PRODUCT_COLUMNS = `
  p.id, p.name, p.description, p.price, p.image_url, p.is_active, p.created_by, p.created_at, p.updated_at,
  p.rating_avg, p.rating_count, c.slug AS category_slug, c.name AS category_name,
  COALESCE(i.on_hand - i.reserved, 0) AS available`;

const FROM = `
  FROM products p
  JOIN categories c ON c.id = p.category_id
  LEFT JOIN inventory i ON i.product_id = p.id`;

/**
 * Browsing (no `q`) runs a page and a count side by side: the page walks a btree index in the
 * requested order and stops after `limit` rows. A search (`q`) is one statement that finds the
 * matches once, through the GIN indexes, and takes both the total and the sorted page from them:
 * walking a price or date index and testing every row against the text condition until a page
 * is full costs a scan of the whole category when the word is rare (56 ms instead of 4 ms at
 * 100k products), and the count needs the full set of matches anyway.
 */
export type ProductSearchSql = { kind: 'split'; page: SqlQuery; count: SqlQuery } | { kind: 'single'; query: SqlQuery };

export function productSearchQuery(criteria: ProductSearchCriteria): ProductSearchSql {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (criteria.status === 'active') where.push('p.is_active');
  if (criteria.status === 'inactive') where.push('NOT p.is_active');
  const q = criteria.q?.trim();
  const text = q ? param(q) : undefined;
  if (text) where.push(`(p.search_vector @@ websearch_to_tsquery('english', ${text}) OR ${text} <% p.name)`);
  if (criteria.category) where.push(`p.category_id = (SELECT id FROM categories WHERE slug = ${param(criteria.category)})`);
  if (criteria.minPrice !== undefined) where.push(`p.price >= ${param(criteria.minPrice)}`);
  if (criteria.maxPrice !== undefined) where.push(`p.price <= ${param(criteria.maxPrice)}`);
  if (criteria.inStock === true) where.push('COALESCE(i.on_hand - i.reserved, 0) > 0');
  if (criteria.inStock === false) where.push('COALESCE(i.on_hand - i.reserved, 0) <= 0');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Inventory is joined for filtering only when the stock filter needs it.
  const filterFrom = `FROM products p ${criteria.inStock === undefined ? '' : 'LEFT JOIN inventory i ON i.product_id = p.id'}`;

  if (!text) {
    const orderBy = {
      relevance: 'p.created_at DESC, p.id',
      price_asc: 'p.price ASC, p.id',
      price_desc: 'p.price DESC, p.id',
      newest: 'p.created_at DESC, p.id',
      rating_desc: 'p.rating_avg DESC, p.rating_count DESC, p.id',
    }[criteria.sort];
    const countValues = [...values];
    const limit = param(criteria.limit);
    const offset = param((criteria.page - 1) * criteria.limit);
    return {
      kind: 'split',
      page: { text: `SELECT ${PRODUCT_COLUMNS}, 0 AS relevance ${FROM} ${whereSql} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`, values },
      // Categories are matched by subquery, so the count reads products (and inventory) only.
      count: { text: `SELECT count(*)::int AS total ${filterFrom} ${whereSql}`, values: countValues },
    };
  }

  // Relevance = full-text rank + name similarity: computed for every match only when it is the
  // sort order, otherwise for the rows of the page.
  const relevanceOf = (alias: string) => `ts_rank_cd(${alias}.search_vector, websearch_to_tsquery('english', ${text})) + word_similarity(${text}, ${alias}.name)`;
  const { key, order } = {
    relevance: { key: `${relevanceOf('p')} AS relevance`, order: 'm.relevance DESC, m.id' },
    price_asc: { key: 'p.price', order: 'm.price ASC, m.id' },
    price_desc: { key: 'p.price', order: 'm.price DESC, m.id' },
    newest: { key: 'p.created_at', order: 'm.created_at DESC, m.id' },
    rating_desc: { key: 'p.rating_avg, p.rating_count', order: 'm.rating_avg DESC, m.rating_count DESC, m.id' },
  }[criteria.sort];
  const limit = param(criteria.limit);
  const offset = param((criteria.page - 1) * criteria.limit);
  return {
    kind: 'single',
    query: {
      // One row with a NULL product when the page is past the end, so the total always arrives.
      text: `WITH matches AS MATERIALIZED (SELECT p.id, ${key} ${filterFrom} ${whereSql}),
        page_ids AS (SELECT m.* FROM matches m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
        SELECT ${PRODUCT_COLUMNS}, ${criteria.sort === 'relevance' ? 'm.relevance' : relevanceOf('p')} AS relevance, t.total
          FROM (SELECT count(*)::int AS total FROM matches) t
          LEFT JOIN (page_ids m
            JOIN products p ON p.id = m.id
            JOIN categories c ON c.id = p.category_id
            LEFT JOIN inventory i ON i.product_id = p.id) ON true
         ORDER BY ${order}`,
      values,
    },
  };
}

/** Runs the search SQL with `run` (the app's EntityManager, the benchmark's pg Pool). */
export async function runProductSearch(
  run: (query: SqlQuery) => Promise<unknown[]>,
  criteria: ProductSearchCriteria,
): Promise<{ rows: ProductRow[]; total: number }> {
  const sql = productSearchQuery(criteria);
  if (sql.kind === 'single') {
    const rows = (await run(sql.query)) as (ProductRow & { total: number })[];
    return { rows: rows.filter((r) => r.id !== null), total: rows[0]?.total ?? 0 };
  }
  const [rows, counts] = await Promise.all([run(sql.page), run(sql.count)]);
  return { rows: rows as ProductRow[], total: (counts[0] as { total: number }).total };
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
}
