/** Minimal `--name value` / `--flag` parser: the CLIs take few options and must explain bad ones. */
export function parseArgs(argv: string[], spec: Record<string, 'string' | 'boolean'>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
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
