/** Each option a CLI takes and whether it is a `--flag` or a `--name value`. */
export type ArgSpec = Record<string, 'string' | 'boolean'>;
export type Args = Record<string, string | boolean>;

/** Minimal `--name value` / `--flag` parser: the CLIs take few options and must explain bad ones. */
export function parseArgs(argv: string[], spec: ArgSpec): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const kind = spec[name];
    if (!kind) throw new UsageError(`Unknown option --${name}. Known options: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}.`);
    if (kind === 'boolean') {
      out[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      out[name] = value;
    }
  }
  return out;
}

export class UsageError extends Error {}

/**
 * The front every CLI shares: parses `argv` against `spec` plus `--help` (listed last among the
 * known options). `--help` prints `usage` to stdout and gives exit code 0. `check` then validates
 * and converts the arguments; a UsageError from parsing or from `check` prints its message and
 * `usage` to stderr and gives exit code 2. Returns what `check` returns (the arguments themselves
 * without one), or the exit code when the CLI stops there.
 */
export function parseCliArgs(argv: string[], spec: ArgSpec, usage: string): Args | number;
export function parseCliArgs<T extends object>(argv: string[], spec: ArgSpec, usage: string, check: (args: Args) => T): T | number;
export function parseCliArgs(argv: string[], spec: ArgSpec, usage: string, check: (args: Args) => object = (args) => args): object | number {
  try {
    const args = parseArgs(argv, { ...spec, help: 'boolean' });
    if (args.help) {
      console.log(usage);
      return 0;
    }
    return check(args);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${usage}`);
      return 2;
    }
    throw err;
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a CLI's `main` and exits with the code it returns. Anything it throws exits 1, printed as
 * the message alone for the `known` error classes (configuration, data or service problems the
 * user can act on), as what `describe` makes of it when that gives a text, and otherwise as the stack.
 */
export function runCli(main: () => Promise<number>, known: ErrorClass[], describe?: (err: unknown) => string | undefined): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const text = known.some((k) => err instanceof k) ? (err as Error).message : describe?.(err);
      if (text !== undefined) console.error(text);
      else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
