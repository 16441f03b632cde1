/**
 * Typed client of the Repair Commerce API, generated from openapi.json (`npm run openapi`):
 * `schema.d.ts` by openapi-typescript, calls through openapi-fetch.
 *
 *   const api = createApiClient({ baseUrl: 'https://shop.example' });
 *   const { data, error } = await api.GET('/api/v1/orders/{id}', { params: { path: { id } } });
 *   // data: an order; error: a Problem (error.code, error.detail, error.errors)
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type ApiClient = Client<paths>;

export function createApiClient(options: ClientOptions = {}): ApiClient {
  return createClient<paths>(options);
}
