import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { BookingModule } from '../booking/booking.module';
import { IdentityModule } from '../identity/identity.module';
import { InvoicingModule } from '../invoicing/invoicing.module';
import { OrderModule } from '../order/order.module';
import { AdminNotifications } from './application/admin-notifications';
import { ComposeMail } from './application/compose-mail';
import { DeliverNotifications } from './application/deliver-notifications';
import { NotificationFacts } from './application/notification-facts';
import { NotifyOnEvents } from './application/notify-on-events';
import { PlanNotifications } from './application/plan-notifications';
import { VisitNotifications } from './application/visit-notifications';
import { VisitReminders } from './application/visit-reminders.job';
import { InviteSequences, InvoiceDocuments, MailTransport, NotificationRepository } from './domain/notification.ports';
import { InvoicePdfAttachments } from './infrastructure/invoice-pdf-attachments';
import { EmlFileTransport, SmtpMailTransport } from './infrastructure/nodemailer-transport';
import { PgInviteSequences } from './infrastructure/pg-invite-sequences';
import { PgNotificationRepository } from './infrastructure/pg-notification.repository';
import { AdminNotificationsController } from './presentation/admin-notifications.controller';

/** Emails to customers and technicians, sent after commit from the outbox, each exactly once per event, recipient and template. */
@Module({
  imports: [IdentityModule, OrderModule, BookingModule, InvoicingModule],
  controllers: [AdminNotificationsController],
  providers: [
    { provide: NotificationRepository, useClass: PgNotificationRepository },
    { provide: InviteSequences, useClass: PgInviteSequences },
    { provide: InvoiceDocuments, useClass: InvoicePdfAttachments },
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MailTransport => {
        if (config.notification.smtpUrl) return new SmtpMailTransport(config);
        if (config.env === 'production') new Logger('Mail').warn('SMTP_URL is not set: emails are written to DATA_DIR/mail instead of being sent');
        return new EmlFileTransport(config);
      },
    },
    ComposeMail,
    DeliverNotifications,
    PlanNotifications,
    NotificationFacts,
    VisitNotifications,
    NotifyOnEvents,
    VisitReminders,
    AdminNotifications,
  ],
})
export class NotificationModule {}
