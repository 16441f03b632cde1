import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { seedDemoTechnician } from '../modules/booking/infrastructure/booking.demo-seed';
import { seedCatalogDemo } from '../modules/catalog/infrastructure/catalog.demo-seed';
import { seedDemoUsers } from '../modules/identity/infrastructure/identity.demo-seed';

/**
 * The composition root of demo data: each context seeds its own tables, in dependency order,
 * once, on an empty database.
 */
export async function seedDemoData(m: EntityManager, config: AppConfig): Promise<boolean> {
  const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM users`)) as { count: number }[];
  if (count > 0) return false;
  const users = await seedDemoUsers(m, config);
  await seedCatalogDemo(m, users.adminId);
  await seedDemoTechnician(m, users.technicianId);
  return true;
}
