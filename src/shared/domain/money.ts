import { DomainError } from './domain-error';

/** An amount in minor units (pence) of one currency; integers only, never floats. */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}

  static of(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount)) {
      throw new DomainError('validation', 'money.not_integer', `Amount ${amount} is not a whole number of minor units`);
    }
    return new Money(amount, currency);
  }

  static zero(currency: string): Money {
    return new Money(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount - other.amount, this.currency);
  }

  times(quantity: number): Money {
    return Money.of(this.amount * quantity, this.currency);
  }

  min(other: Money): Money {
    this.assertSameCurrency(other);
    return this.amount <= other.amount ? this : other;
  }

  isNegative(): boolean {
    return this.amount < 0;
  }

  equals(other: Money): boolean {
    return this.amount === other.amount && this.currency === other.currency;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new DomainError('unprocessable', 'money.currency_mismatch', `Cannot combine ${this.currency} and ${other.currency}`);
    }
  }
}
