import { MigrationInterface, QueryRunner } from 'typeorm';

const ADJUST_BODY = (notify: boolean) => `
  CREATE OR REPLACE FUNCTION search_words_adjust(docs text[], delta integer) RETURNS void
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
    END IF;${
      notify
        ? `
    PERFORM pg_notify('search_vocabulary', '');`
        : ''
    }
  END $$`;

/**
 * Every change of the search vocabulary (search_words_adjust, called by the product and category
 * triggers) NOTIFYs channel `search_vocabulary` at commit, once per transaction (identical
 * notifications are folded). Each app process drops its cache of query-word lookups
 * (catalog/infrastructure/search-vocabulary.cache.ts) so that a search needs no vocabulary
 * statement while the vocabulary is unchanged, and sees a change as soon as it commits.
 */
export class SearchVocabularyNotify1764800000000 implements MigrationInterface {
  name = 'SearchVocabularyNotify1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ADJUST_BODY(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(ADJUST_BODY(false));
  }
}
