import { Logger } from '@nestjs/common';
import { TwilioVerifyUnavailableError } from '@jobportal/notify';
import { CodesUnavailableError } from './code-issuer';
import { TwilioVerifyCodeIssuer } from './twilio-verify-code-issuer';

function fakeVerify() {
  return {
    start: jest.fn<Promise<void>, [string]>(() => Promise.resolve()),
    check: jest.fn<Promise<boolean>, [string, string]>(() => Promise.resolve(true)),
    ping: jest.fn<Promise<void>, []>(() => Promise.resolve()),
  };
}
const outage = () => Promise.reject(new TwilioVerifyUnavailableError('Twilio Verify is unreachable: socket hang up'));
const challenge = (destination: string | null) => ({ id: 'c1', destination, secret: null, counter: 0 });

describe('TwilioVerifyCodeIssuer', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.useRealTimers());

  it('keeps no secret, sends to the destination and asks Verify about the code', async () => {
    const verify = fakeVerify();
    const issuer = new TwilioVerifyCodeIssuer(verify);
    expect(issuer.newSecret()).toBeNull();
    await issuer.send(challenge('+14155552671'));
    expect(verify.start).toHaveBeenCalledWith('+14155552671');
    await expect(issuer.check(challenge('+14155552671'), '123456')).resolves.toBe(true);
    expect(verify.check).toHaveBeenCalledWith('+14155552671', '123456');
  });

  it('never verifies a decoy and never asks Verify about it, but makes a round trip all the same', async () => {
    const verify = fakeVerify();
    await expect(new TwilioVerifyCodeIssuer(verify).check(challenge(null), '123456')).resolves.toBe(false);
    expect(verify.check).not.toHaveBeenCalled();
    expect(verify.ping).toHaveBeenCalledTimes(1);
  });

  it('turns an outage into a 503 for a check, and refuses new codes until a probe finds Verify back', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const verify = fakeVerify();
    const issuer = new TwilioVerifyCodeIssuer(verify, 5_000);
    await expect(issuer.assertAvailable()).resolves.toBeUndefined();
    expect(verify.ping).not.toHaveBeenCalled();

    verify.check.mockImplementationOnce(outage);
    const err = await issuer.check(challenge('+14155552671'), '123456').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodesUnavailableError);
    expect((err as CodesUnavailableError).getResponse()).toMatchObject({ statusCode: 503, code: 'sms_unavailable' });

    // Down: refused at once, without calling Verify, until the probe interval has passed.
    await expect(issuer.assertAvailable()).rejects.toBeInstanceOf(CodesUnavailableError);
    expect(verify.ping).not.toHaveBeenCalled();
    jest.setSystemTime(1_000_000 + 5_001);
    verify.ping.mockImplementationOnce(outage);
    await expect(issuer.assertAvailable()).rejects.toBeInstanceOf(CodesUnavailableError);
    expect(verify.ping).toHaveBeenCalledTimes(1);
    await expect(issuer.assertAvailable()).rejects.toBeInstanceOf(CodesUnavailableError);
    expect(verify.ping).toHaveBeenCalledTimes(1);

    jest.setSystemTime(1_000_000 + 10_002);
    await expect(issuer.assertAvailable()).resolves.toBeUndefined();
    expect(verify.ping).toHaveBeenCalledTimes(2);
    await expect(issuer.assertAvailable()).resolves.toBeUndefined();
    expect(verify.ping).toHaveBeenCalledTimes(2);
  });

  it('a failed send (after the answer) rejects with Verify’s reason and marks Verify down; a later success clears it', async () => {
    const verify = fakeVerify();
    const issuer = new TwilioVerifyCodeIssuer(verify, 60_000);
    verify.start.mockImplementationOnce(outage);
    await expect(issuer.send(challenge('+14155552671'))).rejects.toThrow('socket hang up');
    await expect(issuer.assertAvailable()).rejects.toBeInstanceOf(CodesUnavailableError);
    await expect(issuer.check(challenge('+14155552671'), '123456')).resolves.toBe(true);
    await expect(issuer.assertAvailable()).resolves.toBeUndefined();
  });

  it('passes other errors through unchanged (a request problem is not an outage)', async () => {
    const verify = fakeVerify();
    const issuer = new TwilioVerifyCodeIssuer(verify);
    const invalid = new Error('Invalid parameter `To`');
    verify.start.mockRejectedValueOnce(invalid);
    await expect(issuer.send(challenge('+1'))).rejects.toBe(invalid);
    await expect(issuer.assertAvailable()).resolves.toBeUndefined();
  });
});
