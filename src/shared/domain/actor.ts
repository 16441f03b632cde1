export const ROLES = ['customer', 'technician', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the authenticated user as every use case receives it. */
export interface Actor {
  userId: string;
  role: Role;
  sessionId: string;
}

export const isAdmin = (actor: Actor | undefined): boolean => actor?.role === 'admin';
