import type { ProductSearchCriteria } from '../application/catalog.views';

/**
 * The product list/search SQL, in one place: the repository runs it, and so does the benchmark's
 * bare Fastify + pg baseline, so both measure exactly the same query.
 *
 * `q` matches full text over name and description (stemmed: "washers" finds "washer") or a
 * trigram word similarity on the name (typos: "headphnes" finds "headphones"); both are served by
 * GIN indexes. Relevance = full-text rank + name similarity.
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

export function productSearchQuery(criteria: ProductSearchCriteria): { page: SqlQuery; count: SqlQuery } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (criteria.status === 'active') where.push('p.is_active');
  if (criteria.status === 'inactive') where.push('NOT p.is_active');
  let relevance = '0';
  const q = criteria.q?.trim();
  if (q) {
    const text = param(q);
    where.push(`(p.search_vector @@ websearch_to_tsquery('english', ${text}) OR ${text} <% p.name)`);
    relevance = `ts_rank_cd(p.search_vector, websearch_to_tsquery('english', ${text})) + word_similarity(${text}, p.name)`;
  }
  if (criteria.category) where.push(`p.category_id = (SELECT id FROM categories WHERE slug = ${param(criteria.category)})`);
  if (criteria.minPrice !== undefined) where.push(`p.price >= ${param(criteria.minPrice)}`);
  if (criteria.maxPrice !== undefined) where.push(`p.price <= ${param(criteria.maxPrice)}`);
  if (criteria.inStock === true) where.push('COALESCE(i.on_hand - i.reserved, 0) > 0');
  if (criteria.inStock === false) where.push('COALESCE(i.on_hand - i.reserved, 0) <= 0');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';

  const orderBy = {
    relevance: q ? 'relevance DESC, p.id' : 'p.created_at DESC, p.id',
    price_asc: 'p.price ASC, p.id',
    price_desc: 'p.price DESC, p.id',
    newest: 'p.created_at DESC, p.id',
    rating_desc: 'p.rating_avg DESC, p.rating_count DESC, p.id',
  }[criteria.sort];

  const countValues = [...values];
  const limit = param(criteria.limit);
  const offset = param((criteria.page - 1) * criteria.limit);
  return {
    page: {
      text: `SELECT ${PRODUCT_COLUMNS}, ${relevance} AS relevance ${FROM} ${whereSql} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
      values,
    },
    // The count needs inventory only to filter by stock; categories are matched by subquery.
    count: {
      text: `SELECT count(*)::int AS total FROM products p ${criteria.inStock === undefined ? '' : 'LEFT JOIN inventory i ON i.product_id = p.id'} ${whereSql}`,
      values: countValues,
    },
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
}
