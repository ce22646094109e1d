import twilio from 'twilio';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { TwilioVerify, TwilioVerifyUnavailableError } from './twilio-verify';

/** The real SDK against the local server that speaks Verify's protocol (the one the e2e tests use). */
describe('TwilioVerify (twilio SDK, Verify API)', () => {
  const creds = FakeTwilio.credentials();
  const server = new FakeTwilio(creds);
  const client = (overrides: Partial<{ authToken: string; serviceSid: string }> = {}) =>
    new TwilioVerify({ ...creds, serviceSid: server.verifyServiceSid, apiBaseUrl: server.url, ...overrides });

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  afterEach(() => {
    server.unreachable = false;
    server.failWith = null;
  });

  it('starts a verification and approves only its code', async () => {
    const verify = client();
    await verify.start('+14155552671');
    const [sent] = server.verificationsTo('+14155552671');
    expect(sent).toMatchObject({ path: `/v2/Services/${server.verifyServiceSid}/Verifications`, channel: 'sms', code: expect.stringMatching(/^\d{6}$/) });
    const wrong = String((Number(sent.code) + 1) % 1_000_000).padStart(6, '0');
    await expect(verify.check('+14155552671', wrong)).resolves.toBe(false);
    await expect(verify.check('+14155552671', sent.code)).resolves.toBe(true);
    // Approved: nothing is pending any more (Verify answers 404), which reads as "not the code".
    await expect(verify.check('+14155552671', sent.code)).resolves.toBe(false);
  });

  it('reads the service for a probe', async () => {
    await expect(client().ping()).resolves.toBeUndefined();
  });

  it('reports an unknown service, refused credentials, a 5xx and no connection as outages', async () => {
    const unknown = client({ serviceSid: `VA${'0'.repeat(32)}` });
    await expect(unknown.start('+14155552671')).rejects.toThrow(TwilioVerifyUnavailableError);
    await expect(unknown.ping()).rejects.toThrow(/404 \(error 20404\)/);
    await expect(client({ authToken: 'wrong' }).start('+14155552671')).rejects.toThrow(/401 \(error 20003\)/);

    server.failWith = { status: 503, code: 20503, message: 'Service unavailable' };
    await expect(client().check('+14155552671', '123456')).rejects.toThrow(TwilioVerifyUnavailableError);
    server.failWith = null;

    server.unreachable = true;
    await expect(client().check('+14155552671', '123456')).rejects.toThrow(/unreachable/);
  });

  it('passes a request problem through as the SDK error', async () => {
    const err = await client()
      .start('not-a-number')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err).toMatchObject({ status: 400, code: 60200 });
  });
});
