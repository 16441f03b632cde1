import { createHash } from 'node:crypto';
import type { ProductSearchCriteria } from '../application/catalog.views';
import { isoTimestamp } from '../../../shared/infrastructure/sql-iso-timestamp';
import { planSearch, queryWords, WordLookup } from '../domain/search-terms';

/**
 * The product list/search SQL, in one place: the repository runs it, and so does the benchmark's
 * bare Fastify + pg baseline, so both measure exactly the same statements.
 *
 * A search (`q`) is one statement, estimate included; a second one asks the planner for an
 * estimate when no statement has one of its own, or answers through the GIN index what the
 * search of several terms left to it. None reads more than a bounded number of products:
 * - the query's words are looked up in the catalog's vocabulary (`search_words`, a few hundred
 *   rows: is each word known, and if not its nearest words by trigram distance); the answers
 *   are cached per process and dropped on every vocabulary change (search-vocabulary.cache.ts),
 *   so this statement runs only for words not seen since the last change;
 * - one term (a word and its synonyms) of active products: postingsSearchQuery, over the btree
 *   of postings `product_terms`; several terms by relevance: termsSearchQuery, which starts from
 *   the counts of each word per category (`product_term_counts`) and may leave the answer to:
 * - searchQuery: the full-text query built from them (catalog/domain/search-terms.ts), through
 *   the GIN index, collects at most SEARCH_EXACT_LIMIT + 1 matches (for a relevance sort, those
 *   whose name or category matches first), counts them and returns the page, sorted among them
 *   when they are all the matches, else ranked among them (relevance) or taken in the sort's
 *   order over all the matches (a branch run only then);
 * - when more than the exact limit match, the total is an estimate (`totalIsExact: false`).
 * Browsing without `q` takes its total from `product_counts` (kept by triggers) when only the
 * category and status are filtered, otherwise from a count.
 */
export interface SqlQuery {
  text: string;
  values: unknown[];
  /**
   * Runs as a named prepared statement (`pgQuery`): its text repeats and its best plan does not
   * depend on the values, so PostgreSQL plans it once per connection instead of per request.
   */
  prepared?: boolean;
}

/** Names of prepared statements by text: a few dozen shapes, so hashing a text (several KB) once is enough. */
const statementNames = new Map<string, string>();

/** The query for node-postgres: a prepared statement is named after its text. */
export function pgQuery({ text, values, prepared }: SqlQuery): { text: string; values: unknown[]; name?: string } {
  if (!prepared) return { text, values };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `search_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return { name, text, values };
}

/** Up to this many matches a search counts exactly and sorts completely. */
export const SEARCH_EXACT_LIMIT = 100;

/**
 * The seller's name is read with the page (one primary-key probe per row of the page, none for the
 * house's products), so it is always the seller's current name and nothing has to keep a copy.
 */
export const PRODUCT_COLUMNS = `
  p.id, p.name, p.description, p.price, p.image_url, p.is_active, p.created_by, ${isoTimestamp('p.created_at')}, ${isoTimestamp('p.updated_at')},
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

/**
 * The values of a statement. `planOnce`: a prepared statement, whose values the planner must not
 * see: each is an InitPlan, computed once per execution. Its plan for the values then costs the
 * same as the plan made once, so PostgreSQL keeps the plan made once; when the values are
 * visible, a plan for them can look cheaper, and PostgreSQL plans every execution again.
 */
class Params {
  readonly values: unknown[] = [];
  constructor(readonly planOnce = false) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A value of `type`: hidden from the planner when planned once. */
  typed(value: unknown, type: 'int' | 'text[]'): string {
    return this.planOnce ? `(SELECT ${this.add(value)}::${type})` : `${this.add(value)}::${type}`;
  }

  /**
   * The search's tsquery from its text: folded into a constant when planned for this text, or,
   * planned once, computed once per execution (a plan made once would otherwise parse the text
   * again for each row it checks). `param`: the text's parameter when it already has one.
   */
  tsquery(text: string, param = this.add(text)): string {
    return this.planOnce ? `(SELECT to_tsquery('english', ${param}))` : `to_tsquery('english', ${param})`;
  }
}

/** The WHERE clause of the criteria's filters (and of the text condition when given). */
function filtersOf(
  criteria: ProductSearchCriteria,
  params: Params,
  tsquery?: string,
): { where: string; from: string } {
  const where: string[] = [];
  if (tsquery !== undefined) where.push(`p.search_vector @@ ${params.tsquery(tsquery)}`);
  if (criteria.status === 'active') where.push('p.is_active');
  if (criteria.status === 'inactive') where.push('NOT p.is_active');
  if (criteria.category)
    where.push(`p.category_id = (SELECT id FROM categories WHERE slug = ${params.add(criteria.category)})`);
  if (criteria.minPrice !== undefined) where.push(`p.price >= ${params.typed(criteria.minPrice, 'int')}`);
  if (criteria.maxPrice !== undefined) where.push(`p.price <= ${params.typed(criteria.maxPrice, 'int')}`);
  if (criteria.inStock === true) where.push('COALESCE(i.on_hand - i.reserved, 0) > 0');
  if (criteria.inStock === false) where.push('COALESCE(i.on_hand - i.reserved, 0) <= 0');
  // Inventory is joined for filtering only when the stock filter needs it.
  const from = `FROM products p ${criteria.inStock === undefined ? '' : 'LEFT JOIN inventory i ON i.product_id = p.id'}`;
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', from };
}

const pageParams = (criteria: ProductSearchCriteria, params: Params) =>
  `LIMIT ${params.typed(criteria.limit, 'int')} OFFSET ${params.typed((criteria.page - 1) * criteria.limit, 'int')}`;

/**
 * Statement 1 of a search: what the vocabulary knows about each word, in the words' order. A
 * hyphenated word is known when active products hold it whole (full text's compound lexeme, in
 * `product_term_counts`); it has no candidates, its parts are looked up as words.
 */
export function wordLookupQuery(words: readonly string[]): SqlQuery {
  return {
    text: `
      SELECT search_lexeme(w.word) IS NOT NULL AS meaningful, k.products > 0 AS known, k.products,
             COALESCE((SELECT json_agg(json_build_object('word', n.word, 'products', n.products))
                         FROM (SELECT s.word, s.products FROM search_words s WHERE s.products > 0 AND strpos(w.word, '-') = 0
                                ORDER BY s.word <-> w.word LIMIT 8) n), '[]') AS candidates
        FROM unnest($1::text[]) WITH ORDINALITY AS w(word, ord)
        CROSS JOIN LATERAL (SELECT CASE WHEN strpos(w.word, '-') > 0
                                     THEN (SELECT COALESCE(sum(c.products), 0)::int FROM product_term_counts c WHERE c.term = search_term(w.word))
                                     ELSE (SELECT COALESCE(max(s.products), 0) FROM search_words s WHERE s.lexeme = search_lexeme(w.word)) END AS products) k
       ORDER BY w.ord`,
    values: [words],
  };
}

/** A product's name and category words (weights A and B of its search vector), indexed by products_headline_idx. */
const HEADLINE = `ts_filter(p.search_vector, '{a,b}')`;

/**
 * Statement 2, the search: up to `exactLimit` + 1 matches and their count, and the page. When
 * they are all the matches, the page is sorted among them. When more match, a relevance sort
 * still ranks the collected ones, and the other sorts take the page in their own order over all
 * the matches (their btree index, tested row by row, or the matches sorted): that part is a
 * branch PostgreSQL runs only in that case. The page is joined to its category and stock last.
 * One row with a NULL product when the page is empty, so that the count always arrives.
 */
export function searchQuery(criteria: ProductSearchCriteria, tsquery: string, exactLimit = SEARCH_EXACT_LIMIT): SqlQuery {
  // Several words together are estimated as if independent, far more common than they are (oven
  // and machine are each common, together rare): a scan meant to stop after the first matches
  // would read the whole table. Stating their condition twice makes the planner expect few
  // matches and take the GIN index, whose cost is bounded by the words' posting lists. That
  // plan does not depend on the words, so it is made once per connection (a prepared statement
  // whose tsquery is computed once per execution): planning had been most of the cost of such
  // a search (0.7 of 0.9 ms at 1k products, 0.7 of 2.3 ms at 100k). One word keeps a plan made
  // for it, since how common it is decides between its index and the sort's.
  const several = tsquery.includes('&');
  const params = new Params(several);
  const { where, from } = filtersOf(criteria, params, tsquery);
  const tsq = params.tsquery(tsquery, '$1');
  const relevance = `ts_rank_cd(p.search_vector, ${tsq})`;
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
  const cap = params.typed(exactLimit + 1, 'int');
  const limit = params.typed(exactLimit, 'int');
  const page = pageParams(criteria, params);
  const beyond =
    criteria.sort === 'relevance'
      ? ''
      : `UNION ALL (SELECT p.id, ${key} ${from} ${where} AND (SELECT matched FROM counted) > ${limit}
                    ORDER BY ${ORDER_BY[criteria.sort]} ${page})`;
  // A relevance sort collects the products whose name or category matches every term first
  // (they rank highest; their own GIN index, products_headline_idx), then the others: when more
  // than the limit match, the ones ranked are the likeliest to be the best, not the first found.
  const sure = several ? ` AND p.search_vector @@ ${tsq}` : '';
  const collect = () => {
    if (criteria.sort !== 'relevance') return `SELECT p.id, ${key} ${from} ${where}${sure} LIMIT ${cap}`;
    const h = filtersOf(criteria, params);
    const headline = `${HEADLINE} @@ ${tsq}`;
    return `SELECT * FROM (
          (SELECT p.id, ${key} ${h.from} ${h.where ? `${h.where} AND` : 'WHERE'} ${headline}${several ? ` AND ${headline}` : ''})
          UNION ALL (SELECT p.id, ${key} ${from} ${where}${sure} AND NOT ${headline})) m LIMIT ${cap}`;
  };
  return {
    text: `WITH matches AS MATERIALIZED (${collect()}),
      counted AS (SELECT count(*)::int AS matched FROM matches),
      page_ids AS (
        (SELECT m.* FROM matches m WHERE (SELECT matched FROM counted) <= ${limit} OR ${criteria.sort === 'relevance'}
          ORDER BY ${order} ${page})
        ${beyond})
      ${pageOfMatches(criteria.sort === 'relevance' ? 'm.relevance' : UNRANKED, order)}`,
    values: params.values,
    prepared: several,
  };
}

/**
 * Where a term's matches are in product_terms: its variants, each a word or a phrase ("washing
 * machine", whose postings the catalog keeps as a word's: migration SearchPhrasePostings). SQL
 * turns each into its key there with `search_term`.
 */
export type TermPostings = string[];

/** A term's variants ([["washer"], ["washing", "machine"]]) as the words and phrases whose postings hold its matches. */
const termPostingsOf = (variants: readonly string[][]): TermPostings => variants.map((v) => v.join(' '));

/**
 * A search of several words where every word is used by fewer products than this goes straight
 * to the GIN statement: intersecting short posting lists is cheap there, cheaper than reading
 * the counts first (a small catalog: 0.5 against 0.7 ms at 1k products).
 */
export const TERMS_MIN_PRODUCTS = 300;

/**
 * When the search of several terms can start from `product_term_counts`: two or more terms (each
 * a word, or a word and its synonyms, or a phrase), active products, no stock filter, sorted by
 * relevance, and one of the words it looks for used by at least TERMS_MIN_PRODUCTS products
 * (`commonest`, from the vocabulary lookups: commonestSearched). `null`: the GIN statement answers it.
 */
export function severalTermsOf(
  criteria: ProductSearchCriteria,
  terms: readonly (readonly string[][])[],
  commonest = TERMS_MIN_PRODUCTS,
): TermPostings[] | null {
  if (terms.length < 2 || criteria.status !== 'active' || criteria.inStock !== undefined || criteria.sort !== 'relevance') return null;
  if (commonest < TERMS_MIN_PRODUCTS) return null;
  return terms.map(termPostingsOf);
}

/**
 * A search of several terms visits at most this many postings of their rarest term before it
 * gives up (`answered: false`) and the GIN statement answers instead.
 */
export const TERMS_SCAN_LIMIT = 1000;

/**
 * The search of several terms through `product_term_counts` and `product_terms`, one statement.
 * - The counts name the categories where every term occurs (none: nothing matches), with the
 *   expected matches of each if the terms were independent (`est`), and the rarest term there.
 * - It goes on when reading is bounded: the rarest terms' postings in those categories are at
 *   most TERMS_SCAN_LIMIT, or the categories expect at least twice the exact limit (it stops
 *   there); else it answers nothing (`answered: false`) and the caller runs the GIN statement.
 * - Categories densest first, the rarest term's postings (in key order, within the price range;
 *   a product holding several of its variants, "seal" and "gasket", taken through the first),
 *   each probed for every other term by primary key (the posting's category and price are the
 *   other terms' key too: one index-only probe per variant, which also reads the term's rank;
 *   the rarest term's rank is the posting's own, plus its later variants' probed). Up to the
 *   exact limit + 1 matches (or the page's end), ranked by the sum of their terms' ranks (each
 *   the stored `ts_rank_cd` of the product for that word or phrase), with no product row read
 *   until the page.
 * - When the scan reached TERMS_SCAN_LIMIT with fewer matches, it may have missed some: not
 *   answered either.
 * - Above the exact limit, the estimate is the sum of the categories' expected matches (without
 *   a price range), else the planner's (the caller asks).
 */
export function termsSearchQuery(criteria: ProductSearchCriteria, terms: readonly TermPostings[]): SqlQuery {
  const params = new Params(true);
  const groups = terms.map((term, i) => `g${i} AS (SELECT ARRAY(SELECT DISTINCT search_term(w) FROM unnest(${params.typed(term, 'text[]')}) w) AS keys)`);
  const all = (i: number) => `(SELECT keys FROM g${i})::text[]`;
  const n = terms.map((_, i) => `c${i}.n`);
  const counts = terms.map(
    (_, i) => `(SELECT category_id, sum(products)::float8 AS n FROM product_term_counts WHERE term = ANY(${all(i)}) AND products > 0 GROUP BY category_id) c${i}`,
  );
  const category = criteria.category ? ` WHERE c0.category_id = (SELECT id FROM categories WHERE slug = ${params.add(criteria.category)})` : '';
  const prices = postingsFilters({ ...criteria, category: undefined }, params);
  const same = 'x.category_id = t.category_id AND x.price = t.price AND x.product_id = t.product_id';
  // A term's rank for a product: the sum over its variants. For the driving term the posting
  // read already holds one (its first variant, NOT EXISTS below), so only the later ones are probed.
  const rank = (i: number) =>
    `CASE WHEN t.driven_by = ${i}
       THEN t.rank + COALESCE((SELECT sum(x.rank) FROM product_terms x WHERE x.term = ANY(${all(i)}) AND x.term > t.term AND ${same}), 0)
       ELSE (SELECT sum(x.rank) FROM product_terms x WHERE x.term = ANY(${all(i)}) AND ${same}) END`;
  const limit = params.typed(SEARCH_EXACT_LIMIT, 'int');
  const collect = params.typed(Math.max(SEARCH_EXACT_LIMIT + 1, (criteria.page - 1) * criteria.limit + criteria.limit), 'int');
  const scanLimit = params.typed(TERMS_SCAN_LIMIT, 'int');
  const page = pageParams(criteria, params);
  const estimated =
    criteria.minPrice === undefined && criteria.maxPrice === undefined
      ? `(SELECT CASE WHEN k.matched > ${limit} THEN greatest(round(sum(c.est)), k.matched)::int END FROM cats c CROSS JOIN counted k GROUP BY k.matched)`
      : 'NULL::int';
  const r = terms.map((_, i) => `s.r${i}`);
  const driver = `CASE driven_by ${terms.map((_, i) => `WHEN ${i} THEN ${all(i)}`).join(' ')} END`;
  return {
    text: `WITH ${groups.join(', ')},
      cats AS (
        SELECT c0.category_id, least(${n.join(', ')}) AS rarest, ${n.join(' * ')} / greatest(pc.products, 1) ^ ${terms.length - 1} AS est,
               CASE least(${n.join(', ')}) ${terms.map((_, i) => `WHEN c${i}.n THEN ${i}`).join(' ')} END AS driven_by
          FROM ${counts[0]}${counts.slice(1).map((c) => ` JOIN ${c} USING (category_id)`).join('')}
          JOIN product_counts pc ON pc.category_id = c0.category_id AND pc.is_active${category}),
      go AS (SELECT COALESCE(sum(rarest), 0) <= ${scanLimit} OR COALESCE(sum(est), 0) >= 2 * ${limit} AS go, COALESCE(sum(rarest), 0) AS postings FROM cats),
      matches AS MATERIALIZED (
        SELECT s.id, ${r.join(' + ')} AS relevance FROM (
          SELECT t.product_id AS id, ${terms.map((_, i) => `${rank(i)} AS r${i}`).join(', ')} FROM (
            SELECT t.*, c.driven_by FROM (SELECT *, ${driver} AS driver FROM cats ORDER BY est DESC, category_id) c
              CROSS JOIN LATERAL (SELECT t.term, t.category_id, t.price, t.product_id, t.rank FROM product_terms t
                                   WHERE t.term = ANY(c.driver) AND t.category_id = c.category_id${prices.map((w) => ` AND ${w}`).join('')}
                                     AND CASE WHEN cardinality(c.driver) = 1 THEN true ELSE NOT EXISTS (
                                           SELECT 1 FROM product_terms y WHERE y.term = ANY(c.driver) AND y.term < t.term
                                              AND y.category_id = t.category_id AND y.price = t.price AND y.product_id = t.product_id) END) t
             LIMIT CASE WHEN (SELECT go FROM go) THEN ${scanLimit} ELSE 0 END) t
          OFFSET 0) s
         WHERE ${r.map((x) => `${x} IS NOT NULL`).join(' AND ')}
         LIMIT ${collect}),
      counted AS (
        SELECT k.matched, g.go AND (k.matched > ${limit} OR g.postings <= ${scanLimit}) AS answered
          FROM (SELECT count(*)::int AS matched FROM matches) k CROSS JOIN go g),
      page_ids AS (SELECT m.* FROM matches m ORDER BY m.relevance DESC, m.id ${page})
      ${pageOfMatches('m.relevance', 'm.relevance DESC, m.id', estimated)}`,
    values: params.values,
    prepared: true,
  };
}

/** The relevance of a page in another order: nothing reads it, so no row's search vector is ranked. */
const UNRANKED = 'NULL::real';

/**
 * The last part of a search statement: the page's products (`page_ids`, with their sort key),
 * joined to their category and stock, and the count of the matches (`counted`). One row with
 * a NULL product when the page is empty, so that the count always arrives.
 */
const pageOfMatches = (relevance: string, order: string, estimate = 'NULL::int') => `
      SELECT ${PRODUCT_COLUMNS}, ${relevance} AS relevance, t.*, ${estimate} AS estimate
        FROM counted t
        LEFT JOIN (page_ids m
          JOIN products p ON p.id = m.id
          JOIN categories c ON c.id = p.category_id
          LEFT JOIN inventory i ON i.product_id = p.id) ON true
       ORDER BY ${order}`;

/**
 * When product_terms can answer the search: one term (a word, or a word and its synonyms),
 * active products, no stock filter, sorted by relevance, or by price within a category (the
 * index's order). Anything else (several terms, other sorts) takes the GIN statement.
 */
export function postingsTermOf(criteria: ProductSearchCriteria, terms: readonly (readonly string[][])[]): TermPostings | null {
  if (terms.length !== 1 || criteria.status !== 'active' || criteria.inStock !== undefined) return null;
  const byPrice = criteria.sort === 'price_asc' || criteria.sort === 'price_desc';
  if (!(criteria.sort === 'relevance' || (byPrice && criteria.category))) return null;
  return termPostingsOf(terms[0]);
}

/** The category and price conditions of the criteria on the postings `t`. */
function postingsFilters(criteria: ProductSearchCriteria, params: Params): string[] {
  const where: string[] = [];
  if (criteria.category)
    where.push(`t.category_id = (SELECT id FROM categories WHERE slug = ${params.add(criteria.category)})`);
  if (criteria.minPrice !== undefined) where.push(`t.price >= ${params.typed(criteria.minPrice, 'int')}`);
  if (criteria.maxPrice !== undefined) where.push(`t.price <= ${params.typed(criteria.maxPrice, 'int')}`);
  return where;
}

/**
 * Up to this many matches a search for one word within a category or price range counts
 * exactly: an index-only count of its postings (about 0.4 ms for 1,000), where the estimate
 * above it would take a second statement.
 */
export const POSTINGS_EXACT_LIMIT = 1000;

const isFiltered = (criteria: ProductSearchCriteria): boolean =>
  criteria.category !== undefined || criteria.minPrice !== undefined || criteria.maxPrice !== undefined;

/**
 * Up to how many matches `postingsSearchQuery` counts exactly: POSTINGS_EXACT_LIMIT within
 * filters; SEARCH_EXACT_LIMIT without (the catalog's count of the term's products is the
 * estimate above it, in the same statement).
 */
export const postingsExactLimit = (criteria: ProductSearchCriteria): number =>
  isFiltered(criteria) ? POSTINGS_EXACT_LIMIT : SEARCH_EXACT_LIMIT;

/**
 * The search of one term through product_terms (migrations SearchPostings, SearchPhrasePostings),
 * one statement. For each of the term's variants (a word's lexeme, or a phrase), its postings
 * within the filters, in the index's order, as far as needed:
 * - the count: up to `postingsExactLimit` + 1 postings per variant, read from the index alone
 *   (a product found through two variants counted once);
 * - by price within a category: the first postings of the page in price order, straight from
 *   the index;
 * - by relevance: up to SEARCH_EXACT_LIMIT + 1 (or the page's end) per variant, those whose
 *   name or category has it first, ranked among them by the sum of their variants' ranks.
 * What a request reads depends on the page and the limits, not on the size of the catalog or
 * the number of matches.
 */
export function postingsSearchQuery(criteria: ProductSearchCriteria, term: TermPostings): SqlQuery {
  const params = new Params(true);
  const variants = params.typed(term, 'text[]');
  const cond = ['t.term = d.term', ...postingsFilters(criteria, params)].join(' AND ');
  const pageEnd = (criteria.page - 1) * criteria.limit + criteria.limit;
  const exactLimit = postingsExactLimit(criteria);
  const countCap = params.typed(exactLimit + 1, 'int');
  const page = pageParams(criteria, params);
  // Within a category the postings are counted in the index's (price) order, so the last one
  // counted tells how much of the price range the counted ones cover.
  const counted = `
      d AS (SELECT DISTINCT search_term(w) AS term FROM unnest(${variants}) w),
      counted AS (SELECT count(${term.length > 1 ? 'DISTINCT h.id' : '*'})::int AS matched, max(h.price) AS upto
                    FROM d CROSS JOIN LATERAL (SELECT t.product_id AS id, t.price FROM product_terms t WHERE ${cond}
                                                ${criteria.category ? 'ORDER BY t.price, t.product_id' : ''} LIMIT ${countCap}) h)`;
  // Above the exact limit, the estimate is part of the same statement, computed once (an
  // InitPlan, not once per row of the page) and only then (a subquery under CASE): without
  // filters the catalog's count of the terms' active products (product_term_counts, kept by its writes);
  // within a category the counted postings, the cheapest, extrapolated over the price range of
  // all the matches (`rangeEstimate`); with a price range only, NULL (the caller asks the planner).
  const estimated = !isFiltered(criteria)
    ? `(SELECT sum(c.products)::int FROM product_term_counts c WHERE c.term = ANY(ARRAY(SELECT term FROM d)))`
    : criteria.category
      ? `(SELECT CASE WHEN t.matched > ${params.typed(exactLimit, 'int')} THEN ${rangeEstimate(cond)} END FROM counted t)`
      : 'NULL::int';
  if (criteria.sort === 'relevance') {
    const each = params.typed(Math.max(SEARCH_EXACT_LIMIT + 1, pageEnd), 'int');
    // A term's relevance is in its postings: the sum of its variants' ranks.
    return {
      text: `WITH ${counted},
        hits AS (
          SELECT h.* FROM d CROSS JOIN LATERAL (SELECT * FROM (
            (SELECT t.product_id AS id, t.rank FROM product_terms t WHERE ${cond} AND t.headline LIMIT ${each})
            UNION ALL (SELECT t.product_id, t.rank FROM product_terms t WHERE ${cond} AND NOT t.headline LIMIT ${each})) u LIMIT ${each}) h),
        page_ids AS (SELECT h.id, sum(h.rank) AS relevance FROM hits h GROUP BY h.id ORDER BY relevance DESC, h.id ${page})
        ${pageOfMatches('m.relevance', 'm.relevance DESC, m.id', estimated)}`,
      values: params.values,
      prepared: true,
    };
  }
  const dir = criteria.sort === 'price_asc' ? 'ASC' : 'DESC';
  const order = `m.price ${dir}, m.id`;
  const each = params.typed(pageEnd, 'int');
  return {
    text: `WITH ${counted},
      page_ids AS (
        SELECT DISTINCT h.id, h.price FROM d CROSS JOIN LATERAL (
          SELECT t.product_id AS id, t.price FROM product_terms t WHERE ${cond} ORDER BY t.price ${dir}, t.product_id LIMIT ${each}) h
         ORDER BY h.price ${dir}, h.id ${page})
      ${pageOfMatches(UNRANKED, order, estimated)}`,
    values: params.values,
    prepared: true,
  };
}

/**
 * The estimate of a one-word search within a category above its exact limit, an expression over
 * the search's `d` (its lexemes) and `counted t` (`matched` postings counted, up to the price
 * `upto`): the postings counted were the cheapest, so the share of the matches' price range they
 * cover, on a logarithmic scale since prices are skewed, extrapolates to all of them; the range's
 * ends are one index probe per lexeme. `cond`: the postings' condition (`t.term = d.term` and
 * the filters). Over the bench's searches above the limit at 100k, see docs/PERFORMANCE.md.
 */
function rangeEstimate(cond: string): string {
  const bound = (dir: string) => `(SELECT t.price FROM product_terms t WHERE ${cond} ORDER BY t.price ${dir} LIMIT 1)`;
  return `(SELECT ceil(t.matched * (ln(b.hi + 1.0) - ln(b.lo + 1.0)) / greatest(ln(t.upto + 1.0) - ln(b.lo + 1.0), ln((b.lo + 2.0) / (b.lo + 1.0))))::int
             FROM (SELECT min(x.lo) AS lo, max(x.hi) AS hi FROM d CROSS JOIN LATERAL (SELECT ${bound('ASC')} AS lo, ${bound('DESC')} AS hi) x) b)`;
}

/** The planner's estimate of a one-term search's matches above its exact limit (its postings; statistics only). */
export function postingsEstimateQuery(criteria: ProductSearchCriteria, term: TermPostings): SqlQuery {
  const params = new Params();
  const where = [`t.term IN (${term.map((w) => `search_term(${params.add(w)})`).join(', ')})`, ...postingsFilters(criteria, params)];
  return { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM product_terms t WHERE ${where.join(' AND ')}`, values: params.values };
}

/** Browsing: a page in a btree order. The ids are sorted and cut first, so only the page's rows are joined to their category and stock. */
export function orderedPageQuery(criteria: ProductSearchCriteria): SqlQuery {
  const params = new Params();
  const { where, from } = filtersOf(criteria, params);
  const order = ORDER_BY[criteria.sort];
  return {
    text: `SELECT ${PRODUCT_COLUMNS}, 0 AS relevance
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
  /** ISO text (isoTimestamp): only shown. */
  created_at: string;
  updated_at: string;
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

/** What the vocabulary knows about the words: by default statement 1, or a cache in front of it. */
export type WordLookups = (
  words: readonly string[],
  load: (words: string[]) => Promise<WordLookup[]>,
) => Promise<WordLookup[]>;

const uncached: WordLookups = (words, load) => load([...words]);

const total = (rows: unknown[]): number => (rows[0] as { total: number }).total;

/**
 * How many products use the commonest word the search looks for: the words of every variant of
 * its terms, corrections and synonyms included ("washer fride" looks for washer | washing
 * machine and fridge | refrigerator, common words where the typed ones are not). The typed
 * words' lookups serve; the others are looked up (cached like any query word).
 */
async function commonestSearched(
  terms: readonly (readonly string[][])[],
  words: readonly string[],
  lookups: readonly WordLookup[],
  lookup: (words: readonly string[]) => Promise<WordLookup[]>,
): Promise<number> {
  const products = new Map(words.map((w, i) => [w, lookups[i].products ?? 0]));
  const others = [...new Set(terms.flat(2))].filter((w) => !products.has(w));
  (others.length ? await lookup(others) : []).forEach((l, i) => products.set(others[i], l.products ?? 0));
  return Math.max(0, ...terms.flat(2).map((w) => products.get(w) ?? 0));
}

/** Runs a list or search with `run` (the app's EntityManager, the benchmark's pg Pool). */
export async function runProductSearch(
  run: SqlRun,
  criteria: ProductSearchCriteria,
  lookupWords: WordLookups = uncached,
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
  const lookup = (some: readonly string[]) => lookupWords(some, async (missing) => (await run(wordLookupQuery(missing))) as WordLookup[]);
  const lookups = words.length ? await lookup(words) : [];
  const { tsquery, terms } = planSearch(words, lookups);
  if (!tsquery) return { rows: [], total: 0, totalIsExact: true };

  type Matched = ProductRow & { matched: number; estimate: number | null; answered?: boolean };
  const term = postingsTermOf(criteria, terms);
  const several = severalTermsOf(criteria, terms) && severalTermsOf(criteria, terms, await commonestSearched(terms, words, lookups, lookup));
  const exactLimit = term ? postingsExactLimit(criteria) : SEARCH_EXACT_LIMIT;
  let matched = several ? ((await run(termsSearchQuery(criteria, several))) as Matched[]) : null;
  if (!matched?.[0]?.answered)
    matched = (await run(term ? postingsSearchQuery(criteria, term) : searchQuery(criteria, tsquery))) as Matched[];
  const count = matched[0]?.matched ?? 0;
  const rows = matched.filter((r) => r.id !== null);
  if (count <= exactLimit) return { rows, total: count, totalIsExact: true };
  let estimate = matched[0].estimate;
  if (estimate === null) {
    const plan = await run(term ? postingsEstimateQuery(criteria, term) : estimateQuery(criteria, tsquery));
    estimate = (plan[0] as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] })['QUERY PLAN'][0].Plan['Plan Rows'];
  }
  return { rows, total: Math.max(Math.round(estimate), count), totalIsExact: false };
}
