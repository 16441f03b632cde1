import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `product_terms`: the search index as a btree, one row per (lexeme, active product), with the
 * product's category and price in the key. A search for one term (one word, or one word and its
 * synonyms) within a category, in price order, reads the page and counts up to the exact limit
 * straight from the index in key order (an index-only scan): its cost is the page's, not the
 * number of matches, at any catalog size (catalog/infrastructure/product-search.query.ts).
 * `headline`: the lexeme is in the product's name or category (weights A/B), which a relevance
 * search collects first; `rank`: the product's relevance for that lexeme alone
 * (`ts_rank_cd(search_vector, lexeme)`, what a search for the one word ranks by), so that a
 * one-word search ranks from the index too.
 *
 * Kept by triggers in the same transaction as every product write, like `search_words` and
 * `product_counts`: inserts and deletes per statement (transition tables), updates per row and
 * only when the text, category, price or status changed. Old rows are found by their full key
 * (the old lexemes, category and price), so no second index by product is needed.
 */
/** The postings of a set of product rows (the caller passes active ones only), and their removal by full key. */
export const POSTINGS_ADD = `
  CREATE OR REPLACE FUNCTION product_terms_add(rows products[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO product_terms (term, category_id, price, product_id, headline, rank)
    SELECT t.lexeme, p.category_id, p.price, p.id, t.weights && '{A,B}'::text[],
           ts_rank_cd(p.search_vector, quote_literal(t.lexeme)::tsquery)
      FROM unnest(rows) AS p, unnest(p.search_vector) AS t
  $$`;
export const POSTINGS_REMOVE = `
  CREATE OR REPLACE FUNCTION product_terms_remove(rows products[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM product_terms t
     USING (SELECT p.id, p.category_id, p.price, l.term
              FROM unnest(rows) AS p, unnest(tsvector_to_array(p.search_vector)) AS l(term)) o
     WHERE t.term = o.term AND t.category_id = o.category_id AND t.price = o.price AND t.product_id = o.id
  $$`;
/**
 * The trigger functions as this migration writes them; SearchTermCounts1765000000000 replaces
 * them (the counts kept too) and its `down` puts these back.
 */
export const POSTINGS_WRITTEN_TRIGGER = `
  CREATE OR REPLACE FUNCTION product_terms_written_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM product_terms_add(ARRAY(SELECT n::products FROM new_rows n WHERE n.is_active));
    ELSE
      PERFORM product_terms_remove(ARRAY(SELECT o::products FROM old_rows o WHERE o.is_active));
    END IF;
    RETURN NULL;
  END $$`;
export const POSTINGS_UPDATED_TRIGGER = `
  CREATE OR REPLACE FUNCTION product_terms_updated_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF OLD.is_active THEN PERFORM product_terms_remove(ARRAY[OLD]); END IF;
    IF NEW.is_active THEN PERFORM product_terms_add(ARRAY[NEW]); END IF;
    RETURN NULL;
  END $$`;

export class SearchPostings1764900000000 implements MigrationInterface {
  name = 'SearchPostings1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_terms (
        term text NOT NULL,
        category_id uuid NOT NULL,
        price integer NOT NULL,
        product_id uuid NOT NULL,
        headline boolean NOT NULL,
        rank real NOT NULL,
        PRIMARY KEY (term, category_id, price, product_id) INCLUDE (headline, rank)
      )`);
    // Every lexeme its own statistics: the estimate of a search's matches above the exact limit
    // is the planner's (search for one term: a few hundred distinct lexemes are common).
    await q.query(`ALTER TABLE product_terms ALTER COLUMN term SET STATISTICS 1000`);
    // The postings of a set of product rows (the caller passes active ones only), and their removal
    // by full key.
    await q.query(POSTINGS_ADD);
    await q.query(POSTINGS_REMOVE);

    // Inserts and deletes: once per statement, from its transition table.
    await q.query(POSTINGS_WRITTEN_TRIGGER);
    await q.query(`
      CREATE TRIGGER product_terms_inserted AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION product_terms_written_trigger()`);
    await q.query(`
      CREATE TRIGGER product_terms_deleted AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION product_terms_written_trigger()`);
    await q.query(POSTINGS_UPDATED_TRIGGER);
    await q.query(`
      CREATE TRIGGER product_terms_updated AFTER UPDATE ON products FOR EACH ROW
      WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.category_id IS DISTINCT FROM NEW.category_id
            OR OLD.price IS DISTINCT FROM NEW.price OR OLD.is_active IS DISTINCT FROM NEW.is_active)
      EXECUTE FUNCTION product_terms_updated_trigger()`);

    await q.query(`
      SELECT product_terms_add(ARRAY(SELECT p FROM products p WHERE p.is_active))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of ['product_terms_updated', 'product_terms_deleted', 'product_terms_inserted']) {
      await q.query(`DROP TRIGGER ${trigger} ON products`);
    }
    for (const fn of [
      'product_terms_updated_trigger()',
      'product_terms_written_trigger()',
      'product_terms_remove(products[])',
      'product_terms_add(products[])',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE product_terms`);
  }
}
