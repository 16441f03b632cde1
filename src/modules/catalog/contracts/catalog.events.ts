/** The catalog context's events: name, payload type and version, declared once. */
export { ReviewDeleted, ReviewPosted, StockAdjusted } from '../domain/catalog.events';
export type { ReviewPayload, StockAdjustedPayload } from '../domain/catalog.events';
