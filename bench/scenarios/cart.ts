import { createProduct, registerCustomers } from '../lib/api';
import type { BenchContext, HttpRequest, Scenario } from '../scenario';
import { throughputVsProductById } from './catalog';

/**
 * Enough customers and products that no cart line reaches the 99-unit limit nor a cart the
 * 50-line limit: request pair k adds product floor(k / CUSTOMERS) % PRODUCTS to customer
 * k % CUSTOMERS, so a line grows by one every CUSTOMERS * PRODUCTS pairs (98 units after
 * ~78,000 adds), and consecutive pairs go to different carts.
 */
const CUSTOMERS = 20;
const PRODUCTS = 40;

interface CartFixture {
  tokens: string[];
  productIds: string[];
}

let fixture: CartFixture | undefined;

async function setup(ctx: BenchContext): Promise<void> {
  const productIds: string[] = [];
  for (let i = 0; i < PRODUCTS; i += 10) productIds.push(...(await Promise.all(Array.from({ length: 10 }, () => createProduct(ctx, 1_000_000)))));
  fixture = { tokens: await registerCustomers(ctx, CUSTOMERS), productIds };
}

function source(): () => HttpRequest {
  if (!fixture) throw new Error('cart.add-and-get: setup did not run');
  const { tokens, productIds } = fixture;
  const headers = tokens.map((t) => ({ authorization: `Bearer ${t}` }));
  const bodies = productIds.map((productId) => JSON.stringify({ productId, quantity: 1 }));
  // Shared between the warm-up and the measured run, so lines keep growing from where they were.
  let i = 0;
  return () => {
    const k = Math.floor(i / 2);
    const add = i % 2 === 0;
    i++;
    const who = headers[k % CUSTOMERS];
    if (!add) return { path: '/api/v1/cart', headers: who };
    return { method: 'POST', path: '/api/v1/cart/items', headers: who, body: bodies[Math.floor(k / CUSTOMERS) % PRODUCTS] };
  };
}

let shared: (() => HttpRequest) | undefined;

export const cartScenarios: Scenario[] = [
  {
    name: 'cart.add-and-get',
    description: `signed-in customers (${CUSTOMERS}) alternately POST /api/v1/cart/items {productId, quantity: 1} (${PRODUCTS} products in stock, rotating) and GET /api/v1/cart`,
    perDataset: false,
    setup: async (ctx) => {
      await setup(ctx);
      shared = undefined;
    },
    app: () => {
      shared ??= source();
      return shared;
    },
    checks: (results) => throughputVsProductById(results, 'cart.add-and-get', 'cart add-and-get', 0.4),
  },
];
