/**
 * A timestamptz column read as the text `Date.prototype.toISOString` writes (UTC, milliseconds,
 * the microseconds cut as `new Date` cuts them), aliased to its own name: a value that is only
 * shown stays text, with no Date parsed from PostgreSQL's text and formatted again per row.
 */
export const isoTimestamp = (column: string, alias = column.slice(column.lastIndexOf('.') + 1)): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${alias}`;
