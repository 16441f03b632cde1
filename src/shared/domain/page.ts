/** A page of results as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface PageRequest {
  page: number;
  limit: number;
}

export const offsetOf = (p: PageRequest): number => (p.page - 1) * p.limit;

export function pageOf<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return { items, total, page: request.page, limit: request.limit };
}
