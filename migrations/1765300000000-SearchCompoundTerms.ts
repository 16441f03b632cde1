import { MigrationInterface, QueryRunner } from 'typeorm';

const TERM = (compound: boolean) => `
  CREATE OR REPLACE FUNCTION search_term(word text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN strpos(word, ' ') > 0 THEN word${
      compound
        ? `
                WHEN strpos(word, '-') > 0 THEN (SELECT l FROM unnest(tsvector_to_array(to_tsvector('english'::regconfig, word))) l
                                                  WHERE strpos(l, '-') > 0 LIMIT 1)`
        : ''
    }
                ELSE search_lexeme(word) END
  $$`;

/**
 * A hyphenated query word ("anti-vibration") is a term of its own: full text keeps a hyphenated
 * word of a product's text whole as well as in parts ('anti-vibr', 'anti', 'vibrat'), so its
 * postings and counts are already kept (search_terms_of). `search_term(word)` now gives a
 * hyphenated word's compound lexeme (NULL when full text keeps none, as for "3-pin"), where it
 * gave its first part's. The search then reads one term's postings where it took two words that
 * always come together for independent and intersected them with GIN (about 10 ms at 100k).
 */
export class SearchCompoundTerms1765300000000 implements MigrationInterface {
  name = 'SearchCompoundTerms1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(TERM(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(TERM(false));
  }
}
