/** `failed`: a try failed and another is due (nextAttemptAt); `dead`: given up after the last try. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface OrderLineData {
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

/** The order as the email shows it, captured when the email was planned. */
export interface OrderData {
  orderId: string;
  number: number;
  currency: string;
  items: OrderLineData[];
  subtotal: number;
  discount: { code: string; amount: number } | null;
  /** The delivery chosen at checkout; null when nothing ships. */
  shipping: { name: string; amount: number } | null;
  total: number;
  /** The VAT included in the total (prices are VAT-inclusive). */
  vatTotal: number;
  /** A guest order: the email carries the link and access token (derived when it is sent, never stored). */
  guest: boolean;
}

/** The visit as the email and its invite show it. Times are ISO 8601 in UTC. */
export interface VisitData {
  bookingId: string;
  orderId: string;
  start: string;
  end: string;
  address: string;
  services: string[];
  notes: string | null;
  /** iCalendar SEQUENCE of the invite this email carries (raised on every change of the visit). */
  sequence: number;
}

/** Each template and the data it renders; one email = one template for one recipient. */
export interface TemplateData {
  welcome: { fullName: string };
  'order-placed': { order: OrderData };
  'order-paid': { order: OrderData };
  'order-shipped': { order: OrderData; carrier: string | null; trackingNumber: string | null };
  'order-cancelled': { order: OrderData; reason: string | null };
  'order-refunded': { order: OrderData; amount: number; fullyRefunded: boolean };
  'visit-confirmed': { visit: VisitData };
  'visit-rescheduled': { visit: VisitData; previousStart: string };
  'visit-cancelled': { visit: VisitData };
  'visit-reminder': { visit: VisitData };
  'technician-visit-assigned': { visit: VisitData };
  'technician-visit-changed': { visit: VisitData; previousStart: string };
  'technician-visit-cancelled': { visit: VisitData };
}

export type TemplateName = keyof TemplateData;

export const TEMPLATE_NAMES = [
  'welcome',
  'order-placed',
  'order-paid',
  'order-shipped',
  'order-cancelled',
  'order-refunded',
  'visit-confirmed',
  'visit-rescheduled',
  'visit-cancelled',
  'visit-reminder',
  'technician-visit-assigned',
  'technician-visit-changed',
  'technician-visit-cancelled',
] as const satisfies readonly TemplateName[];

/** A template with its data, as one value (so the data always matches the template). */
export type TemplateMessage = { [T in TemplateName]: { template: T; data: TemplateData[T] } }[TemplateName];

/**
 * An email to send, planned once: (`dedupeKey`, recipient, template) is unique, so planning the
 * same event again (a retried side effect, a second process) adds nothing. `dedupeKey` is the
 * event id, or `reminder:<booking>:<start>` for reminders, or `resend:<id>:<n>` for a resend.
 */
export type NotificationDraft = TemplateMessage & {
  dedupeKey: string;
  recipient: string;
  orderId: string | null;
  bookingId: string | null;
};

export interface NotificationRecord {
  id: string;
  dedupeKey: string;
  template: TemplateName;
  recipient: string;
  subject: string;
  orderId: string | null;
  bookingId: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  /** When the next try is due; null once sent or dead. */
  nextAttemptAt: Date | null;
  resentFrom: string | null;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
}

/** A claimed notification, with what it takes to compose it. */
export type ClaimedNotification = NotificationRecord & TemplateMessage;
