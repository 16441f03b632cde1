import { PRODUCT_SORTS, ProductSearchCriteria, ProductSort } from '../../src/modules/catalog/application/catalog.views';

/** Query-string parameters to search criteria, as the app's ProductQueryDto reads them (no validation). */
export function criteriaOf(query: Record<string, string | undefined>): ProductSearchCriteria {
  const int = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const sort = PRODUCT_SORTS.includes(query.sort as ProductSort) ? (query.sort as ProductSort) : 'relevance';
  return {
    q: query.q,
    category: query.category,
    minPrice: int(query.minPrice),
    maxPrice: int(query.maxPrice),
    inStock: query.inStock === undefined ? undefined : query.inStock === 'true',
    sort,
    status: 'active',
    page: int(query.page) ?? 1,
    limit: Math.min(int(query.limit) ?? 20, 100),
  };
}
