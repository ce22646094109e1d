import type { AppConfig } from '@jobportal/config';
import type { AlertFrequency } from '@jobportal/contracts';
import { signUnsubscribeToken, type MessageDelivery } from '@jobportal/notify';
import { normalizeLocation } from '@jobportal/postings';
import { buildAlertMatchRequests, mapAlertMatchResponses, type AlertSearch, type Client, type ResolvedPlace } from '@jobportal/search';
import type { AlertSavedSearch, AlertStore } from './alert-store';
import { buildDigestMessage, type DigestSection } from './digest-message';

export interface DigestResult {
  status: 'sent' | 'empty' | 'already_sent' | 'no_searches' | 'no_user';
  windowEnd: string | null;
  /** Postings listed per channel message (the count the user sees). */
  postings: number;
  messages: number;
}

export interface DigestDeps {
  config: AppConfig;
  store: AlertStore;
  es: Client;
  delivery: MessageDelivery;
  /** Alias of the postings index. */
  index: string;
  /** The newest ingested_at every finished import has made searchable (see VisibleThrough). */
  visibleThrough: () => Promise<Date>;
  now?: () => Date;
}

/**
 * A saved search's `location` as a place, by the same gazetteer the postings were normalized with
 * (libs/postings), so "Austin, TX" filters on the city the indexed postings carry.
 */
function placeOf(search: AlertSavedSearch): ResolvedPlace | null {
  const text = search.params.location?.trim();
  if (!text) return null;
  const { location, geo } = normalizeLocation(text);
  if (!location.city && !location.region && !location.country_code) return null;
  return { city: location.city, region: location.region, regionCode: location.region_code, countryCode: location.country_code, geo };
}

/**
 * One user's digest for one frequency: one msearch over the postings ingested since each saved
 * search's mark, one message per channel, then the marks move to the window's end. The window
 * (user, frequency, end) is recorded before sending, so a retried job whose digest went out sends
 * nothing; a job retried after a failed send sends it then.
 */
export async function runDigest(deps: DigestDeps, userId: string, frequency: AlertFrequency): Promise<DigestResult> {
  const now = deps.now?.() ?? new Date();
  const user = await deps.store.user(userId);
  if (!user) return { status: 'no_user', windowEnd: null, postings: 0, messages: 0 };
  const searches = await deps.store.savedSearches(userId, frequency);
  if (searches.length === 0) return { status: 'no_searches', windowEnd: null, postings: 0, messages: 0 };

  const windowEnd = await deps.visibleThrough();
  const due = searches.filter((s) => s.ingestedAfter < windowEnd);
  if (due.length === 0) return { status: 'empty', windowEnd: windowEnd.toISOString(), postings: 0, messages: 0 };
  if ((await deps.store.claimDigest(userId, frequency, windowEnd)) === 'done') {
    return { status: 'already_sent', windowEnd: windowEnd.toISOString(), postings: 0, messages: 0 };
  }

  const alertSearches: AlertSearch[] = due.map((s) => ({ id: s.id, params: s.params, place: placeOf(s), ingestedAfter: s.ingestedAfter }));
  const res = await deps.es.msearch({ searches: buildAlertMatchRequests(alertSearches, { ingestedThrough: windowEnd, index: deps.index, now }) });
  const matches = mapAlertMatchResponses(alertSearches, res);

  const publicUrl = deps.config.notify.publicUrl.replace(/\/+$/, '');
  const byChannel = new Map<'email' | 'sms', DigestSection[]>();
  let postings = 0;
  due.forEach((s, i) => {
    const m = matches[i];
    if (m.total === 0) return;
    const token = signUnsubscribeToken(deps.config.auth.sessionSecret, s.id);
    const sections = byChannel.get(s.channel) ?? [];
    sections.push({ savedSearchName: s.name, total: m.total, hits: m.hits, unsubscribeUrl: `${publicUrl}/api/alerts/unsubscribe?token=${encodeURIComponent(token)}` });
    byChannel.set(s.channel, sections);
    postings += m.total;
  });

  let messages = 0;
  for (const [channel, sections] of byChannel) {
    const to = channel === 'email' ? user.email : user.phone;
    // The backend refuses an e-mail alert without an address; one removed since is skipped, not retried forever.
    if (!to) continue;
    await deps.delivery.send(buildDigestMessage({ channel, to, userName: user.name, frequency, publicUrl, sections }));
    messages++;
  }

  await deps.store.finishDigest(userId, frequency, windowEnd, due.map((s) => s.id), postings);
  return { status: postings > 0 ? 'sent' : 'empty', windowEnd: windowEnd.toISOString(), postings, messages };
}
