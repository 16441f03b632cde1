/** The identity context's events: name, payload type and version, declared once. */
export { UserRegistered, UserSignedIn } from '../domain/identity.events';
export type { UserRegisteredPayload, UserSignedInPayload } from '../domain/identity.events';
