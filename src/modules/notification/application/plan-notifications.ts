import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { NotificationDraft } from '../domain/notification';
import { NotificationRepository } from '../domain/notification.ports';
import { renderEmail } from '../templates';
import { ComposeMail } from './compose-mail';
import { DeliverNotifications } from './deliver-notifications';

/**
 * Stores emails to send (a database write only, in the caller's transaction when there is one);
 * once that commits they are sent right away, and the delivery job retries what failed.
 */
@Injectable()
export class PlanNotifications {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly compose: ComposeMail,
    private readonly delivery: DeliverNotifications,
  ) {}

  async plan(drafts: NotificationDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const ctx = this.compose.context();
    const withSubjects = drafts.map((d) => ({ ...d, subject: renderEmail(d, ctx).subject }));
    return this.unitOfWork.run(async () => {
      const ids = await this.notifications.plan(withSubjects);
      if (ids.length) this.unitOfWork.afterCommit(async () => this.delivery.soon(ids));
      return ids.length;
    });
  }
}
