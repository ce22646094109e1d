import { SOURCE_NAMES } from '@jobportal/contracts';
import { craigslistNyc2019Adapter } from './craigslist_nyc_2019.adapter';
import { generatedAdapter } from './generated.adapter';
import { indeed2019Adapter } from './indeed_2019.adapter';
import { linkedin2023_24Adapter } from './linkedin_2023_24.adapter';
import { linkedin2024Adapter } from './linkedin_2024.adapter';
import {
  UnknownSourceError,
  type SampleSourceAdapter,
  type SampleSourceName,
  type SourceAdapter,
} from './source-adapter';
import { tjfgEctj2020Adapter } from './tjfg_ectj_2020.adapter';
import { tjfgIndeed2020Adapter } from './tjfg_indeed_2020.adapter';

export {
  SourceFileError,
  UnknownSourceError,
  isRejectedRow,
  type SampleSourceAdapter,
  type SampleSourceName,
  type SourceAdapter,
  type SourceFileErrorCode,
  type SourceReadOptions,
} from './source-adapter';
export { generatedAdapter };

export const SOURCE_ADAPTERS: Readonly<Record<SampleSourceName, SampleSourceAdapter>> = {
  linkedin_2023_24: linkedin2023_24Adapter,
  linkedin_2024: linkedin2024Adapter,
  indeed_2019: indeed2019Adapter,
  craigslist_nyc_2019: craigslistNyc2019Adapter,
  tjfg_indeed_2020: tjfgIndeed2020Adapter,
  tjfg_ectj_2020: tjfgEctj2020Adapter,
};

/** The sample sources, in the order they are ingested and listed. */
export const SAMPLE_SOURCES: readonly SampleSourceName[] = [
  'linkedin_2023_24',
  'linkedin_2024',
  'indeed_2019',
  'craigslist_nyc_2019',
  'tjfg_indeed_2020',
  'tjfg_ectj_2020',
];

/** The sources read from files, `generated` included; crawled sources (crawl_*) come through libs/postings/src/crawl. */
export const FILE_SOURCE_NAMES: readonly string[] = SOURCE_NAMES.filter((n) => !n.startsWith('crawl_'));

/** Any file source's adapter, `generated` included; an UnknownSourceError lists the valid names. */
export function getSourceAdapter(name: string): SourceAdapter {
  if (name === 'generated') return generatedAdapter;
  if (Object.prototype.hasOwnProperty.call(SOURCE_ADAPTERS, name)) {
    return SOURCE_ADAPTERS[name as SampleSourceName];
  }
  throw new UnknownSourceError(name, FILE_SOURCE_NAMES);
}
