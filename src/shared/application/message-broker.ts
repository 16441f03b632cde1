/** Where outbox events are relayed for other services; the stream dedupes by message id within its window. */
export abstract class MessageBroker {
  abstract publish(subject: string, payload: object, messageId: string): Promise<void>;
  /** The stream's last sequence number: a checkpoint taken before sending a batch. */
  abstract lastSequence(): Promise<number>;
  /** Ids of the messages stored after `sequence`: what an interrupted batch did publish. */
  abstract messageIdsAfter(sequence: number): Promise<string[]>;
}
