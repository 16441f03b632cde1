import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_MAX_PRICE } from '../../domain/product';
import { PRODUCT_SORTS, PRODUCT_STATUSES, ProductSort, ProductStatus } from '../../application/catalog.views';
import { BoolField, BoolQuery, EnumField, IntField, IntQuery, StringField, UrlField } from '../../../../shared/presentation/fields';
import { PageMetaDto, PageQueryDto } from '../../../../shared/presentation/pagination';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ProductQueryDto extends PageQueryDto {
  @StringField({ example: 'washer pump', maxLength: 200, optional: true, description: 'Words in name, category or description; each word matched on its own, typos corrected, appliance synonyms expanded' })
  readonly q?: string;
  @StringField({ example: 'washer-parts', maxLength: 80, optional: true, pattern: SLUG, description: 'Category slug' })
  readonly category?: string;
  @IntQuery({ example: 1000, min: 0, max: PRODUCT_MAX_PRICE, description: 'Lowest price in pence' }) readonly minPrice?: number;
  @IntQuery({ example: 50000, min: 0, max: PRODUCT_MAX_PRICE, description: 'Highest price in pence' }) readonly maxPrice?: number;
  @BoolQuery({ example: true, description: 'Only products with stock available (true) or without (false)' }) readonly inStock?: boolean;
  @EnumField(PRODUCT_SORTS, { example: 'price_asc', enumName: 'ProductSort', optional: true, description: 'Default: relevance with q, else newest' })
  readonly sort: ProductSort = 'relevance';
  @EnumField(PRODUCT_STATUSES, { example: 'active', enumName: 'ProductStatus', optional: true, description: 'Admins only: inactive or all' })
  readonly status: ProductStatus = 'active';
}

export class ProductPageMetaDto extends PageMetaDto {
  @ApiProperty({
    example: true,
    description:
      'False when a search matched more than it counts exactly (100 products; 1,000 for one word within a category or price range): `total` is then an estimate above that limit',
  })
  readonly totalIsExact!: boolean;
}

export class CreateProductDto {
  @StringField({ example: 'Drain pump for Bosch washers', minLength: 1, maxLength: 200 }) readonly name!: string;
  @StringField({ example: 'Replacement drain pump, fits Serie 4 and 6.', maxLength: 5000, optional: true }) readonly description?: string;
  @IntField({ example: 3499, min: 0, max: PRODUCT_MAX_PRICE, description: 'Price in pence' }) readonly price!: number;
  @StringField({ example: 'washer-parts', minLength: 1, maxLength: 80, pattern: SLUG, description: 'Category slug' }) readonly category!: string;
  @UrlField({ example: 'https://images.example.com/pump.jpg', maxLength: 2048, optional: true, nullable: true }) readonly imageUrl?: string | null;
  @IntField({ example: 25, min: 0, max: 1_000_000, optional: true, description: 'Units on hand at creation (a restock movement)' })
  readonly initialStock?: number;
}

export class UpdateProductDto {
  @StringField({ example: 'Drain pump for Bosch washers', minLength: 1, maxLength: 200, optional: true }) readonly name?: string;
  @StringField({ example: 'Replacement drain pump.', maxLength: 5000, optional: true }) readonly description?: string;
  @IntField({ example: 3299, min: 0, max: PRODUCT_MAX_PRICE, optional: true }) readonly price?: number;
  @StringField({ example: 'washer-parts', minLength: 1, maxLength: 80, pattern: SLUG, optional: true }) readonly category?: string;
  @UrlField({ example: 'https://images.example.com/pump.jpg', maxLength: 2048, optional: true, nullable: true }) readonly imageUrl?: string | null;
  @BoolField({ example: true, optional: true, description: 'Reactivate a deleted product' }) readonly isActive?: boolean;
}

export class CreateCategoryDto {
  @StringField({ example: 'oven-parts', minLength: 1, maxLength: 80, pattern: SLUG }) readonly slug!: string;
  @StringField({ example: 'Oven parts', minLength: 1, maxLength: 120 }) readonly name!: string;
  @IntField({ example: 0, min: 0, max: 100, optional: true, description: "The category's own VAT rate in percent (e.g. 0 for zero-rated printed manuals); omitted: the standard rate" })
  readonly vatRatePercent?: number;
}

export class CategoryParamsDto {
  @StringField({ example: 'washer-parts', minLength: 1, maxLength: 80, pattern: SLUG, description: 'Category slug' }) readonly slug!: string;
}

export class UpdateCategoryDto {
  @StringField({ example: 'Washing machine parts', minLength: 1, maxLength: 120, optional: true, description: 'New name (search follows it at once)' })
  readonly name?: string;
  @IntField({ example: 0, min: 0, max: 100, optional: true, nullable: true, description: "The category's own VAT rate in percent; null: back to the standard rate. Placed orders keep their rate" })
  readonly vatRatePercent?: number | null;
}

class CategoryRefDto {
  @ApiProperty({ example: 'washer-parts' }) readonly slug!: string;
  @ApiProperty({ example: 'Washer parts' }) readonly name!: string;
}

class ProductAvailabilityDto {
  @ApiProperty({ type: 'integer', example: 12 }) readonly available!: number;
  @ApiProperty({ example: true }) readonly inStock!: boolean;
}

class RatingDto {
  @ApiProperty({ example: 4.5 }) readonly average!: number;
  @ApiProperty({ type: 'integer', example: 12 }) readonly count!: number;
}

class ProductSellerDto {
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'Sam Seller', description: "The seller's name as on their profile" }) readonly name!: string;
}

export class ProductDto {
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'Drain pump for Bosch washers' }) readonly name!: string;
  @ApiProperty({ example: 'Replacement drain pump, fits Serie 4 and 6.' }) readonly description!: string;
  @ApiProperty({ type: 'integer', example: 3499, description: 'Pence' }) readonly price!: number;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ type: () => CategoryRefDto }) readonly category!: CategoryRefDto;
  @ApiProperty({ example: 'https://images.example.com/pump.jpg', nullable: true, type: String }) readonly imageUrl!: string | null;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ type: () => ProductAvailabilityDto }) readonly availability!: ProductAvailabilityDto;
  @ApiProperty({ type: () => RatingDto }) readonly rating!: RatingDto;
  @ApiProperty({ type: () => ProductSellerDto, nullable: true, description: "Who sells the product; null for the shop's own products" })
  readonly seller!: ProductSellerDto | null;
  @ApiPropertyOptional({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', nullable: true, type: String }) readonly createdBy!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

export class SellerProductQueryDto extends PageQueryDto {
  @EnumField(PRODUCT_STATUSES, { example: 'active', enumName: 'ProductStatus', optional: true, description: 'Default: all' })
  readonly status: ProductStatus = 'all';
}

class SellerStockDto {
  @ApiProperty({ type: 'integer', example: 20 }) readonly onHand!: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'Held by unpaid or unshipped orders' }) readonly reserved!: number;
  @ApiProperty({ type: 'integer', example: 17, description: 'onHand - reserved' }) readonly available!: number;
}

export class SellerProductDto extends ProductDto {
  @ApiProperty({ type: () => SellerStockDto }) readonly stock!: SellerStockDto;
}

export class CategoryDto {
  @ApiProperty({ example: 'washer-parts' }) readonly slug!: string;
  @ApiProperty({ example: 'Washer parts' }) readonly name!: string;
  @ApiProperty({ type: 'integer', example: 120, description: 'Active products in the category' }) readonly productCount!: number;
  @ApiProperty({ type: 'integer', example: null, nullable: true, description: "The category's own VAT rate in percent; null: the standard rate" })
  readonly vatRatePercent!: number | null;
}
