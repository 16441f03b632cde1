import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12. `unpaid_order_holds`: who (customer, guest person, client address) placed each order,
 * so unpaid orders holding stock or slots can be capped per party. Discount redemptions are
 * re-keyed by person (normalized email without +tag), so a guest and the account with the same
 * email share one per-customer limit; the expression matches `personKey` in src/shared/domain/email.ts.
 */
export class SecurityHardening1764300200000 implements MigrationInterface {
  name = 'SecurityHardening1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unpaid_order_holds (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        party text NOT NULL,
        PRIMARY KEY (order_id, party)
      )`);
    await q.query(`CREATE INDEX unpaid_order_holds_party_idx ON unpaid_order_holds (party)`);
    const person = (email: string) => `'email:' || regexp_replace(lower(btrim(normalize(${email}, NFKC))), '^([^+@]+)\\+[^@]*@', '\\1@')`;
    await q.query(`UPDATE discount_redemptions r SET customer_key = ${person('u.email')} FROM users u WHERE r.customer_key = u.id::text`);
    await q.query(`UPDATE discount_redemptions SET customer_key = ${person("substr(customer_key, 7)")} WHERE customer_key LIKE 'email:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Redemption keys stay person keys (the old keys cannot be told apart again).
    await q.query(`DROP TABLE unpaid_order_holds`);
  }
}
