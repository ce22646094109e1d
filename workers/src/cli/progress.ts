import { SingleBar } from 'cli-progress';

export interface ProgressCounts {
  read: number;
  indexed: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
}

/**
 * A progress bar on a terminal; periodic count lines otherwise (CI logs, pipes), so long imports
 * always show they are moving.
 */
export function createProgress(label: string, total: number | null, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const rate = (n: number) => Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
  if (out.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label.padEnd(20)} ${total ? '{bar} {percentage}% | {value}/{total}' : '{value}'} rows | new {indexed} upd {updated} same {unchanged} dup {duplicates} rej {rejected} | {rate}/s`,
        stream: out,
        hideCursor: true,
        etaBuffer: 50,
      },
    );
    bar.start(total ?? 0, 0, { indexed: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, rate: 0 });
    return {
      update(p: ProgressCounts) {
        if (total && p.read > bar.getTotal()) bar.setTotal(p.read);
        bar.update(p.read, { ...p, rate: rate(p.read) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = 0;
  return {
    update(p: ProgressCounts) {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      const pct = total ? ` (${Math.min(100, Math.round((100 * p.read) / total))}%)` : '';
      out.write(`[${label}] read ${p.read}${pct}, new ${p.indexed}, updated ${p.updated}, unchanged ${p.unchanged}, duplicates ${p.duplicates}, rejected ${p.rejected}, ${rate(p.read)} rows/s\n`);
    },
    stop() {},
  };
}
