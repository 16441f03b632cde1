import { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; money and counters are safe integers in this domain. */
export const bigintAsNumber: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | null) => (value === null || value === undefined ? value : Number(value)),
};
