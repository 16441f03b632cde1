import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, OptionalAuth, Public } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { BrowseProducts } from '../application/browse-products';
import { ManageProducts } from '../application/manage-products';
import { CategoryDto, CategoryParamsDto, CreateCategoryDto, CreateProductDto, ProductDto, ProductPageMetaDto, ProductQueryDto, UpdateCategoryDto, UpdateProductDto } from './dto/product.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('catalog')
@Controller()
export class ProductsController {
  constructor(
    private readonly browse: BrowseProducts,
    private readonly manage: ManageProducts,
  ) {}

  @Get('products')
  @OptionalAuth()
  @ApiOperation({ operationId: 'listProducts', summary: 'List products with filters and sorting' })
  @ApiProblems({ 403: 'Inactive products (active=false) are for admins' })
  @ApiPageResponse(ProductDto, ProductPageMetaDto)
  listProducts(@Query() query: ProductQueryDto, @CurrentUser() actor?: Actor) {
    return this.browse.search(query, actor);
  }

  @Get('products/search')
  @OptionalAuth()
  @ApiOperation({ operationId: 'searchProducts', summary: 'Search products (typo-tolerant, ranked by relevance)' })
  @ApiProblems({ 403: 'Inactive products (active=false) are for admins' })
  @ApiPageResponse(ProductDto, ProductPageMetaDto)
  searchProducts(@Query() query: ProductQueryDto, @CurrentUser() actor?: Actor) {
    return this.browse.search(query, actor);
  }

  @Get('products/:id')
  @OptionalAuth()
  @ApiOperation({ operationId: 'getProduct', summary: 'A product with its availability and rating' })
  @ApiOkResponse({ type: ProductDto })
  getProduct(@UuidParam('id') id: string, @CurrentUser() actor?: Actor) {
    return this.browse.get(id, actor);
  }

  @Post('products')
  @Authenticated({ roles: ['admin', 'seller'] })
  @ApiOperation({ operationId: 'createProduct', summary: "Create a product (admin: the shop's own; seller: owned by them)" })
  @ApiProblems({ 404: 'The category does not exist', 409: 'The SKU or slug is taken' })
  @ApiCreatedResponse({ type: ProductDto })
  createProduct(@CurrentUser() actor: Actor, @Body() dto: CreateProductDto) {
    return this.manage.create(actor, dto);
  }

  @Patch('products/:id')
  @Authenticated({ roles: ['admin', 'seller'] })
  @ApiOperation({ operationId: 'updateProduct', summary: 'Change a product (admin; a seller their own)' })
  @ApiProblems({ 404: "The product does not exist (or is another seller's)", 409: 'The SKU or slug is taken' })
  @ApiOkResponse({ type: ProductDto })
  updateProduct(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateProductDto) {
    return this.manage.update(actor, id, dto);
  }

  @Delete('products/:id')
  @Authenticated({ roles: ['admin', 'seller'] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteProduct', summary: 'Deactivate a product (admin; a seller their own); it stays in past orders' })
  @ApiProblems({ 404: "The product does not exist (or is another seller's)" })
  @ApiNoContentResponse({ description: 'Deactivated' })
  async deleteProduct(@CurrentUser() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.manage.deactivate(actor, id);
  }

  @Get('categories')
  @Public()
  @ApiOperation({ operationId: 'listCategories', summary: 'Categories with their active product counts' })
  @ApiOkResponse({ type: CategoryDto, isArray: true })
  listCategories() {
    return this.browse.categories();
  }

  @Post('categories')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'createCategory', summary: 'Create a category (admin)' })
  @ApiProblems({ 409: 'The slug is taken' })
  @ApiCreatedResponse({ type: CategoryDto })
  createCategory(@Body() dto: CreateCategoryDto) {
    return this.manage.createCategory(dto);
  }

  @Patch('categories/:slug')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ operationId: 'updateCategory', summary: 'Rename a category or change its VAT rate (admin); placed orders keep their rate' })
  @ApiProblems({ 404: 'No category has this slug' })
  @ApiOkResponse({ type: CategoryDto })
  updateCategory(@Param() params: CategoryParamsDto, @Body() dto: UpdateCategoryDto): Promise<CategoryDto> {
    return this.manage.updateCategory(params.slug, { name: dto.name, vatRatePercent: dto.vatRatePercent });
  }
}
