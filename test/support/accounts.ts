import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@jobportal/contracts';
import type { FakeTwilio } from './fake-twilio';
import { REPO_ROOT } from './stack';

let phoneSeq = 0;
/** A fresh, valid US number per call (the 646-555-2xxx block is assignable and never real mail). */
export function newTestPhone(): string {
  const n = 2000 + ((process.pid * 31 + Date.now() + phoneSeq++ * 7919) % 7999);
  return `+1646555${String(n).padStart(4, '0')}`;
}

export interface TestAccount {
  phone: string;
  /** The `jp_session=...` cookie pair, ready for `.set('Cookie', cookie)`. */
  cookie: string;
}

/** Signs up through the real code flow (SMS via the fake Twilio) and returns the session cookie. */
export async function signUpWithCode(app: INestApplication, twilio: FakeTwilio, name: string, email?: string): Promise<TestAccount> {
  const phone = newTestPhone();
  const http = () => request(app.getHttpServer());
  const res = await http().post('/api/auth/signup').send({ name, phone, ...(email ? { email } : {}) }).expect(202);
  const code = await twilio.codeFor(phone);
  const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
  const setCookie = (verified.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('jp_session='))!;
  return { phone, cookie: setCookie.split(';')[0] };
}

/** Grants a role the way an operator does: the real `user:grant` CLI (built into workers/dist). */
export function grantRole(databaseUrl: string, phone: string, role: Exclude<Role, 'user'>, revoke = false): string {
  return execFileSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/user-grant.js'), '--phone', phone, '--role', role, ...(revoke ? ['--revoke'] : [])], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
}
