import { Injectable } from '@nestjs/common';
import { Actor } from '../../../shared/domain/actor';
import { Page } from '../../../shared/domain/page';
import { ProductCatalog, SellerProductQuery, SellerProductView } from './catalog.views';

/** A seller's own catalog: every product they own (deactivated ones too) with its stock level. */
@Injectable()
export class SellerProducts {
  constructor(private readonly catalog: ProductCatalog) {}

  list(seller: Actor, query: SellerProductQuery): Promise<Page<SellerProductView>> {
    return this.catalog.ownedBy(seller.userId, query);
  }
}
