import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { SOURCE_NAMES } from '@jobportal/contracts';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS, UnknownSourceError, generatedAdapter, getSourceAdapter } from './index';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

describe('source adapter registry', () => {
  it('lists the six sample sources in order, each with its own adapter and an existing sample file', () => {
    expect(SAMPLE_SOURCES).toEqual([
      'linkedin_2023_24',
      'linkedin_2024',
      'indeed_2019',
      'craigslist_nyc_2019',
      'tjfg_indeed_2020',
      'tjfg_ectj_2020',
    ]);
    for (const name of SAMPLE_SOURCES) {
      const adapter = SOURCE_ADAPTERS[name];
      expect(adapter.name).toBe(name);
      expect(adapter.label).not.toBe('');
      expect(existsSync(path.join(DATA_DIR, adapter.samplePath))).toBe(true);
    }
  });

  it('finds every source by name, generated included', () => {
    for (const name of SOURCE_NAMES.filter((n) => !n.startsWith('crawl_'))) expect(getSourceAdapter(name).name).toBe(name);
    expect(getSourceAdapter('generated')).toBe(generatedAdapter);
    expect(generatedAdapter.samplePath).toBeNull();
  });

  it('names the valid sources when asked for an unknown one', () => {
    const error = (() => {
      try {
        getSourceAdapter('monster_2021');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(UnknownSourceError);
    expect(error).toMatchObject({ code: 'unknown_source', validNames: SOURCE_NAMES.filter((n) => !n.startsWith('crawl_')) });
    expect((error as Error).message).toBe(
      'Unknown source "monster_2021". Valid sources: linkedin_2023_24, linkedin_2024, indeed_2019, craigslist_nyc_2019, tjfg_indeed_2020, tjfg_ectj_2020, generated.',
    );
    expect(() => getSourceAdapter('toString')).toThrow(UnknownSourceError);
  });
});
