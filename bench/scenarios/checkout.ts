import { api, burst, check, createProduct, hex, must, registerCustomers } from '../lib/api';
import type { BenchContext, Scenario } from '../scenario';

const CUSTOMERS = 200;
const STOCK = 50;
const ADDRESS = { name: 'Bench Customer', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' };
/** The seeded free shipping method: the bench measures checkout, not shipping. */
const SHIPPING_METHOD = 'economy';

const THROUGHPUT_ORDERS = 200;
const THROUGHPUT_CONNECTIONS = 20;

/** Customers each with one unit of their own product in the cart, ready to check out. */
async function customersWithCarts(ctx: BenchContext, count: number): Promise<{ tokens: string[]; productIds: string[] }> {
  const slug = `bench-${hex()}`;
  await must(ctx, 201, 'POST', '/categories', ctx.tokens.admin, { slug, name: `Bench ${slug}` });
  const productIds: string[] = [];
  for (let i = 0; i < count; i += 20) {
    productIds.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, () => createProduct(ctx, 1000, 1999, slug)))));
  }
  const tokens = await registerCustomers(ctx, count);
  for (let i = 0; i < count; i += 20) {
    await Promise.all(tokens.slice(i, i + 20).map((t, k) => must(ctx, 201, 'POST', '/cart/items', t, { productId: productIds[i + k], quantity: 1 })));
  }
  return { tokens, productIds };
}

/** The statements of one checkout, sent through a second app process that records its SQL. */
async function checkoutStatements(ctx: BenchContext): Promise<string[]> {
  const { tokens } = await customersWithCarts(ctx, 1);
  const traced = await ctx.startTracedApp();
  try {
    const via = { ...ctx, appUrl: traced.url };
    await must(via, 200, 'GET', '/users/me', tokens[0]); // the session is then cached, as in steady state
    const since = Date.now();
    await must(via, 201, 'POST', '/orders', tokens[0], { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD });
    return traced.statementsSince(since);
  } finally {
    await traced.stop();
  }
}

/**
 * checkout.race: 200 customers, one unit each of a product with 50 in stock, all checking out at once.
 * checkout.throughput: 200 customers each checking out their own product (no contention), 20 at a time.
 */
export const checkoutScenarios: Scenario[] = [
  {
    kind: 'race',
    name: 'checkout.throughput',
    description: `${THROUGHPUT_ORDERS} customers each with 1 unit of their OWN product in the cart POST /api/v1/orders, ${THROUGHPUT_CONNECTIONS} in flight at a time (no contention); orders/s and the SQL statements of one checkout`,
    perDataset: true,
    run: async (ctx) => {
      const { tokens, productIds } = await customersWithCarts(ctx, THROUGHPUT_ORDERS);
      const result = await burst(
        ctx,
        { scenario: 'checkout.throughput', unit: 'orders/s', concurrency: THROUGHPUT_CONNECTIONS },
        tokens.map((t) => () => api(ctx, 'POST', '/orders', t, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD })),
        async (answers) => {
          const created = answers.filter((a) => a.status === 201).length;
          const serverErrors = answers.filter((a) => a.status >= 500 || a.status === 0).length;
          const reserved = (await ctx.db.query(`SELECT count(*)::int AS n FROM inventory WHERE product_id = ANY($1::uuid[]) AND reserved = 1`, [productIds]))
            .rows[0] as { n: number };
          return [
            check(`every checkout succeeds (${THROUGHPUT_ORDERS})`, String(THROUGHPUT_ORDERS), created, created === THROUGHPUT_ORDERS),
            check('one unit reserved per product', String(THROUGHPUT_ORDERS), reserved.n, reserved.n === THROUGHPUT_ORDERS),
            check('no 5xx or network errors', '0', serverErrors, serverErrors === 0),
          ];
        },
      );
      return { ...result, statements: await checkoutStatements(ctx) };
    },
  },
  {
    kind: 'race',
    name: 'checkout.race',
    description: `${CUSTOMERS} customers each with 1 unit of ONE product (${STOCK} in stock) in their cart fire POST /api/v1/orders at once; exactly ${STOCK} may succeed`,
    perDataset: false,
    run: async (ctx) => {
      const productId = await createProduct(ctx, STOCK);
      const tokens = await registerCustomers(ctx, CUSTOMERS);
      for (let i = 0; i < tokens.length; i += 20) {
        await Promise.all(tokens.slice(i, i + 20).map((t) => must(ctx, 201, 'POST', '/cart/items', t, { productId, quantity: 1 })));
      }
      return burst(
        ctx,
        { scenario: 'checkout.race', unit: 'orders/s' },
        tokens.map((t) => () => api(ctx, 'POST', '/orders', t, { shippingAddress: ADDRESS, shippingMethod: SHIPPING_METHOD })),
        async (answers) => {
          const created = answers.filter((a) => a.status === 201).length;
          const serverErrors = answers.filter((a) => a.status >= 500 || a.status === 0).length;
          const orders = (
            await ctx.db.query(`SELECT count(DISTINCT order_id)::int AS n FROM order_items WHERE product_id = $1`, [productId])
          ).rows[0] as { n: number };
          const stock = (
            await ctx.db.query(
              `SELECT i.on_hand, i.reserved,
                      (SELECT COALESCE(sum(on_hand_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS on_hand_sum,
                      (SELECT COALESCE(sum(reserved_delta), 0)::int FROM stock_movements m WHERE m.product_id = i.product_id) AS reserved_sum
                 FROM inventory i WHERE i.product_id = $1`,
              [productId],
            )
          ).rows[0] as { on_hand: number; reserved: number; on_hand_sum: number; reserved_sum: number };
          const available = stock.on_hand - stock.reserved;
          return [
            check(`orders for the product = ${STOCK}`, String(STOCK), orders.n, orders.n === STOCK),
            check('201 answers = orders in the database', String(orders.n), created, created === orders.n),
            check('inventory available (on_hand - reserved) = 0', '0', `${available} (on_hand ${stock.on_hand}, reserved ${stock.reserved})`, available === 0),
            check(
              'ledger sums = inventory',
              `on_hand ${stock.on_hand}, reserved ${stock.reserved}`,
              `on_hand ${stock.on_hand_sum}, reserved ${stock.reserved_sum}`,
              stock.on_hand_sum === stock.on_hand && stock.reserved_sum === stock.reserved,
            ),
            check('no 5xx or network errors', '0', serverErrors, serverErrors === 0),
          ];
        },
      );
    },
  },
];
