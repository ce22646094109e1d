export type QueryParams = Record<string, string | number | readonly string[]>;

/** Drops empty values; arrays become repeated keys (`workMode=remote&workMode=hybrid`). */
export function queryParams(params: object): QueryParams {
  const out: QueryParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.map(String);
    } else {
      out[key] = typeof value === 'number' ? value : String(value);
    }
  }
  return out;
}
