import { generate } from 'otplib';
import { hotpCode, newOtpSecret, totpUri, verifyHotp, verifyTotp } from './one-time-codes';

describe('one-time codes', () => {
  it('makes 6-digit HOTP codes that verify only for their counter', async () => {
    const secret = newOtpSecret();
    const code = await hotpCode(secret, 0);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyHotp(secret, 0, code)).toBe(true);
    expect(await verifyHotp(secret, 1, code)).toBe(code === (await hotpCode(secret, 1)));
    expect(await verifyHotp(newOtpSecret(), 0, code)).toBe(false);
  });

  it('accepts an authenticator code once per time step', async () => {
    const secret = newOtpSecret();
    const epoch = Math.floor(Date.now() / 1000);
    const code = await generate({ secret, epoch });
    const step = await verifyTotp(secret, code, null);
    expect(step).toBe(Math.floor(epoch / 30));
    expect(await verifyTotp(secret, code, step)).toBeNull();
  });

  it('builds an otpauth URI for the app', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'jane@example.com', 'Job portal');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Job%20portal:jane%40example\.com\?/);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(uri).toContain('issuer=Job%20portal');
  });
});
