import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { InviteSequences } from '../domain/notification.ports';

@Injectable()
export class PgInviteSequences extends InviteSequences {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async next(bookingId: string): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `INSERT INTO visit_invites (booking_id, sequence) VALUES ($1, 0)
       ON CONFLICT (booking_id) DO UPDATE SET sequence = visit_invites.sequence + 1, updated_at = now()
       RETURNING sequence`,
      [bookingId],
    )) as { sequence: number }[];
    return row.sequence;
  }

  async current(bookingId: string): Promise<number | null> {
    const [row] = (await this.tx.manager.query(`SELECT sequence FROM visit_invites WHERE booking_id = $1`, [bookingId])) as { sequence: number }[];
    return row?.sequence ?? null;
  }
}
