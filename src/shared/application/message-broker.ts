/** Where outbox events are relayed for other services (at-least-once; consumers dedupe by message id). */
export abstract class MessageBroker {
  abstract publish(subject: string, payload: object, messageId: string): Promise<void>;
}
