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
