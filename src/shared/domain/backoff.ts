/** Retry delay after `attempts` failed tries: 5 s, doubling, at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 5 * 2 ** Math.max(0, attempts - 1));
}
