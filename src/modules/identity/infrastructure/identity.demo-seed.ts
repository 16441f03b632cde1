import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/config';
import { Role } from '../../../shared/domain/actor';
import { Argon2PasswordHasher } from './argon2-password-hasher';
import { UserOrmEntity } from './identity.orm-entity';

export const DEMO_TECHNICIAN = { email: 'technician@example.com', password: 'Technician-Password-1', fullName: 'Tom Technician' };
export const DEMO_CUSTOMER = { email: 'customer@example.com', password: 'Customer-Password-1', fullName: 'Carla Customer' };
export const DEMO_SELLER = { email: 'seller@example.com', password: 'Seller-Password-1', fullName: 'Sam Seller' };

export interface DemoUsers {
  adminId: string;
  technicianId: string;
  customerId: string;
  sellerId: string;
}

/** An admin (from ADMIN_EMAIL / ADMIN_PASSWORD), a technician, a customer and a seller (who owns no product yet). */
export async function seedDemoUsers(m: EntityManager, config: AppConfig): Promise<DemoUsers> {
  const hasher = new Argon2PasswordHasher();
  const make = async (email: string, password: string, fullName: string, role: Role) => {
    const id = randomUUID();
    await m.insert(UserOrmEntity, {
      id,
      email,
      passwordHash: await hasher.hash(password),
      fullName,
      phone: null,
      address: role === 'customer' ? '221B Baker Street, London NW1 6XE' : null,
      role,
      isActive: true,
    });
    return id;
  };
  return {
    adminId: await make(config.admin.email, config.admin.password, 'Store Admin', 'admin'),
    technicianId: await make(DEMO_TECHNICIAN.email, DEMO_TECHNICIAN.password, DEMO_TECHNICIAN.fullName, 'technician'),
    customerId: await make(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password, DEMO_CUSTOMER.fullName, 'customer'),
    sellerId: await make(DEMO_SELLER.email, DEMO_SELLER.password, DEMO_SELLER.fullName, 'seller'),
  };
}
