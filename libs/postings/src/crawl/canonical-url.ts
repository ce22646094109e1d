/** Query parameters that only say where a click came from; the same posting with or without them is one URL. */
const TRACKING_PARAMS = /^(?:utm_.*|gclid|gclsrc|dclid|fbclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|yclid|ref|ref_src|referrer|source|src|trk|trackingid|from|gh_src|lever-source|lever-origin)$/i;

/**
 * The URL a posting is known by: lower-case host, no fragment, no default port, tracking
 * parameters removed and the rest sorted, so `?utm_source=x&jk=1` and `?jk=1` are one posting.
 * Returns null for anything that is not an http(s) URL.
 */
export function canonicalUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([k]) => !TRACKING_PARAMS.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return url.toString();
}
