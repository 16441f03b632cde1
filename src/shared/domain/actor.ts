/** `seller`: owns products and their inventory (and may also buy, as a customer does). */
export const ROLES = ['customer', 'technician', 'seller', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the authenticated user as every use case receives it. */
export interface Actor {
  userId: string;
  role: Role;
  sessionId: string;
}

export const isAdmin = (actor: Actor | undefined): boolean => actor?.role === 'admin';

export const isSeller = (actor: Actor | undefined): boolean => actor?.role === 'seller';
