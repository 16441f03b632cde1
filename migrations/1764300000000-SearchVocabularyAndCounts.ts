import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that finds what shoppers type, and exact totals that cost nothing to read:
 *
 * - `products.search_vector` is no longer a generated column: it also holds the category's name
 *   (a generated column cannot read another table), kept by a BEFORE trigger on products and
 *   an AFTER trigger on a category rename. Weights: name A, category B, description C.
 * - `search_words`: the catalog's vocabulary (letters-only words of 3-30 characters of every
 *   product's name, category and description, with their English stem and the number of
 *   products using them). The app corrects each unknown query word against it with a trigram
 *   nearest-neighbour search (GiST), never against product names. Statement triggers with
 *   transition tables keep it exact in the same transaction as every product write, and cost one
 *   statement per bulk insert.
 * - `product_counts`: active and inactive products per category, kept the same way, so that the
 *   total of an unfiltered page is a sum of a few rows instead of a count of 100k.
 * - The trigram index on product names goes: nothing compares the query with names any more.
 *
 * Synonyms (washer / washing machine ...) are expanded in the query by the app
 * (catalog/domain/search-terms.ts): a PostgreSQL synonym or thesaurus dictionary needs files in
 * the server's share directory, which a managed server does not let us install.
 */
export class SearchVocabularyAndCounts1764300000000 implements MigrationInterface {
  name = 'SearchVocabularyAndCounts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION product_search_vector(name text, category text, description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, name), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(category, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, description), 'C')
      $$`);
    await q.query(`
      CREATE FUNCTION search_document_words(doc text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT DISTINCT w FROM regexp_split_to_table(lower(doc), '[^[:alpha:]]+') AS w WHERE length(w) BETWEEN 3 AND 30
      $$`);
    // The English stem of one word; NULL for a stop word ("the", "for").
    await q.query(`
      CREATE FUNCTION search_lexeme(word text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (tsvector_to_array(to_tsvector('english'::regconfig, word)))[1]
      $$`);

    await q.query(`ALTER TABLE products ALTER COLUMN search_vector DROP EXPRESSION`);
    await q.query(`DROP INDEX products_name_trgm_idx`);
    await q.query(`
      UPDATE products p SET search_vector = product_search_vector(p.name, c.name, p.description)
        FROM categories c WHERE c.id = p.category_id`);
    await q.query(`ALTER TABLE products ALTER COLUMN search_vector SET NOT NULL`);

    await q.query(`
      CREATE TABLE search_words (
        word text PRIMARY KEY,
        lexeme text NOT NULL,
        products integer NOT NULL CHECK (products >= 0)
      )`);
    await q.query(`CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops)`);
    await q.query(`CREATE INDEX search_words_lexeme_idx ON search_words (lexeme)`);
    // docs: one text per product (name, category name, description); delta: +1 or -1 per product.
    // Decrements update in place: an INSERT of a negative count would fail the CHECK before
    // ON CONFLICT is considered. Writers of the vocabulary and the counts take one transaction
    // advisory lock first: they touch many shared rows in no fixed order (a product's old words,
    // then its new ones), which could otherwise deadlock. Product writes are rare admin actions.
    await q.query(`
      CREATE FUNCTION search_words_adjust(docs text[], delta integer) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('catalog_search_counts'));
        IF delta > 0 THEN
          INSERT INTO search_words (word, lexeme, products)
          SELECT word, lexeme, n * delta FROM (
            SELECT w AS word, search_lexeme(w) AS lexeme, count(*)::int AS n
              FROM unnest(docs) AS d, search_document_words(d) AS w
             GROUP BY w
          ) s
           WHERE lexeme IS NOT NULL
           ORDER BY word
          ON CONFLICT (word) DO UPDATE SET products = search_words.products + EXCLUDED.products;
        ELSE
          UPDATE search_words sw SET products = sw.products + s.n * delta
            FROM (SELECT w AS word, count(*)::int AS n FROM unnest(docs) AS d, search_document_words(d) AS w GROUP BY w) s
           WHERE sw.word = s.word;
        END IF;
      END $$`);

    await q.query(`
      CREATE TABLE product_counts (
        category_id uuid NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        is_active boolean NOT NULL,
        products integer NOT NULL CHECK (products >= 0),
        PRIMARY KEY (category_id, is_active)
      )`);
    await q.query(`
      CREATE FUNCTION product_counts_adjust(category_ids uuid[], actives boolean[], delta integer) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('catalog_search_counts'));
        IF delta > 0 THEN
          INSERT INTO product_counts (category_id, is_active, products)
          SELECT category_id, is_active, count(*)::int * delta
            FROM unnest(category_ids, actives) AS u(category_id, is_active)
           GROUP BY category_id, is_active
           ORDER BY category_id, is_active
          ON CONFLICT (category_id, is_active) DO UPDATE SET products = product_counts.products + EXCLUDED.products;
        ELSE
          UPDATE product_counts pc SET products = pc.products + s.n * delta
            FROM (SELECT category_id, is_active, count(*)::int AS n FROM unnest(category_ids, actives) AS u(category_id, is_active) GROUP BY 1, 2) s
           WHERE pc.category_id = s.category_id AND pc.is_active = s.is_active;
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION products_search_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := product_search_vector(NEW.name, (SELECT name FROM categories WHERE id = NEW.category_id), NEW.description);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_search_vector BEFORE INSERT OR UPDATE OF name, description, category_id ON products
      FOR EACH ROW EXECUTE FUNCTION products_search_vector_trigger()`);

    // Inserts and deletes: one adjustment per statement, from the transition table.
    await q.query(`
      CREATE FUNCTION products_inserted_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_words_adjust(ARRAY(SELECT n.name || ' ' || c.name || ' ' || n.description FROM new_rows n JOIN categories c ON c.id = n.category_id), 1);
        PERFORM product_counts_adjust(ARRAY(SELECT category_id FROM new_rows), ARRAY(SELECT is_active FROM new_rows), 1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_inserted AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION products_inserted_trigger()`);
    await q.query(`
      CREATE FUNCTION products_deleted_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_words_adjust(ARRAY(SELECT o.name || ' ' || c.name || ' ' || o.description FROM old_rows o JOIN categories c ON c.id = o.category_id), -1);
        PERFORM product_counts_adjust(ARRAY(SELECT category_id FROM old_rows), ARRAY(SELECT is_active FROM old_rows), -1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_deleted AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION products_deleted_trigger()`);
    // Updates: row triggers that fire only when a counted column changed (not for ratings or prices).
    await q.query(`
      CREATE FUNCTION products_text_updated_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_words_adjust(ARRAY[OLD.name || ' ' || (SELECT name FROM categories WHERE id = OLD.category_id) || ' ' || OLD.description], -1);
        PERFORM search_words_adjust(ARRAY[NEW.name || ' ' || (SELECT name FROM categories WHERE id = NEW.category_id) || ' ' || NEW.description], 1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_text_updated AFTER UPDATE ON products FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.description IS DISTINCT FROM NEW.description OR OLD.category_id IS DISTINCT FROM NEW.category_id)
      EXECUTE FUNCTION products_text_updated_trigger()`);
    await q.query(`
      CREATE FUNCTION products_counted_updated_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM product_counts_adjust(ARRAY[OLD.category_id], ARRAY[OLD.is_active], -1);
        PERFORM product_counts_adjust(ARRAY[NEW.category_id], ARRAY[NEW.is_active], 1);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_counted_updated AFTER UPDATE ON products FOR EACH ROW
      WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.is_active IS DISTINCT FROM NEW.is_active)
      EXECUTE FUNCTION products_counted_updated_trigger()`);
    // A renamed category changes the document of each of its products.
    await q.query(`
      CREATE FUNCTION categories_renamed_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_words_adjust(ARRAY(SELECT p.name || ' ' || OLD.name || ' ' || p.description FROM products p WHERE p.category_id = NEW.id), -1);
        PERFORM search_words_adjust(ARRAY(SELECT p.name || ' ' || NEW.name || ' ' || p.description FROM products p WHERE p.category_id = NEW.id), 1);
        UPDATE products SET search_vector = product_search_vector(name, NEW.name, description) WHERE category_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER categories_renamed AFTER UPDATE OF name ON categories FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION categories_renamed_trigger()`);

    await q.query(`SELECT search_words_adjust(ARRAY(SELECT p.name || ' ' || c.name || ' ' || p.description FROM products p JOIN categories c ON c.id = p.category_id), 1)`);
    await q.query(`SELECT product_counts_adjust(ARRAY(SELECT category_id FROM products), ARRAY(SELECT is_active FROM products), 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER categories_renamed ON categories`);
    for (const trigger of ['products_counted_updated', 'products_text_updated', 'products_deleted', 'products_inserted', 'products_search_vector']) {
      await q.query(`DROP TRIGGER ${trigger} ON products`);
    }
    for (const fn of [
      'categories_renamed_trigger()',
      'products_counted_updated_trigger()',
      'products_text_updated_trigger()',
      'products_deleted_trigger()',
      'products_inserted_trigger()',
      'products_search_vector_trigger()',
      'product_counts_adjust(uuid[], boolean[], integer)',
      'search_words_adjust(text[], integer)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE product_counts`);
    await q.query(`DROP TABLE search_words`);
    await q.query(`ALTER TABLE products DROP COLUMN search_vector`);
    await q.query(`
      ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
      ) STORED`);
    await q.query(`CREATE INDEX products_search_idx ON products USING gin (search_vector) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops) WITH (fastupdate = off)`);
    for (const fn of ['search_lexeme(text)', 'search_document_words(text)', 'product_search_vector(text, text, text)']) await q.query(`DROP FUNCTION ${fn}`);
  }
}
