import { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTINGS_ADD, POSTINGS_REMOVE } from './1764900000000-SearchPostings';
import { COUNTED_UPDATED_TRIGGER, COUNTS_ADJUST } from './1765000000000-SearchTermCounts';

/**
 * The synonym dictionary's phrases as search terms of their own. Until now a phrase ("washing
 * machine", a synonym of "washer") had no postings: a search found its candidates through its
 * last word ("machin") and read each candidate product to check the phrase on its text. At 100k
 * products that check was most of the cost of a search such as "washer pump" (about 1,600 of its
 * 1,840 buffer reads). Now `product_terms` and `product_term_counts` hold a posting and a count
 * for every phrase a product holds, keyed by the phrase itself ("washing machine": a lexeme never
 * holds a space), with its headline flag and rank computed on the product's text as a word's are.
 *
 * `search_phrases`: the phrases, each with its full-text query. The list is the one the catalog's
 * search plans with (catalog/domain/search-terms.ts, `INDEXED_PHRASES`; a unit spec holds them
 * equal): a change of the dictionary's phrases is a new migration that adds or removes rows here
 * and their postings and counts, as `up` and `down` do below.
 *
 * `search_term(word)`: the key of a query variant in `product_terms`, a word's lexeme or a
 * phrase's text. `search_terms_of(vector)`: the terms of a product's text, its lexemes and the
 * phrases it holds, which the triggers' functions now add, remove and count.
 */
export const PHRASES = ['washing machine', 'deep freeze', 'dish washer'];

/** The phrase postings (product_terms' columns) of the products that `from` names `p`. */
const phrasePostings = (from: string) => `
    SELECT s.phrase, p.category_id, p.price, p.id, ts_filter(p.search_vector, '{a,b}') @@ s.query,
           ts_rank_cd(p.search_vector, s.query)
      FROM ${from} JOIN search_phrases s ON p.search_vector @@ s.query`;

const PHRASE_POSTINGS_ADD = `
  CREATE OR REPLACE FUNCTION product_terms_add(rows products[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO product_terms (term, category_id, price, product_id, headline, rank)
    SELECT t.lexeme, p.category_id, p.price, p.id, t.weights && '{A,B}'::text[],
           ts_rank_cd(p.search_vector, quote_literal(t.lexeme)::tsquery)
      FROM unnest(rows) AS p, unnest(p.search_vector) AS t
    UNION ALL ${phrasePostings('unnest(rows) AS p')}
  $$`;

const PHRASE_POSTINGS_REMOVE = `
  CREATE OR REPLACE FUNCTION product_terms_remove(rows products[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM product_terms t
     USING (SELECT p.id, p.category_id, p.price, l.term
              FROM unnest(rows) AS p, search_terms_of(p.search_vector) AS l(term)) o
     WHERE t.term = o.term AND t.category_id = o.category_id AND t.price = o.price AND t.product_id = o.id
  $$`;

const PHRASE_COUNTS_ADJUST = COUNTS_ADJUST.replaceAll(
  'unnest(tsvector_to_array(p.search_vector)) AS l(term)',
  'search_terms_of(p.search_vector) AS l(term)',
);

const PHRASE_UPDATED_TRIGGER = COUNTED_UPDATED_TRIGGER.replace(
  'tsvector_to_array(OLD.search_vector) IS DISTINCT FROM tsvector_to_array(NEW.search_vector)',
  'ARRAY(SELECT search_terms_of(OLD.search_vector)) IS DISTINCT FROM ARRAY(SELECT search_terms_of(NEW.search_vector))',
);

export class SearchPhrasePostings1765100000000 implements MigrationInterface {
  name = 'SearchPhrasePostings1765100000000';

  async up(q: QueryRunner): Promise<void> {
    if (PHRASE_COUNTS_ADJUST === COUNTS_ADJUST || PHRASE_UPDATED_TRIGGER === COUNTED_UPDATED_TRIGGER)
      throw new Error(
        'SearchPhrasePostings: the functions it rewrites are not as SearchTermCounts wrote them',
      );
    await q.query(`
      CREATE TABLE search_phrases (
        phrase text PRIMARY KEY CHECK (strpos(phrase, ' ') > 0),
        query tsquery NOT NULL
      )`);
    await q.query(
      `INSERT INTO search_phrases (phrase, query) SELECT p, phraseto_tsquery('english', p) FROM unnest($1::text[]) p`,
      [PHRASES],
    );
    await q.query(`
      CREATE FUNCTION search_term(word text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN strpos(word, ' ') > 0 THEN word ELSE search_lexeme(word) END
      $$`);
    await q.query(`
      CREATE FUNCTION search_terms_of(vector tsvector) RETURNS SETOF text LANGUAGE sql STABLE AS $$
        SELECT unnest(tsvector_to_array(vector))
        UNION ALL
        SELECT s.phrase FROM search_phrases s WHERE vector @@ s.query
      $$`);
    await q.query(PHRASE_POSTINGS_ADD);
    await q.query(PHRASE_POSTINGS_REMOVE);
    await q.query(PHRASE_COUNTS_ADJUST);
    await q.query(PHRASE_UPDATED_TRIGGER);
    await q.query(`
      INSERT INTO product_terms (term, category_id, price, product_id, headline, rank) ${phrasePostings('products p')}
       WHERE p.is_active`);
    await q.query(`
      INSERT INTO product_term_counts (term, category_id, products)
      SELECT t.term, t.category_id, count(*)::int FROM product_terms t
       WHERE t.term IN (SELECT phrase FROM search_phrases) GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM product_term_counts WHERE term IN (SELECT phrase FROM search_phrases)`);
    await q.query(`DELETE FROM product_terms WHERE term IN (SELECT phrase FROM search_phrases)`);
    await q.query(COUNTED_UPDATED_TRIGGER);
    await q.query(COUNTS_ADJUST);
    await q.query(POSTINGS_REMOVE);
    await q.query(POSTINGS_ADD);
    await q.query(`DROP FUNCTION search_terms_of(tsvector)`);
    await q.query(`DROP FUNCTION search_term(text)`);
    await q.query(`DROP TABLE search_phrases`);
  }
}
