/** Retry delay after `attempts` failed tries: `first` (5 s) seconds, doubling, at most 10 minutes. */
export function backoffSeconds(attempts: number, first = 5): number {
  return Math.min(600, first * 2 ** Math.max(0, attempts - 1));
}
