import type { ChildProcess } from 'node:child_process';

/** Polls `condition` every `everyMs`, at most `attempts` times; throws `what` when it never holds. */
export async function eventually(what: string, condition: () => Promise<boolean> | boolean, attempts = 600, everyMs = 100): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`never happened: ${what}`);
}

/** The exit code of a child process (null when a signal killed it), once it has exited. */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
