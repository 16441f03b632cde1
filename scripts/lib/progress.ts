/**
 * A one-line progress bar on stderr, redrawn with `\r` at most every 100 ms. When stderr is not a
 * terminal (CI logs, the benchmark's captured output) it prints a line at every quarter instead.
 */
export interface Progress {
  update(done: number): void;
  finish(note?: string): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const width = 30;
  let lastDraw = 0;
  let lastQuarter = -1;
  const line = (done: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${(ratio * 100).toFixed(0)}% ${seconds}s`;
  };
  return {
    update(done) {
      if (stream.isTTY) {
        if (Date.now() - lastDraw < 100 && done < total) return;
        lastDraw = Date.now();
        stream.write(`\r${line(done)}`);
        return;
      }
      const quarter = total > 0 ? Math.floor((done / total) * 4) : 4;
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        stream.write(`${line(done)}\n`);
      }
    },
    finish(note = '') {
      stream.write(`${stream.isTTY ? '\r' : ''}${line(total)}${note ? ` ${note}` : ''}\n`);
    },
  };
}
