import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog: categories, products (with full-text and trigram search), one inventory record per
 * product plus its movement ledger, repair services and their types, reviews.
 */
export class Catalog1764150000000 implements MigrationInterface {
  name = 'Catalog1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Typo tolerance of name search ("headphnes" -> "headphones"); applies to new connections.
    await q.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = 0.5', current_database()); END $$`);
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        price integer NOT NULL CHECK (price >= 0),
        category_id uuid NOT NULL REFERENCES categories(id),
        image_url text,
        is_active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        rating_count integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
        rating_sum integer NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
        rating_avg numeric(3,2) NOT NULL DEFAULT 0,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX products_search_idx ON products USING gin (search_vector)`);
    await q.query(`CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX products_category_price_idx ON products (category_id, price) WHERE is_active`);
    await q.query(`CREATE INDEX products_price_idx ON products (price, id) WHERE is_active`);
    await q.query(`CREATE INDEX products_newest_idx ON products (created_at DESC, id) WHERE is_active`);
    await q.query(`CREATE INDEX products_rating_idx ON products (rating_avg DESC, rating_count DESC, id) WHERE is_active`);
    await q.query(`
      CREATE TABLE inventory (
        product_id uuid PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
        on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inventory_available_not_negative CHECK (reserved <= on_hand)
      )`);
    await q.query(`CREATE INDEX inventory_available_idx ON inventory ((on_hand - reserved))`);
    await q.query(`
      CREATE TABLE stock_movements (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        on_hand_delta integer NOT NULL,
        reserved_delta integer NOT NULL,
        reason text NOT NULL CHECK (reason IN ('restock', 'adjustment', 'reservation', 'release', 'sale')),
        reference_id text,
        note text,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, created_at DESC)`);
    await q.query(`CREATE INDEX stock_movements_reference_idx ON stock_movements (reference_id) WHERE reference_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE service_types (
        slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL
      )`);
    await q.query(`
      INSERT INTO service_types (slug, name) VALUES
        ('washer', 'Washing machines'), ('dryer', 'Tumble dryers'), ('fridge', 'Fridges and freezers'),
        ('oven', 'Ovens and cookers'), ('dishwasher', 'Dishwashers'), ('microwave', 'Microwaves')`);
    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
        base_price integer NOT NULL CHECK (base_price >= 0),
        service_type text NOT NULL REFERENCES service_types(slug),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX services_type_idx ON services (service_type) WHERE is_active`);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
        verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reviews_one_per_user_per_product UNIQUE (product_id, user_id)
      )`);
    await q.query(`CREATE INDEX reviews_product_idx ON reviews (product_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE verified_purchases (
        user_id uuid NOT NULL,
        product_id uuid NOT NULL,
        first_order_id uuid NOT NULL,
        PRIMARY KEY (user_id, product_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['verified_purchases', 'reviews', 'services', 'service_types', 'stock_movements', 'inventory', 'products', 'categories']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
