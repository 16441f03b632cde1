import { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTINGS_UPDATED_TRIGGER, POSTINGS_WRITTEN_TRIGGER } from './1764900000000-SearchPostings';

/** rows: active products (as product_terms_add and _remove take them); delta: +1 or -1. */
export const COUNTS_ADJUST = `
  CREATE OR REPLACE FUNCTION product_term_counts_adjust(rows products[], delta integer) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    IF cardinality(rows) = 0 THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(hashtext('catalog_search_counts'));
    IF delta > 0 THEN
      INSERT INTO product_term_counts AS c (term, category_id, products)
      SELECT l.term, p.category_id, count(*)::int
        FROM unnest(rows) AS p, unnest(tsvector_to_array(p.search_vector)) AS l(term)
       GROUP BY 1, 2
       ORDER BY 1, 2
      ON CONFLICT (term, category_id) DO UPDATE SET products = c.products + EXCLUDED.products;
    ELSE
      UPDATE product_term_counts c SET products = c.products - s.n
        FROM (SELECT l.term, p.category_id, count(*)::int AS n
                FROM unnest(rows) AS p, unnest(tsvector_to_array(p.search_vector)) AS l(term)
               GROUP BY 1, 2) s
       WHERE c.term = s.term AND c.category_id = s.category_id;
    END IF;
  END $$`;
/** The update trigger as this migration writes it (SearchPhrasePostings1765100000000 replaces it; its `down` puts it back). */
export const COUNTED_UPDATED_TRIGGER = `
  CREATE OR REPLACE FUNCTION product_terms_updated_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    recounted boolean := OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.category_id IS DISTINCT FROM NEW.category_id
                         OR tsvector_to_array(OLD.search_vector) IS DISTINCT FROM tsvector_to_array(NEW.search_vector);
  BEGIN
    IF OLD.is_active THEN
      PERFORM product_terms_remove(ARRAY[OLD]);
      IF recounted THEN PERFORM product_term_counts_adjust(ARRAY[OLD], -1); END IF;
    END IF;
    IF NEW.is_active THEN
      PERFORM product_terms_add(ARRAY[NEW]);
      IF recounted THEN PERFORM product_term_counts_adjust(ARRAY[NEW], 1); END IF;
    END IF;
    RETURN NULL;
  END $$`;

/**
 * `product_term_counts`: how many active products of each category hold each lexeme, i.e. the
 * size of every (term, category) range of `product_terms`. A search of several words reads them
 * first: they say in which categories all its words occur and how densely, so that it visits
 * only those, densest first, reading the postings of its rarest word there and probing the
 * others by primary key, and stops at the exact limit (catalog/infrastructure/product-search.query.ts).
 *
 * Kept in the same transaction as `product_terms`, by the same triggers: inserts and deletes of
 * products per statement, updates per row and only when the postings' lexemes, category or
 * status changed (a new price moves postings within their range, which leaves the counts as
 * they are). Like `search_words` and `product_counts`, writers take the catalog's counts lock
 * first: a product's old and new lexemes are many shared rows in no fixed order. A count that
 * falls to 0 stays as a row, and searches read only positive ones.
 */
export class SearchTermCounts1765000000000 implements MigrationInterface {
  name = 'SearchTermCounts1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_term_counts (
        term text NOT NULL,
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        products integer NOT NULL CHECK (products >= 0),
        PRIMARY KEY (term, category_id)
      )`);
    await q.query(COUNTS_ADJUST);
    await q.query(`
      CREATE OR REPLACE FUNCTION product_terms_written_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        active products[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          active := ARRAY(SELECT n::products FROM new_rows n WHERE n.is_active);
          PERFORM product_terms_add(active);
          PERFORM product_term_counts_adjust(active, 1);
        ELSE
          active := ARRAY(SELECT o::products FROM old_rows o WHERE o.is_active);
          PERFORM product_terms_remove(active);
          PERFORM product_term_counts_adjust(active, -1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(COUNTED_UPDATED_TRIGGER);
    await q.query(`
      INSERT INTO product_term_counts (term, category_id, products)
      SELECT term, category_id, count(*)::int FROM product_terms GROUP BY term, category_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(POSTINGS_WRITTEN_TRIGGER);
    await q.query(POSTINGS_UPDATED_TRIGGER);
    await q.query(`DROP FUNCTION product_term_counts_adjust(products[], integer)`);
    await q.query(`DROP TABLE product_term_counts`);
  }
}
