import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { Cart, CartLine } from '../domain/cart';
import { CartListQuery, CartOwner, CartRepository, CartSummary } from '../domain/cart.ports';
import { CartItemOrmEntity, CartOrmEntity } from './cart.orm-entity';

const ownerClause = (owner: CartOwner): [string, string] =>
  'userId' in owner ? ['user_id = $1', owner.userId] : ['token_hash = $1 AND user_id IS NULL', owner.tokenHash];

const toLine = (row: CartItemOrmEntity): CartLine => ({
  id: row.id,
  kind: row.productId ? 'product' : 'service',
  itemId: (row.productId ?? row.serviceId) as string,
  quantity: row.quantity,
  unitPriceAtAdd: row.unitPriceAtAdd,
  addedAt: row.addedAt,
});

@Injectable()
export class TypeOrmCartRepository extends CartRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  findActiveForUpdate(owner: CartOwner): Promise<Cart | null> {
    return this.load(owner, true);
  }

  findActive(owner: CartOwner): Promise<Cart | null> {
    return this.load(owner, false);
  }

  async getOrCreateForUser(userId: string): Promise<Cart> {
    await this.tx.manager.query(
      `INSERT INTO carts (id, user_id, status) VALUES ($1, $2, 'active')
       ON CONFLICT (user_id) WHERE status = 'active' AND user_id IS NOT NULL DO NOTHING`,
      [randomUUID(), userId],
    );
    const cart = await this.load({ userId }, true);
    if (!cart) throw new Error(`active cart of ${userId} vanished`);
    return cart;
  }

  async save(cart: Cart): Promise<void> {
    const { lines, ...row } = cart.snapshot();
    const m = this.tx.manager;
    await m.upsert(CartOrmEntity, row, ['id']);
    const ids = lines.map((l) => l.id);
    await m.query(`DELETE FROM cart_items WHERE cart_id = $1 AND NOT (id = ANY($2::uuid[]))`, [row.id, ids]);
    if (lines.length) {
      await m.upsert(
        CartItemOrmEntity,
        lines.map((l) => ({
          id: l.id,
          cartId: row.id,
          productId: l.kind === 'product' ? l.itemId : null,
          serviceId: l.kind === 'service' ? l.itemId : null,
          quantity: l.quantity,
          unitPriceAtAdd: l.unitPriceAtAdd,
          addedAt: l.addedAt,
        })),
        ['id'],
      );
    }
  }

  async list(query: CartListQuery): Promise<Page<CartSummary>> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (query.status) where.push(`c.status = $${values.push(query.status)}`);
    if (query.userId) where.push(`c.user_id = $${values.push(query.userId)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const m = this.tx.manager;
    const [rows, [{ total }]] = await Promise.all([
      m.query(
        `SELECT c.id, c.user_id, c.status, c.discount_code, c.created_at, c.updated_at,
                COALESCE((SELECT sum(quantity)::int FROM cart_items i WHERE i.cart_id = c.id), 0) AS item_count
           FROM carts c ${whereSql} ORDER BY c.updated_at DESC, c.id
          LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, query.limit, offsetOf(query)],
      ) as Promise<Record<string, never>[]>,
      m.query(`SELECT count(*)::int AS total FROM carts c ${whereSql}`, values) as Promise<{ total: number }[]>,
    ]);
    return pageOf(
      rows.map((r: Record<string, unknown>) => ({
        id: r.id as string,
        userId: r.user_id as string | null,
        status: r.status as CartSummary['status'],
        itemCount: r.item_count as number,
        discountCode: r.discount_code as string | null,
        createdAt: r.created_at as Date,
        updatedAt: r.updated_at as Date,
      })),
      total,
      query,
    );
  }

  async expireAnonymous(before: Date, batch: number): Promise<number> {
    // SKIP LOCKED: a cart being written right now is left for the next run, and two app
    // processes running this job never touch the same rows.
    const [, count] = (await this.tx.manager.query(
      `UPDATE carts SET status = 'expired', updated_at = now()
        WHERE id IN (SELECT id FROM carts WHERE status = 'active' AND user_id IS NULL AND updated_at < $1
                      ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, batch],
    )) as [unknown, number];
    return count;
  }

  private async load(owner: CartOwner, lock: boolean): Promise<Cart | null> {
    const [clause, value] = ownerClause(owner);
    const m = this.tx.manager;
    const [row] = (await m.query(
      `SELECT id, user_id, token_hash, status, discount_code, created_at, updated_at FROM carts
        WHERE ${clause} AND status = 'active' ${lock ? 'FOR UPDATE' : ''}`,
      [value],
    )) as { id: string; user_id: string | null; token_hash: string | null; status: 'active'; discount_code: string | null; created_at: Date; updated_at: Date }[];
    if (!row) return null;
    const items = await m.find(CartItemOrmEntity, { where: { cartId: row.id }, order: { addedAt: 'ASC', id: 'ASC' } });
    return Cart.restore({
      id: row.id,
      userId: row.user_id,
      tokenHash: row.token_hash,
      status: row.status,
      discountCode: row.discount_code,
      lines: items.map(toLine),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }
}
