import { randomBytes } from 'node:crypto';
import { ADMIN, bearer, login, TestApp } from './test-app';

/**
 * Catalog and discount fixtures for the cart suites, created through the admin API (never
 * assuming an empty catalog), plus small helpers for the cart calls themselves.
 */
export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export const CART_TOKEN = 'x-cart-token';
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

export interface Fixtures {
  app: TestApp;
  admin: string;
  category: string;
}

export async function fixtures(app: TestApp): Promise<Fixtures> {
  const admin = await login(app, ADMIN);
  const category = unique('cart-parts');
  await app.http().post('/api/v1/categories').set(bearer(admin)).send({ slug: category, name: `Cart parts ${category}` }).expect(201);
  return { app, admin, category };
}

export async function createProduct(f: Fixtures, price: number, initialStock: number, name = unique('Part')): Promise<string> {
  const res = await f.app
    .http()
    .post('/api/v1/products')
    .set(bearer(f.admin))
    .send({ name, price, category: f.category, initialStock })
    .expect(201);
  return res.body.id as string;
}

export async function createService(f: Fixtures, basePrice: number, name = unique('Washer repair')): Promise<string> {
  const res = await f.app
    .http()
    .post('/api/v1/services')
    .set(bearer(f.admin))
    .send({ name, basePrice, serviceType: 'washer', durationMinutes: 60 })
    .expect(201);
  return res.body.id as string;
}

export interface DiscountFixture {
  id: string;
  code: string;
}

export async function createDiscount(f: Fixtures, fields: Record<string, unknown>): Promise<DiscountFixture> {
  const code = (fields.code as string | undefined) ?? unique('CODE').toUpperCase();
  const res = await f.app
    .http()
    .post('/api/v1/admin/discounts')
    .set(bearer(f.admin))
    .send({ name: `Discount ${code}`, type: 'percentage', value: 10, ...fields, code })
    .expect(201);
  return { id: res.body.id as string, code: res.body.code as string };
}

/** Headers for a cart call: a bearer token, an anonymous cart token, or nothing. */
export type CartAuth = { token: string } | { cartToken: string } | null;

export const cartHeaders = (auth: CartAuth): Record<string, string> =>
  auth === null ? {} : 'token' in auth ? bearer(auth.token) : { [CART_TOKEN]: auth.cartToken };

export function addItem(app: TestApp, auth: CartAuth, body: Record<string, unknown>) {
  return app.http().post('/api/v1/cart/items').set(cartHeaders(auth)).send(body);
}

export function getCart(app: TestApp, auth: CartAuth) {
  return app.http().get('/api/v1/cart').set(cartHeaders(auth));
}

/** Starts an anonymous cart with one item; returns its token. */
export async function anonymousCartWith(app: TestApp, body: Record<string, unknown>): Promise<string> {
  const res = await addItem(app, null, body).expect(201);
  return res.body.cartToken as string;
}

export interface CartLineBody {
  id: string;
  productId: string | null;
  serviceId: string | null;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  purchasable: boolean;
}

export const lineOf = (cart: { items: CartLineBody[] }, itemId: string): CartLineBody | undefined =>
  cart.items.find((l) => l.productId === itemId || l.serviceId === itemId);
