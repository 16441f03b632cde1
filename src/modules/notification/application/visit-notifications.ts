import { Injectable } from '@nestjs/common';
import { CommittedEvent } from '../../../shared/application/side-effects';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import type { BookingEventPayload, BookingRescheduledPayload } from '../../booking/contracts/booking.events';
import { NotificationDraft, TemplateMessage, VisitData } from '../domain/notification';
import { InviteSequences, NotificationRepository } from '../domain/notification.ports';
import { NotificationFacts, VisitFacts } from './notification-facts';
import { PlanNotifications } from './plan-notifications';

/**
 * The visit's emails with their calendar invites, for the customer and the technician. Each
 * change of an announced visit raises the invite's SEQUENCE once, in the transaction that plans
 * its emails (an event planned before is not planned, nor counted, again).
 */
@Injectable()
export class VisitNotifications {
  constructor(
    private readonly facts: NotificationFacts,
    private readonly sequences: InviteSequences,
    private readonly notifications: NotificationRepository,
    private readonly planner: PlanNotifications,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  confirmed(e: CommittedEvent<BookingEventPayload>): Promise<void> {
    return this.plan(e, async (visit, data) => [
      to(visit.customerEmail, { template: 'visit-confirmed', data: { visit: data } }),
      to(visit.technicianEmail, { template: 'technician-visit-assigned', data: { visit: data } }),
    ]);
  }

  /** Only announced (confirmed) visits: a visit moved before payment is announced when confirmed. */
  rescheduled(e: CommittedEvent<BookingRescheduledPayload>): Promise<void> {
    const p = e.payload;
    if (p.status !== 'confirmed') return Promise.resolve();
    return this.plan(e, async (visit, data) => {
      const moved = p.start !== p.previousStart;
      if (p.previousTechnicianId === p.technicianId) {
        return [
          moved ? to(visit.customerEmail, { template: 'visit-rescheduled', data: { visit: data, previousStart: p.previousStart } }) : null,
          to(visit.technicianEmail, { template: 'technician-visit-changed', data: { visit: data, previousStart: p.previousStart } }),
        ];
      }
      const previousTechnician = await this.facts.email(p.previousTechnicianId);
      return [
        moved ? to(visit.customerEmail, { template: 'visit-rescheduled', data: { visit: data, previousStart: p.previousStart } }) : null,
        to(previousTechnician, { template: 'technician-visit-cancelled', data: { visit: { ...data, start: p.previousStart, end: shifted(data, p.previousStart) } } }),
        to(visit.technicianEmail, { template: 'technician-visit-assigned', data: { visit: data } }),
      ];
    });
  }

  /** A visit that was never announced (cancelled before payment) gets no cancellation. */
  async cancelled(e: CommittedEvent<BookingEventPayload>): Promise<void> {
    if ((await this.sequences.current(e.payload.bookingId)) === null) return;
    return this.plan(e, async (visit, data) => [
      to(visit.customerEmail, { template: 'visit-cancelled', data: { visit: data } }),
      to(visit.technicianEmail, { template: 'technician-visit-cancelled', data: { visit: data } }),
    ]);
  }

  private async plan(e: CommittedEvent<BookingEventPayload>, messages: (visit: VisitFacts, data: VisitData) => Promise<(Recipient | null)[]>): Promise<void> {
    const visit = await this.facts.visit(e.payload.bookingId);
    if (!visit) return;
    await this.unitOfWork.run(async () => {
      if ((await this.notifications.plannedKeys([e.eventId])).size) return;
      const data = visit.data(await this.sequences.next(visit.view.id));
      const drafts = (await messages(visit, data))
        .filter((m): m is Recipient & { recipient: string } => m !== null && m.recipient !== null)
        .map((m): NotificationDraft => ({ ...m.message, recipient: m.recipient, dedupeKey: e.eventId, orderId: visit.view.orderId, bookingId: visit.view.id }));
      await this.planner.plan(drafts);
    });
  }
}

interface Recipient {
  recipient: string | null;
  message: TemplateMessage;
}

const to = (recipient: string | null, message: TemplateMessage): Recipient => ({ recipient, message });

/** The visit's end had it stayed at `start` (same length). */
const shifted = (visit: VisitData, start: string): string =>
  new Date(new Date(start).getTime() + (new Date(visit.end).getTime() - new Date(visit.start).getTime())).toISOString();
