import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Helpers the benchmarks share: option parsing and the statistics their reports print. */

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs gives for these options, typed per option as when they are passed inline. */
type Values<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O }>>['values'];

/**
 * The command line (node:util parseArgs over process.argv) with `--help` added: --help prints
 * `usage` and exits 0. `int` reads an option's value as an integer >= `min`, or prints why with
 * `usage` and exits 2.
 */
export function parseOptions<const O extends OptionsConfig>(usage: string, options: O): { values: Values<O>; int: (name: string, v: string, min: number) => number } {
  const config: ParseArgsConfig = { options: { ...options, help: { type: 'boolean', default: false } } };
  const { values } = parseArgs(config);
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const int = (name: string, v: string, min: number): number => {
    const n = Number(v);
    // A minus sign only where negative values are allowed: "-0" is no count.
    if (!(min < 0 ? /^-?\d+$/ : /^\d+$/).test(v) || !Number.isSafeInteger(n) || n < min) {
      console.error(`--${name} must be an integer >= ${min}, got "${v}".\n\n${usage}`);
      process.exit(2);
    }
    return n;
  };
  return { values: values as Values<O>, int };
}

/**
 * The options of the benchmarks that ingest a generated file: --count (postings, default
 * `defaultCount`), --seed (any integer, default 42), --runs (>= 1, default 1), and one `--<flag>`.
 */
export function parseGeneratedInputOptions(usage: string, defaultCount: string, flag: string): { count: number; seed: number; runs: number; flag: boolean } {
  const { values, int } = parseOptions(usage, {
    count: { type: 'string', default: defaultCount },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '1' },
    [flag]: { type: 'boolean', default: false },
  });
  return {
    count: int('count', values.count as string, 1),
    seed: int('seed', values.seed as string, Number.MIN_SAFE_INTEGER),
    runs: int('runs', values.runs as string, 1),
    flag: values[flag] === true,
  };
}

/** The middle value (the lower of the two middle ones for an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Nearest-rank percentile `p` (0-100) of ascending `sorted`; NaN when it is empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
