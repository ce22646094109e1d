import { generate, generateSecret, generateURI, verify } from 'otplib';
import { CODE_LENGTH } from '@jobportal/contracts';

/**
 * Codes sent by SMS or e-mail are HOTP (RFC 4226) over a fresh per-challenge secret, the counter
 * bumped by every resend: a resend makes the previous code worthless, and validity (10 minutes)
 * is the challenge's own expiry rather than a TOTP period. Authenticator apps use TOTP (RFC 6238,
 * 30 s steps, one step of clock drift either way).
 */
export const newOtpSecret = (): string => generateSecret();

export function hotpCode(secret: string, counter: number): Promise<string> {
  return generate({ secret, strategy: 'hotp', counter, digits: CODE_LENGTH });
}

export async function verifyHotp(secret: string, counter: number, code: string): Promise<boolean> {
  const result = await verify({ secret, strategy: 'hotp', counter, token: code, digits: CODE_LENGTH });
  return result.valid;
}

/** The accepted time step (store it: a later code must come from a later step), or null. */
export async function verifyTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    digits: CODE_LENGTH,
    epochTolerance: 30,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export function totpUri(secret: string, label: string, issuer: string): string {
  return generateURI({ secret, label, issuer, digits: CODE_LENGTH });
}
