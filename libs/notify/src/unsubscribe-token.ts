import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link of one saved search: `<savedSearchId>.<HMAC-SHA256>` (base64url), so a
 * click pauses that search without a session and a guessed id pauses nothing. The key is derived
 * from the session secret (one secret to configure), with a label so the MAC means only this.
 */
function mac(secret: string, savedSearchId: string): Buffer {
  const key = createHmac('sha256', secret).update('jobportal:alert-unsubscribe:v1').digest();
  return createHmac('sha256', key).update(savedSearchId).digest();
}

export function signUnsubscribeToken(secret: string, savedSearchId: string): string {
  return `${savedSearchId}.${mac(secret, savedSearchId).toString('base64url')}`;
}

/** The saved search id the token names, or null when it is malformed or not ours. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [id, sig, ...rest] = token.split('.');
  if (!id || !sig || rest.length > 0 || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
