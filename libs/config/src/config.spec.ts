import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.elastic.node).toBe('http://127.0.0.1:9200');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.app.port).toBe(3000);
    expect(c.data.technologySkillsCsv).toMatch(/shared\/data\/onet\/technology_skills\.csv$/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).app.port).toBe(3000);
  });

  it('reports every invalid variable with its reason', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', ES_URL: 'ftp://x', ES_INDEX_PREFIX: 'Bad Prefix' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const vars = (err as ConfigError).problems.map((p) => p.variable).sort();
    expect(vars).toEqual(['ES_INDEX_PREFIX', 'ES_URL', 'PORT']);
    expect((err as ConfigError).message).toContain('ES_URL: must start with http:// or https://');
  });
});

describe('loadConfig: Twilio Verify', () => {
  const SID = `AC${'a1'.repeat(16)}`;
  const VERIFY = `VA${'0f'.repeat(16)}`;
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  it('is off unless a Verify Service SID is set', () => {
    const c = loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+15005550006' });
    expect(c.notify.twilioVerify).toBeNull();
    expect(c.notify.twilio).toMatchObject({ from: '+15005550006' });
  });

  it('with the account SID and auth token, needs no TWILIO_FROM (codes come from Verify, no Messages API sender)', () => {
    const c = loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token', TWILIO_VERIFY_SERVICE_SID: VERIFY, TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/' });
    expect(c.notify.twilioVerify).toEqual({ accountSid: SID, authToken: 'token', serviceSid: VERIFY, apiBaseUrl: 'http://127.0.0.1:4010' });
    expect(c.notify.twilio).toBeNull();
  });

  it('keeps the Messages API for digests when TWILIO_FROM is set too', () => {
    const c = loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token', TWILIO_VERIFY_SERVICE_SID: VERIFY, TWILIO_FROM: `MG${'b2'.repeat(16)}` });
    expect(c.notify.twilioVerify?.serviceSid).toBe(VERIFY);
    expect(c.notify.twilio).toMatchObject({ accountSid: SID, from: `MG${'b2'.repeat(16)}`, apiBaseUrl: 'https://api.twilio.com' });
  });

  it.each([
    ['a Messaging Service SID', `MG${'0f'.repeat(16)}`],
    ['too short', `VA${'0f'.repeat(15)}`],
    ['not hex', `VA${'zz'.repeat(16)}`],
    ['lowercase prefix', `va${'0f'.repeat(16)}`],
  ])('refuses a service SID that is %s', (_what, value) => {
    expect(problemsOf({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token', TWILIO_VERIFY_SERVICE_SID: value })).toEqual([
      { variable: 'TWILIO_VERIFY_SERVICE_SID', reason: 'must be "VA" followed by 32 hex characters (a Verify Service SID)' },
    ]);
  });

  it('requires the account SID and auth token with a service SID', () => {
    expect(problemsOf({ TWILIO_VERIFY_SERVICE_SID: VERIFY })).toEqual([
      { variable: 'TWILIO_ACCOUNT_SID', reason: 'is required with TWILIO_VERIFY_SERVICE_SID' },
      { variable: 'TWILIO_AUTH_TOKEN', reason: 'is required with TWILIO_VERIFY_SERVICE_SID' },
    ]);
    expect(problemsOf({ TWILIO_ACCOUNT_SID: SID, TWILIO_VERIFY_SERVICE_SID: VERIFY }).map((p) => p.variable)).toEqual(['TWILIO_AUTH_TOKEN']);
  });

  it('without Verify, credentials alone still need TWILIO_FROM, and says Verify is the alternative', () => {
    expect(problemsOf({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token' })).toEqual([
      {
        variable: 'TWILIO_FROM',
        reason: 'is required with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (or set TWILIO_VERIFY_SERVICE_SID to send codes with Twilio Verify)',
      },
    ]);
  });

  it('treats an empty service SID as unset', () => {
    expect(loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+15005550006', TWILIO_VERIFY_SERVICE_SID: '' }).notify.twilioVerify).toBeNull();
  });
});

describe('loadConfig: security (issue 12)', () => {
  it('trusts no other origin by default, and turns HSTS on only behind an https PUBLIC_URL', () => {
    expect(loadConfig({}).security).toEqual({ corsOrigins: [], hsts: false });
    expect(loadConfig({ PUBLIC_URL: 'https://jobs.example.com' }).security.hsts).toBe(true);
  });

  it('reads CORS_ORIGINS as a comma-separated list and rejects an origin with a path', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:4200' }).security.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:4200']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/' })).toThrow(/CORS_ORIGINS: each origin must be scheme:\/\/host\[:port\]/);
  });
});
