import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../shared/infrastructure/transaction-host';
import { HoldParty, UnpaidOrderHolds } from '../domain/unpaid-order-holds.port';

@Injectable()
export class PgUnpaidOrderHolds extends UnpaidOrderHolds {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async lock(parties: HoldParty[]): Promise<void> {
    // Sorted, so two checkouts sharing parties always lock in the same order (no deadlock).
    for (const party of [...parties].sort()) {
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 12))`, [`unpaid-hold:${party}`]);
    }
  }

  async countUnpaid(parties: HoldParty[]): Promise<Map<HoldParty, number>> {
    const rows = (await this.tx.manager.query(
      `SELECT h.party, count(*)::int AS n FROM unpaid_order_holds h JOIN orders o ON o.id = h.order_id
        WHERE h.party = ANY($1) AND o.status = 'pending' GROUP BY h.party`,
      [parties],
    )) as { party: HoldParty; n: number }[];
    return new Map(rows.map((r) => [r.party, r.n]));
  }

  async record(orderId: string, parties: HoldParty[]): Promise<void> {
    await this.tx.manager.query(`INSERT INTO unpaid_order_holds (order_id, party) SELECT $1, unnest($2::text[])`, [orderId, parties]);
  }
}
