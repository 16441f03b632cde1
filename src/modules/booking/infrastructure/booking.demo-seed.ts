import type { EntityManager } from 'typeorm';

/** The London postcode areas the demo technician travels to (the demo customer lives in NW1). */
export const DEMO_SERVICE_AREAS = ['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC'];

/** The demo technician repairs everything in London, weekdays 08:00-18:00 and Saturday mornings. */
export async function seedDemoTechnician(m: EntityManager, technicianId: string): Promise<void> {
  const weekday = [{ start: '08:00', end: '18:00' }];
  await m.query(
    `INSERT INTO technicians (user_id, skills, working_hours, service_areas) SELECT $1, array_agg(slug ORDER BY slug), $2::jsonb, $3 FROM service_types`,
    [technicianId, JSON.stringify({ mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [{ start: '09:00', end: '13:00' }] }), DEMO_SERVICE_AREAS],
  );
}
