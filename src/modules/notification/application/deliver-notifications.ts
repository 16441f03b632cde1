import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { backoffSeconds } from '../../../shared/domain/backoff';
import { IntervalJob } from '../../../shared/infrastructure/interval-job';
import { Metrics } from '../../../metrics/metrics';
import { ClaimedNotification } from '../domain/notification';
import { MailTransport, NotificationRepository } from '../domain/notification.ports';
import { ComposeMail } from './compose-mail';

const BATCH = 20;

/**
 * Sends planned emails: claim (a short transaction that pushes the row's next attempt past a
 * lease, so no other process takes it), send outside any transaction, mark sent. A failed send is
 * retried with backoff and is `dead` after NOTIFICATION_MAX_ATTEMPTS.
 *
 * At least once, and the one window where an email can go out twice: the SMTP server accepted it
 * and the process died before `markSent` committed. The claim then runs out and it is sent again,
 * with the same Message-ID. A crash at any earlier point (after the commit that planned it,
 * during the SMTP conversation before the server's final reply) sends it once.
 */
@Injectable()
export class DeliverNotifications extends IntervalJob implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly transport: MailTransport,
    private readonly compose: ComposeMail,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.notification.intervalMs;
  }

  runOnce(): Promise<number> {
    return this.deliver();
  }

  /** Sends these (just planned) in the background, tracked so shutdown waits for them. */
  soon(ids: string[]): void {
    const run = this.deliver(ids).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await Promise.allSettled([...this.inFlight]);
  }

  async deliver(ids?: string[]): Promise<number> {
    let sent = 0;
    for (;;) {
      let due: ClaimedNotification[];
      try {
        due = await this.notifications.claimDue(BATCH, this.config.notification.claimSeconds, ids);
      } catch (error) {
        this.logger.warn({ err: error }, 'claiming emails failed; the next run tries again');
        return sent;
      }
      for (const n of due) if (await this.send(n)) sent += 1;
      if (ids || due.length < BATCH) return sent;
    }
  }

  private async send(n: ClaimedNotification): Promise<boolean> {
    let messageId: string;
    try {
      this.unitOfWork.assertOutsideTransaction('sending an email');
      ({ messageId } = await this.transport.send(await this.compose.compose(n)));
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const dead = n.attempts >= this.config.notification.maxAttempts;
      this.metrics.recordEmail(n.template, dead ? 'dead' : 'failed');
      this.logger.warn(`${n.template} to ${n.recipient} (${n.id}) failed (attempt ${n.attempts}${dead ? ', giving up' : ''}): ${message}`);
      await this.notifications
        .markFailed(n.id, message, dead, backoffSeconds(n.attempts, this.config.notification.backoffSeconds))
        .catch((markError: unknown) => this.logger.warn({ err: markError }, 'recording a failed email failed; its claim runs out and it is retried'));
      return false;
    }
    this.metrics.recordEmail(n.template, 'sent');
    try {
      await this.notifications.markSent(n.id, messageId);
    } catch (error) {
      // The at-least-once window: sent, not recorded; the claim runs out and it goes again.
      this.logger.error({ err: error }, `${n.id} was sent but not recorded as sent; it will be sent again`);
    }
    return true;
  }
}
