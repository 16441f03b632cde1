import { randomBytes } from 'node:crypto';
import type { ProductView } from '../../src/modules/catalog/application/catalog.views';
import { bearer, TestApp } from './test-app';

/**
 * Fixture helpers for catalog suites. The app may seed demo catalog data, so every suite makes
 * its own uniquely named categories and filters by them instead of assuming an empty catalog.
 */
/** The wire shape of a product: the API's own view type, used for compile-time checks only. */
export type ProductBody = ProductView;

export interface PageBody<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface ProductInput {
  name: string;
  price: number;
  category: string;
  description?: string;
  imageUrl?: string | null;
  initialStock?: number;
}

export const uniqueSlug = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function createCategory(app: TestApp, adminToken: string, prefix: string): Promise<string> {
  const slug = uniqueSlug(prefix);
  const res = await app.http().post('/api/v1/categories').set(bearer(adminToken)).send({ slug, name: `Category ${slug}` });
  if (res.status !== 201) throw new Error(`creating category ${slug} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return slug;
}

export async function createProduct(app: TestApp, adminToken: string, input: ProductInput): Promise<ProductBody> {
  const res = await app.http().post('/api/v1/products').set(bearer(adminToken)).send(input);
  if (res.status !== 201) throw new Error(`creating product ${input.name} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as ProductBody;
}

/** Creates the products one after another, so that their creation order is their `newest` order reversed. */
export async function createProducts(app: TestApp, adminToken: string, inputs: ProductInput[]): Promise<ProductBody[]> {
  const created: ProductBody[] = [];
  for (const input of inputs) created.push(await createProduct(app, adminToken, input));
  return created;
}

export const namesOf = (body: { items: { name: string }[] }): string[] => body.items.map((item) => item.name);

export const fieldsOf = (body: { errors?: { field: string }[] }): string[] => (body.errors ?? []).map((e) => e.field);
