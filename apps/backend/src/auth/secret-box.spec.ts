import { SecretBox } from './secret-box';

const KEY = 'aa'.repeat(32);

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'otp:1');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.open(sealed, 'otp:1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(KEY);
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a ciphertext moved to another context, a tampered one, and another key', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('secret', 'otp:1');
    expect(() => box.open(sealed, 'otp:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3], 'base64url').toString('latin1'), 'latin1').toString('base64url');
    expect(() => box.open(parts.join('.'), 'otp:1')).toThrow();
    expect(() => new SecretBox('bb'.repeat(32)).open(sealed, 'otp:1')).toThrow();
  });
});
