import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError, NotFoundError } from '../../../shared/domain/domain-error';
import { Page } from '../../../shared/domain/page';
import { NotificationRecord, NotificationStatus, TemplateName } from '../domain/notification';
import { NotificationQuery, NotificationRepository } from '../domain/notification.ports';
import { DeliverNotifications } from './deliver-notifications';

export interface NotificationView {
  id: string;
  template: TemplateName;
  recipient: string;
  subject: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** The event (or reminder, or resend) the email was sent for: with recipient and template, what makes it unique. */
  dedupeKey: string;
  orderId: string | null;
  bookingId: string | null;
  resentFrom: string | null;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
}

export function toNotificationView(n: NotificationRecord): NotificationView {
  return {
    id: n.id,
    template: n.template,
    recipient: n.recipient,
    subject: n.subject,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.nextAttemptAt?.toISOString() ?? null,
    dedupeKey: n.dedupeKey,
    orderId: n.orderId,
    bookingId: n.bookingId,
    resentFrom: n.resentFrom,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    updatedAt: n.updatedAt.toISOString(),
  };
}

/** What admins see of the emails (what was sent, what failed) and resending one. */
@Injectable()
export class AdminNotifications {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly delivery: DeliverNotifications,
  ) {}

  async list(query: NotificationQuery): Promise<Page<NotificationView>> {
    const page = await this.notifications.list(query);
    return { ...page, items: page.items.map(toNotificationView) };
  }

  /** A copy of a sent or dead email, queued now; one still being tried is refused (409). */
  resend(id: string): Promise<NotificationView> {
    return this.unitOfWork.run(async () => {
      const original = await this.notifications.findById(id);
      if (!original) throw new NotFoundError('Notification', id);
      if (original.status === 'pending' || original.status === 'failed') {
        throw new ConflictError('notification.still_sending', `This email is still being sent (${original.status}); it can be resent once it is sent or given up`, {
          status: original.status,
        });
      }
      const copyId = await this.notifications.requeueCopy(id);
      const copy = copyId ? await this.notifications.findById(copyId) : null;
      if (!copy) throw new NotFoundError('Notification', id);
      this.unitOfWork.afterCommit(async () => this.delivery.soon([copy.id]));
      return toNotificationView(copy);
    });
  }
}
