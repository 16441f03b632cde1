import { api, burst, check, createProduct, must, registerCustomers } from '../lib/api';
import type { Scenario } from '../scenario';

const CUSTOMERS = 200;
const STOCK = 50;
const ADDRESS = { name: 'Bench Customer', line1: '1 High Street', city: 'London', postcode: 'N1 1AA', country: 'GB' };

/** 200 customers, one unit each of a product with 50 in stock, all checking out at once. */
export const checkoutScenarios: Scenario[] = [
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
        tokens.map((t) => () => api(ctx, 'POST', '/orders', t, { shippingAddress: ADDRESS })),
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
