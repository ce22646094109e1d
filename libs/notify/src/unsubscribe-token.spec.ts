import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const ID = '0b7d3c1e-5f7a-4d8e-9a1b-2c3d4e5f6a7b';
const SECRET = 'a-session-secret-of-at-least-32-characters';

describe('unsubscribe tokens', () => {
  it('verifies its own token and names the saved search', () => {
    expect(verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, ID))).toBe(ID);
  });

  it('refuses another secret, another id, a changed signature and malformed input', () => {
    const token = signUnsubscribeToken(SECRET, ID);
    const [, sig] = token.split('.');
    expect(verifyUnsubscribeToken('another-secret-of-at-least-32-characters', token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `1b7d3c1e-5f7a-4d8e-9a1b-2c3d4e5f6a7b.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${ID}.${sig.slice(0, -2)}AA`)).toBeNull();
    for (const bad of ['', ID, `${ID}.`, `${token}.x`, 'not-a-uuid.abc']) expect(verifyUnsubscribeToken(SECRET, bad)).toBeNull();
  });
});
