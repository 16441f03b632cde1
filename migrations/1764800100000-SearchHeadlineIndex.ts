import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GIN index of each product's name and category words only (weights A and B of its search
 * vector). A relevance search collects the products whose name or category matches first
 * (catalog/infrastructure/product-search.query.ts): through this index that costs what those
 * matches cost, where a weight-restricted query on the full index rechecks every product that
 * mentions the words anywhere (a common word in descriptions: thousands of rows at 100k).
 */
export class SearchHeadlineIndex1764800100000 implements MigrationInterface {
  name = 'SearchHeadlineIndex1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX products_headline_idx ON products USING gin (ts_filter(search_vector, '{a,b}')) WITH (fastupdate = off)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX products_headline_idx`);
  }
}
