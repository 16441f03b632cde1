import { Actor, isAdmin } from '../domain/actor';
import { NotFoundError } from '../domain/domain-error';

/**
 * The one ownership rule: admins see everything, anyone else only what they own. A stranger
 * gets "not found" rather than "forbidden", so ids of other users' things reveal nothing.
 */
export function assertOwnerOrAdmin(actor: Actor | undefined, ownerId: string | null, resource: string, id: string): void {
  if (isAdmin(actor)) return;
  if (!actor || ownerId === null || actor.userId !== ownerId) throw new NotFoundError(resource, id);
}

export function canAccess(actor: Actor | undefined, ownerId: string | null): boolean {
  return isAdmin(actor) || (actor !== undefined && ownerId !== null && actor.userId === ownerId);
}
