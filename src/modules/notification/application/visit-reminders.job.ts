import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { ExclusiveJobRunner } from '../../../shared/infrastructure/exclusive-job';
import { IntervalJob } from '../../../shared/infrastructure/interval-job';
import { NotificationDraft } from '../domain/notification';
import { InviteSequences, NotificationRepository } from '../domain/notification.ports';
import { NotificationFacts } from './notification-facts';
import { PlanNotifications } from './plan-notifications';

const BATCH = 200;

/**
 * Reminds customers of confirmed visits starting within VISIT_REMINDER_LEAD_MINUTES. One
 * process runs it at a time (advisory lock), and each reminder's key (`reminder:<visit>:<start>`)
 * is unique, so it is planned once across processes and restarts; a rescheduled visit gets a
 * reminder for its new time.
 */
@Injectable()
export class VisitReminders extends IntervalJob {
  constructor(
    private readonly jobs: ExclusiveJobRunner,
    private readonly facts: NotificationFacts,
    private readonly notifications: NotificationRepository,
    private readonly sequences: InviteSequences,
    private readonly planner: PlanNotifications,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.notification.reminderIntervalSeconds * 1000;
  }

  runOnce(): Promise<number | null> {
    return this.jobs.run('visit-reminders', async () => {
      const now = new Date();
      const visits = await this.facts.visitsStarting(now, new Date(now.getTime() + this.config.notification.reminderLeadMinutes * 60_000), BATCH);
      const keyOf = (v: { id: string; start: string }) => `reminder:${v.id}:${v.start}`;
      const done = await this.notifications.plannedKeys(visits.map(keyOf));
      const drafts: NotificationDraft[] = [];
      for (const view of visits.filter((v) => !done.has(keyOf(v)))) {
        const visit = await this.facts.visitOf(view);
        if (!visit.customerEmail) continue;
        const data = visit.data((await this.sequences.current(view.id)) ?? 0);
        drafts.push({ template: 'visit-reminder', data: { visit: data }, recipient: visit.customerEmail, dedupeKey: keyOf(view), orderId: view.orderId, bookingId: view.id });
      }
      return this.planner.plan(drafts);
    });
  }
}
