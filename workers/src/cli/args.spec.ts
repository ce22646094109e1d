import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = 'Usage: npm run thing -- [--name <n>] [--flag]';

describe('parseCliArgs', () => {
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('returns the parsed arguments', () => {
    expect(parseCliArgs(['--name', 'x', '--flag'], { name: 'string', flag: 'boolean' }, USAGE)).toEqual({ name: 'x', flag: true });
    expect(parseCliArgs(['--name=y'], { name: 'string' }, USAGE)).toEqual({ name: 'y' });
    expect(log).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('prints the usage to stdout for --help and gives 0, before any check', () => {
    const check = jest.fn(() => {
      throw new UsageError('not reached');
    });
    expect(parseCliArgs(['--name', 'x', '--help'], { name: 'string' }, USAGE, check)).toBe(0);
    expect(log).toHaveBeenCalledWith(USAGE);
    expect(check).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('gives 2 with the message and the usage on stderr for a bad option, listing --help last', () => {
    expect(parseCliArgs(['--bogus', '--help'], { name: 'string', flag: 'boolean' }, USAGE)).toBe(2);
    expect(error).toHaveBeenCalledWith(`Unknown option --bogus. Known options: --name, --flag, --help.\n\n${USAGE}`);
    expect(log).not.toHaveBeenCalled();
  });

  it('gives 2 for a missing value or a stray argument', () => {
    expect(parseCliArgs(['--name'], { name: 'string' }, USAGE)).toBe(2);
    expect(error).toHaveBeenLastCalledWith(`--name needs a value.\n\n${USAGE}`);
    expect(parseCliArgs(['extra'], { name: 'string' }, USAGE)).toBe(2);
    expect(error).toHaveBeenLastCalledWith(`Unexpected argument "extra".\n\n${USAGE}`);
  });

  it('returns what the check returns, and gives 2 for its UsageError', () => {
    const check = (a: Record<string, string | boolean>) => {
      if (typeof a.name !== 'string') throw new UsageError('--name is required.');
      return { name: a.name.toUpperCase() };
    };
    expect(parseCliArgs(['--name', 'x'], { name: 'string' }, USAGE, check)).toEqual({ name: 'X' });
    expect(parseCliArgs([], { name: 'string' }, USAGE, check)).toBe(2);
    expect(error).toHaveBeenCalledWith(`--name is required.\n\n${USAGE}`);
  });

  it('lets other errors from the check through', () => {
    const boom = new Error('boom');
    expect(() =>
      parseCliArgs([], {}, USAGE, () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});

describe('runCli', () => {
  class KnownError extends Error {}
  let exit: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Runs `main` through runCli and waits for its exit. */
  const run = (main: () => Promise<number>, ...rest: [Array<abstract new (...args: never[]) => Error>, ((err: unknown) => string | undefined)?]) =>
    new Promise<void>((done) => {
      exit.mockImplementation((() => done()) as never);
      runCli(main, ...rest);
    });

  it('exits with the code main returns', async () => {
    await run(async () => 3, []);
    expect(exit).toHaveBeenCalledWith(3);
    expect(error).not.toHaveBeenCalled();
  });

  it('prints the message alone for known errors and exits 1', async () => {
    await run(async () => {
      throw new KnownError('fix your config');
    }, [KnownError]);
    expect(error).toHaveBeenCalledWith('fix your config');
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('prints what describe gives, or else the stack', async () => {
    const describeErr = (err: unknown) => (err instanceof TypeError ? `stopped: ${err.message}` : undefined);
    await run(async () => {
      throw new TypeError('es down');
    }, [KnownError], describeErr);
    expect(error).toHaveBeenLastCalledWith('stopped: es down');

    const other = new Error('bug');
    await run(async () => {
      throw other;
    }, [KnownError], describeErr);
    expect(error).toHaveBeenLastCalledWith(other.stack);
    expect(exit).toHaveBeenLastCalledWith(1);

    await run(async () => {
      throw 'not an error';
    }, []);
    expect(error).toHaveBeenLastCalledWith('not an error');
  });
});
