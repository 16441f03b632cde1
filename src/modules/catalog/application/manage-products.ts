import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor, isSeller } from '../../../shared/domain/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { CategoryChanges, InventoryLedger, ProductRepository } from '../domain/catalog.ports';
import { assertCanManageProduct, Product } from '../domain/product';
import { CategoryView, ProductCatalog, ProductView } from './catalog.views';

export interface ProductInput {
  name: string;
  description?: string;
  price: number;
  category: string;
  imageUrl?: string | null;
  initialStock?: number;
}

export type ProductUpdate = Partial<Omit<ProductInput, 'initialStock'>> & { isActive?: boolean };

/**
 * Writes to products: create (with its inventory record), update, deactivate. Admins write any
 * product; a seller creates products they own and writes only those (others' answer 404).
 */
@Injectable()
export class ManageProducts {
  constructor(
    private readonly products: ProductRepository,
    private readonly inventory: InventoryLedger,
    private readonly catalog: ProductCatalog,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(actor: Actor, input: ProductInput): Promise<ProductView> {
    const id = await this.unitOfWork.run(async () => {
      const product = Product.create({
        name: input.name,
        description: input.description ?? '',
        price: input.price,
        categoryId: await this.categoryId(input.category),
        imageUrl: input.imageUrl ?? null,
        createdBy: actor.userId,
        // What an admin creates belongs to the house.
        ownerId: isSeller(actor) ? actor.userId : null,
      });
      await this.products.save(product);
      await this.inventory.create(product.id, input.initialStock ?? 0, actor.userId);
      return product.id;
    });
    return this.view(id);
  }

  async createCategory(input: { slug: string; name: string; vatRatePercent?: number | null }): Promise<CategoryView> {
    const vatRatePercent = input.vatRatePercent ?? null;
    if (!(await this.products.addCategory(randomUUID(), input.slug, input.name, vatRatePercent))) {
      throw new ConflictError('category.slug_taken', `A category with slug "${input.slug}" already exists`);
    }
    return { slug: input.slug, name: input.name, productCount: 0, vatRatePercent };
  }

  /**
   * Renames a category or changes its VAT rate (null: the standard rate). Carts price at the new
   * rate from now on; placed orders keep the rate they were placed with (their lines' snapshot).
   */
  async updateCategory(slug: string, changes: CategoryChanges): Promise<CategoryView> {
    await this.unitOfWork.run(async () => {
      if (!(await this.products.updateCategory(slug, changes))) throw new NotFoundError('Category', slug);
    });
    const category = (await this.catalog.categories()).find((c) => c.slug === slug);
    if (!category) throw new NotFoundError('Category', slug);
    return category;
  }

  async update(actor: Actor, id: string, changes: ProductUpdate): Promise<ProductView> {
    await this.unitOfWork.run(async () => {
      const product = await this.require(actor, id);
      product.update({
        name: changes.name,
        description: changes.description,
        price: changes.price,
        imageUrl: changes.imageUrl,
        isActive: changes.isActive,
        categoryId: changes.category === undefined ? undefined : await this.categoryId(changes.category),
      });
      await this.products.save(product);
    });
    return this.view(id);
  }

  async deactivate(actor: Actor, id: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      const product = await this.require(actor, id);
      product.deactivate();
      await this.products.save(product);
    });
  }

  private async require(actor: Actor, id: string): Promise<Product> {
    const product = await this.products.findById(id);
    if (!product) throw new NotFoundError('Product', id);
    assertCanManageProduct(actor, product);
    return product;
  }

  private async categoryId(slug: string): Promise<string> {
    const id = await this.products.categoryIdBySlug(slug);
    if (!id) throw new ValidationError('category', `unknown category "${slug}"`);
    return id;
  }

  private async view(id: string): Promise<ProductView> {
    const view = await this.catalog.findView(id);
    if (!view) throw new NotFoundError('Product', id);
    return view;
  }
}
