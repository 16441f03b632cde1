import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { ItemRef, PurchasableItem } from '../../catalog/application/catalog-items';
import { purchasableItemsJson, purchasableItemsOf } from '../../catalog/contracts/purchasable-items.sql';
import { CartWithItems, CartWithItemsReader } from '../application/cart-with-items';
import { Cart, CartLine, CartProps } from '../domain/cart';
import { CartListQuery, CartOwner, CartRepository, CartSummary } from '../domain/cart.ports';
import { isoTimestamp } from '../../../shared/infrastructure/sql-iso-timestamp';

type OwnerKind = 'user' | 'token';

const ownerOf = (owner: CartOwner): [OwnerKind, string] => ('userId' in owner ? ['user', owner.userId] : ['token', owner.tokenHash]);
const OWNER_CLAUSE: Record<OwnerKind, string> = { user: 'user_id = $1', token: 'token_hash = $1 AND user_id IS NULL' };

const CART_COLUMNS = 'c.id, c.user_id, c.token_hash, c.status, c.discount_code, c.created_at, c.updated_at, c.xmin::text AS version';
const linesOf = (cart: string) => `SELECT i.id, i.product_id, i.service_id, i.quantity, i.unit_price_at_add, ${isoTimestamp('i.added_at')}
    FROM cart_items i WHERE i.cart_id = ${cart} ORDER BY i.added_at, i.id`;
const LINES_JSON = `(SELECT COALESCE(json_agg(l), '[]') FROM (${linesOf('c.id')}) l) AS lines`;

/**
 * A write locks the cart row first (LOCK) and reads the lines in a second statement (LINES): one
 * statement would read them from the snapshot taken before it waited for the lock, missing lines
 * the previous holder added.
 */
const lockOf = (kind: OwnerKind) => `SELECT ${CART_COLUMNS} FROM carts c WHERE ${OWNER_CLAUSE[kind]} AND status = 'active' FOR UPDATE`;
const LOCK: Record<OwnerKind, string> = { user: lockOf('user'), token: lockOf('token') };
const LINES = linesOf('$1');

/**
 * A read without a lock, in one statement (one snapshot): the cart, its lines, and the catalog
 * facts of their items and of one more ($2 a product, $3 a service). The item ids are gathered
 * once (LATERAL): written inside the catalog's condition, the subquery would run again for
 * every product row.
 */
const loadWithItemsOf = (kind: OwnerKind) => `SELECT ${CART_COLUMNS}, ${LINES_JSON}, ${purchasableItemsJson('ids.products', 'ids.services')} AS items
    FROM carts c, LATERAL (
      SELECT ARRAY(SELECT product_id FROM cart_items WHERE cart_id = c.id AND product_id IS NOT NULL) || $2::uuid[] AS products,
             ARRAY(SELECT service_id FROM cart_items WHERE cart_id = c.id AND service_id IS NOT NULL) || $3::uuid[] AS services
    ) ids
   WHERE ${OWNER_CLAUSE[kind]} AND status = 'active'`;
const LOAD_WITH_ITEMS: Record<OwnerKind, string> = { user: loadWithItemsOf('user'), token: loadWithItemsOf('token') };

interface CartRow {
  id: string;
  user_id: string | null;
  token_hash: string | null;
  status: 'active';
  discount_code: string | null;
  created_at: Date;
  updated_at: Date;
  /** The row's xmin, for saveIfUnchanged. */
  version: string;
}

/** A cart_items row, as a query row or as JSON. */
interface LineRow {
  id: string;
  product_id: string | null;
  service_id: string | null;
  quantity: number;
  unit_price_at_add: number;
  added_at: string;
}

const toLine = (row: LineRow): CartLine => ({
  id: row.id,
  kind: row.product_id ? 'product' : 'service',
  itemId: (row.product_id ?? row.service_id) as string,
  quantity: row.quantity,
  unitPriceAtAdd: row.unit_price_at_add,
  addedAt: row.added_at,
});

const signature = (line: CartLine): string => `${line.quantity}:${line.unitPriceAtAdd}`;

/** The line part of a cart write ($1 the cart, $8-$14 from changesOf), done only when `when` holds. */
const WRITE_LINES = (when: string) => `removed AS (
         DELETE FROM cart_items WHERE cart_id = $1 AND id = ANY($8::uuid[]) AND ${when}
       ), written AS (
         INSERT INTO cart_items (id, cart_id, product_id, service_id, quantity, unit_price_at_add, added_at)
         SELECT u.id, $1, u.product_id, u.service_id, u.quantity, u.unit_price_at_add, u.added_at
           FROM unnest($9::uuid[], $10::uuid[], $11::uuid[], $12::int[], $13::int[], $14::timestamptz[])
             AS u(id, product_id, service_id, quantity, unit_price_at_add, added_at)
          WHERE ${when}
         ON CONFLICT (id) DO UPDATE SET quantity = EXCLUDED.quantity, unit_price_at_add = EXCLUDED.unit_price_at_add
       )`;

const SAVE = `WITH cart AS (
         INSERT INTO carts (id, user_id, token_hash, status, discount_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, token_hash = EXCLUDED.token_hash, status = EXCLUDED.status,
                                        discount_code = EXCLUDED.discount_code, updated_at = EXCLUDED.updated_at
       ), ${WRITE_LINES('true')}
       SELECT 1`;

const SAVE_IF_UNCHANGED = `WITH cart AS (
         UPDATE carts SET user_id = $2, token_hash = $3, status = $4, discount_code = $5, updated_at = $7
          WHERE id = $1 AND xmin::text = $6 RETURNING id
       ), ${WRITE_LINES('EXISTS (SELECT 1 FROM cart)')}
       SELECT EXISTS (SELECT 1 FROM cart) AS saved`;

@Injectable()
export class TypeOrmCartRepository extends CartRepository implements CartWithItemsReader {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  findActiveForUpdate(owner: CartOwner): Promise<Cart | null> {
    return this.loadLocked(owner);
  }

  async getOrCreateForUser(userId: string): Promise<Cart> {
    // Nearly always the cart exists: lock it, and insert only when there is none.
    const existing = await this.loadLocked({ userId });
    if (existing) return existing;
    await this.tx.manager.query(
      `INSERT INTO carts (id, user_id, status) VALUES ($1, $2, 'active')
       ON CONFLICT (user_id) WHERE status = 'active' AND user_id IS NOT NULL DO NOTHING`,
      [randomUUID(), userId],
    );
    const cart = await this.loadLocked({ userId });
    if (!cart) throw new Error(`active cart of ${userId} vanished`);
    return cart;
  }

  /**
   * One statement: the cart row, the lines removed since the cart was loaded, and the lines added
   * or changed (not every line on every write). The foreign key of a new cart's lines is checked
   * at the end of the statement, when the cart row is there.
   */
  async save(cart: Cart): Promise<void> {
    const { row, lines } = this.changesOf(cart);
    await this.tx.prepared({ name: 'cart-save', text: SAVE, values: [row.id, row.userId, row.tokenHash, row.status, row.discountCode, row.createdAt, row.updatedAt, ...lines] });
    this.remember(cart);
  }

  /**
   * The same write as `save`, in one statement that needs no transaction and no lock: only when
   * the cart row is still the version that was loaded (its xmin; every write of a cart or its
   * lines rewrites the cart row). Otherwise nothing is written and the caller starts again.
   */
  async saveIfUnchanged(cart: Cart): Promise<boolean> {
    const version = this.versions.get(cart);
    if (version === undefined) return false;
    const { row, lines } = this.changesOf(cart);
    const [{ saved }] = (await this.tx.prepared({
      name: 'cart-save-if-unchanged',
      text: SAVE_IF_UNCHANGED,
      values: [row.id, row.userId, row.tokenHash, row.status, row.discountCode, version, row.updatedAt, ...lines],
    })) as { saved: boolean }[];
    if (saved) this.remember(cart);
    return saved;
  }

  /** The cart row's columns ($1-$7) and the line changes since it was loaded ($8-$14). */
  private changesOf(cart: Cart): { row: Omit<CartProps, 'lines'>; lines: unknown[] } {
    const { lines, ...row } = cart.snapshot();
    const loaded = new Map((this.loadedLines.get(cart) ?? []).map((l) => [l.id, signature(l)]));
    const changed = lines.filter((l) => loaded.get(l.id) !== signature(l));
    const current = new Set(lines.map((l) => l.id));
    const removed = [...loaded.keys()].filter((id) => !current.has(id));
    return {
      row,
      lines: [
        removed,
        changed.map((l) => l.id),
        changed.map((l) => (l.kind === 'product' ? l.itemId : null)),
        changed.map((l) => (l.kind === 'service' ? l.itemId : null)),
        changed.map((l) => l.quantity),
        changed.map((l) => l.unitPriceAtAdd),
        changed.map((l) => l.addedAt),
      ],
    };
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

  async findActiveWithItems(owner: CartOwner, also?: ItemRef): Promise<CartWithItems | null> {
    const [kind, value] = ownerOf(owner);
    const extra = (k: ItemRef['kind']) => (also?.kind === k ? [also.id] : []);
    const [row] = (await this.tx.read({
      name: `cart-with-items:${kind}`,
      text: LOAD_WITH_ITEMS[kind],
      values: [value, extra('product'), extra('service')],
    })) as (CartRow & { lines: LineRow[]; items: PurchasableItem[] })[];
    return row ? { cart: this.restore(row, row.lines), items: purchasableItemsOf(row.items) } : null;
  }

  private async loadLocked(owner: CartOwner): Promise<Cart | null> {
    const [kind, value] = ownerOf(owner);
    const [row] = (await this.tx.read({ name: `cart-lock:${kind}`, text: LOCK[kind], values: [value] })) as CartRow[];
    if (!row) return null;
    return this.restore(row, (await this.tx.read({ name: 'cart-lines', text: LINES, values: [row.id] })) as LineRow[]);
  }

  private restore(row: CartRow, rows: LineRow[]): Cart {
    const lines = rows.map(toLine);
    const cart = Cart.restore({
      id: row.id,
      userId: row.user_id,
      tokenHash: row.token_hash,
      status: row.status,
      discountCode: row.discount_code,
      lines,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    // Cart.restore copied the lines: these stay as loaded.
    this.loadedLines.set(cart, lines);
    this.versions.set(cart, row.version);
    return cart;
  }

  /** The version (xmin) of each cart's row when it was loaded, for saveIfUnchanged. */
  private readonly versions = new WeakMap<Cart, string>();

  /**
   * The lines as loaded or last saved (copies the cart does not change), so that `save` writes
   * only the differences; compared only when saving (a read never saves).
   */
  private readonly loadedLines = new WeakMap<Cart, readonly CartLine[]>();

  private remember(cart: Cart): void {
    this.loadedLines.set(cart, cart.snapshot().lines);
  }
}
