import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf } from '../../../shared/domain/page';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { ClaimedNotification, NotificationDraft, NotificationRecord, NotificationStatus, TemplateMessage, TemplateName } from '../domain/notification';
import { NotificationQuery, NotificationRepository } from '../domain/notification.ports';

interface Row {
  id: string;
  dedupe_key: string;
  template: TemplateName;
  recipient: string;
  subject: string;
  data: TemplateMessage['data'];
  order_id: string | null;
  booking_id: string | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  resent_from: string | null;
  created_at: Date;
  sent_at: Date | null;
  updated_at: Date;
  total?: number;
}

const COLUMNS = `id, dedupe_key, template, recipient, subject, data, order_id, booking_id, status, attempts, last_error, next_attempt_at, resent_from, created_at, sent_at, updated_at`;

function toRecord(r: Row): NotificationRecord {
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    template: r.template,
    recipient: r.recipient,
    subject: r.subject,
    orderId: r.order_id,
    bookingId: r.booking_id,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' || r.status === 'failed' ? r.next_attempt_at : null,
    resentFrom: r.resent_from,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    updatedAt: r.updated_at,
  };
}

/** The stored template data is the data its template was planned with (written by `plan` only). */
const toClaimed = (r: Row): ClaimedNotification => ({ ...toRecord(r), template: r.template, data: r.data } as ClaimedNotification);

@Injectable()
export class PgNotificationRepository extends NotificationRepository {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async plan(drafts: (NotificationDraft & { subject: string })[]): Promise<string[]> {
    if (drafts.length === 0) return [];
    const rows = (await this.tx.manager.query(
      `INSERT INTO notifications (id, dedupe_key, template, recipient, subject, data, order_id, booking_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::uuid[], $8::uuid[])
       ON CONFLICT (dedupe_key, recipient, template) DO NOTHING
       RETURNING id`,
      [
        drafts.map(() => randomUUID()),
        drafts.map((d) => d.dedupeKey),
        drafts.map((d) => d.template),
        drafts.map((d) => d.recipient),
        drafts.map((d) => d.subject),
        drafts.map((d) => JSON.stringify(d.data)),
        drafts.map((d) => d.orderId),
        drafts.map((d) => d.bookingId),
      ],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async claimDue(limit: number, claimSeconds: number, ids?: string[]): Promise<ClaimedNotification[]> {
    const [rows] = (await this.tx.detached(() =>
      this.tx.manager.query(
        `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
          WHERE id IN (
            SELECT id FROM notifications
             WHERE status IN ('pending', 'failed') AND next_attempt_at <= now() AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
        [limit, claimSeconds, ids ?? null],
      ),
    )) as [Row[], number];
    return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map(toClaimed);
  }

  async markSent(id: string, messageId: string): Promise<void> {
    await this.tx.detached(() =>
      this.tx.manager.query(`UPDATE notifications SET status = 'sent', sent_at = now(), message_id = $2, last_error = NULL, updated_at = now() WHERE id = $1`, [id, messageId]),
    );
  }

  async markFailed(id: string, error: string, dead: boolean, retryInSeconds: number): Promise<void> {
    await this.tx.detached(() =>
      this.tx.manager.query(
        `UPDATE notifications SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4), updated_at = now()
          WHERE id = $1 AND status IN ('pending', 'failed')`,
        [id, dead ? 'dead' : 'failed', error, retryInSeconds],
      ),
    );
  }

  async list(query: NotificationQuery): Promise<Page<NotificationRecord>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) add('status = ?', query.status);
    if (query.recipient) add('lower(recipient) = lower(?)', query.recipient);
    if (query.orderId) add('order_id = ?', query.orderId);
    if (query.bookingId) add('booking_id = ?', query.bookingId);
    params.push(query.limit, offsetOf(query));
    const rows = (await this.tx.manager.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM notifications
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return pageOf(rows.map(toRecord), rows[0]?.total ?? 0, query);
  }

  async findById(id: string): Promise<NotificationRecord | null> {
    const [row] = (await this.tx.manager.query(`SELECT ${COLUMNS} FROM notifications WHERE id = $1`, [id])) as Row[];
    return row ? toRecord(row) : null;
  }

  async plannedKeys(dedupeKeys: string[]): Promise<Set<string>> {
    if (dedupeKeys.length === 0) return new Set();
    const rows = (await this.tx.manager.query(`SELECT DISTINCT dedupe_key FROM notifications WHERE dedupe_key = ANY($1::text[])`, [dedupeKeys])) as { dedupe_key: string }[];
    return new Set(rows.map((r) => r.dedupe_key));
  }

  async requeueCopy(id: string): Promise<string | null> {
    const copy = randomUUID();
    const rows = (await this.tx.manager.query(
      `INSERT INTO notifications (id, dedupe_key, template, recipient, subject, data, order_id, booking_id, resent_from)
       SELECT $2, $3, template, recipient, subject, data, order_id, booking_id, id FROM notifications WHERE id = $1
       RETURNING id`,
      [id, copy, `resend:${copy}`],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
