import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

type TransformArg = { value: unknown };

/** A single text parameter: trimmed, and absent when blank. A repeated key stays an array (and fails IsString). */
export function trimmed({ value }: TransformArg): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/**
 * A multi-valued parameter from repeated keys (`workMode=remote&workMode=hybrid`) and, where
 * `commas` is set, comma lists (`workMode=remote,hybrid`). Names (companies, skills) may contain
 * commas, so those take repeated keys only. Blank items are dropped, duplicates kept once.
 */
export function list(commas: boolean) {
  return ({ value }: TransformArg): unknown => {
    if (value === undefined || value === null) return undefined;
    const raw = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : String(v)));
    const items = (commas ? raw.flatMap((v) => v.split(',')) : raw).map((v) => v.trim()).filter((v) => v !== '');
    return items.length > 0 ? [...new Set(items)] : undefined;
  };
}

/** An integer parameter; anything that is not one stays as given so IsInt reports it. */
export function integer({ value }: TransformArg): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : value;
}

/** A rule for integer parameters (after `integer`): one reason whatever is wrong with the value. */
export function wholeNumber(min: number, max: number) {
  return (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** A rule that looks at the whole query (e.g. payMax against payMin), with a fixed reason. */
export function Check<T extends object>(name: string, rule: (value: unknown, dto: T) => boolean, message: string, options: ValidationOptions = {}) {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (value: unknown, args: ValidationArguments) => rule(value, args.object as T) },
    });
  };
}
