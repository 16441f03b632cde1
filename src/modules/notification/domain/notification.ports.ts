import { Page, PageRequest } from '../../../shared/domain/page';
import { ClaimedNotification, NotificationDraft, NotificationRecord, NotificationStatus } from './notification';

export interface NotificationQuery extends PageRequest {
  status?: NotificationStatus;
  recipient?: string;
  orderId?: string;
  bookingId?: string;
}

export abstract class NotificationRepository {
  /** Stores the drafts that are new (by their unique key) and returns the ids of those stored. */
  abstract plan(drafts: (NotificationDraft & { subject: string })[]): Promise<string[]>;
  /**
   * Takes up to `limit` due notifications (all due, or only `ids`) for `claimSeconds`: no other
   * process takes them meanwhile; each claim counts as an attempt.
   */
  abstract claimDue(limit: number, claimSeconds: number, ids?: string[]): Promise<ClaimedNotification[]>;
  abstract markSent(id: string, messageId: string): Promise<void>;
  abstract markFailed(id: string, error: string, dead: boolean, retryInSeconds: number): Promise<void>;
  abstract list(query: NotificationQuery): Promise<Page<NotificationRecord>>;
  abstract findById(id: string): Promise<NotificationRecord | null>;
  /** Which of these keys have notifications planned already (their event or reminder was handled). */
  abstract plannedKeys(dedupeKeys: string[]): Promise<Set<string>>;
  /** A copy of a finished notification, queued to be sent again; null when there is no such notification. */
  abstract requeueCopy(id: string): Promise<string | null>;
}

/**
 * The SEQUENCE of each visit's calendar invite, kept so every change raises it. `next` starts at
 * 0 and raises it by one per call (inside the planning transaction).
 */
export abstract class InviteSequences {
  abstract next(bookingId: string): Promise<number>;
  /** The last sequence sent for the visit; null when no invite went out. */
  abstract current(bookingId: string): Promise<number | null>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification: a copy that arrives twice (the at-least-once window) carries the same id. */
  messageId: string;
  attachments: MailAttachment[];
  /** Extra headers (X-Notification-Template: which email this is, for filters and support). */
  headers: Record<string, string>;
  /** A calendar invite (text/calendar; method=...), shown by mail clients as one. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

/** Sends one email; throws when the server does not accept it (the notification is retried). */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * The invoice PDF of an order, attached to the order-paid email (null when the order has none,
 * e.g. paid before invoices were issued).
 */
export abstract class InvoiceDocuments {
  abstract forOrder(orderId: string): Promise<MailAttachment | null>;
}
