import { Injectable } from '@nestjs/common';
import { Actor, isAdmin } from '../../../shared/domain/actor';
import { canManageProduct } from '../domain/product';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { CategoryView, ProductCatalog, ProductPage, ProductSearchCriteria, ProductView } from './catalog.views';

/** Public reads of the catalog; inactive products exist only for admins (and, one by one, their seller). */
@Injectable()
export class BrowseProducts {
  constructor(private readonly catalog: ProductCatalog) {}

  search(criteria: ProductSearchCriteria, actor?: Actor): Promise<ProductPage> {
    if (criteria.status !== 'active' && !isAdmin(actor)) {
      throw new ForbiddenError('Only admins can list inactive products');
    }
    if (criteria.minPrice !== undefined && criteria.maxPrice !== undefined && criteria.minPrice > criteria.maxPrice) {
      throw new ValidationError('minPrice', 'must not be greater than maxPrice');
    }
    return this.catalog.search(criteria);
  }

  async get(id: string, actor?: Actor): Promise<ProductView> {
    const view = await this.catalog.findView(id);
    const mayManage = actor !== undefined && view !== null && canManageProduct(actor, view.seller?.id ?? null);
    if (!view || (!view.isActive && !mayManage)) throw new NotFoundError('Product', id);
    return view;
  }

  categories(): Promise<CategoryView[]> {
    return this.catalog.categories();
  }
}
