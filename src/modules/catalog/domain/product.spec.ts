import { Actor, Role } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { assertCanManageProduct, canManageProduct } from './product';

const as = (role: Role, userId = 'u1'): Actor => ({ userId, role, sessionId: 's1' });

describe('who may manage a product', () => {
  it.each([
    ['an admin, any seller’s product', as('admin'), 'u2', true],
    ['an admin, the house’s product', as('admin'), null, true],
    ['a seller, their own product', as('seller', 'u1'), 'u1', true],
    ['a seller, another seller’s product', as('seller', 'u1'), 'u2', false],
    ['a seller, the house’s product', as('seller', 'u1'), null, false],
    ['a customer who once owned it (no longer a seller)', as('customer', 'u1'), 'u1', false],
    ['a technician', as('technician', 'u1'), 'u1', false],
  ])('%s', (_case, actor, ownerId, allowed) => {
    expect(canManageProduct(actor, ownerId)).toBe(allowed);
  });

  it('answers "not found" to anyone else, so ids of others’ products reveal nothing', () => {
    expect(() => assertCanManageProduct(as('seller', 'u1'), { id: 'p1', ownerId: 'u2' })).toThrow(NotFoundError);
    expect(() => assertCanManageProduct(as('seller', 'u1'), { id: 'p1', ownerId: 'u1' })).not.toThrow();
  });
});
