import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { DiscountListQuery, DiscountRepository } from '../domain/cart.ports';
import { Discount } from '../domain/discount';
import { DiscountOrmEntity } from './cart.orm-entity';

@Injectable()
export class TypeOrmDiscountRepository extends DiscountRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async findByCode(code: string): Promise<Discount | null> {
    const row = await this.tx.manager.findOneBy(DiscountOrmEntity, { code: Discount.normalizeCode(code) });
    return row ? Discount.restore(row) : null;
  }

  async findById(id: string): Promise<Discount | null> {
    const row = await this.tx.manager.findOneBy(DiscountOrmEntity, { id });
    return row ? Discount.restore(row) : null;
  }

  async insert(discount: Discount): Promise<boolean> {
    // The unique index on upper(code) decides between simultaneous creates of one code.
    const result = await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(DiscountOrmEntity)
      .values(discount.snapshot())
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(discount: Discount): Promise<void> {
    // times_used is owned by redeem(); never overwrite it from a stale read.
    const { timesUsed: _used, id, ...fields } = discount.snapshot();
    await this.tx.manager.update(DiscountOrmEntity, { id }, fields);
  }

  async list(query: DiscountListQuery): Promise<Page<Discount>> {
    const [rows, total] = await this.tx.manager.findAndCount(DiscountOrmEntity, {
      where: query.isActive === undefined ? {} : { isActive: query.isActive },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map((r) => Discount.restore(r)), total, query);
  }

  async usesByCustomer(discountId: string, customerKey: string): Promise<number> {
    const [{ uses }] = (await this.tx.manager.query(
      `SELECT count(*)::int AS uses FROM discount_redemptions WHERE discount_id = $1 AND customer_key = $2`,
      [discountId, customerKey],
    )) as { uses: number }[];
    return uses;
  }

  async redeem(discountId: string, customerKey: string, orderId: string): Promise<'ok' | 'used_up' | 'already_used'> {
    const m = this.tx.manager;
    const [rows] = (await m.query(
      `UPDATE discounts SET times_used = times_used + 1
        WHERE id = $1 AND (max_uses IS NULL OR times_used < max_uses)
        RETURNING per_customer_limit`,
      [discountId],
    )) as [{ per_customer_limit: number | null }[], number];
    if (!rows[0]) return 'used_up';
    // The row lock taken by the UPDATE serializes redemptions of this code until commit.
    const limit = rows[0].per_customer_limit;
    if (limit !== null && (await this.usesByCustomer(discountId, customerKey)) >= limit) return 'already_used';
    await m.query(`INSERT INTO discount_redemptions (id, discount_id, customer_key, order_id) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      discountId,
      customerKey,
      orderId,
    ]);
    return 'ok';
  }

  async unredeem(orderId: string): Promise<void> {
    await this.tx.manager.query(
      `WITH gone AS (DELETE FROM discount_redemptions WHERE order_id = $1 RETURNING discount_id)
       UPDATE discounts d SET times_used = times_used - 1 FROM gone WHERE d.id = gone.discount_id`,
      [orderId],
    );
  }
}
