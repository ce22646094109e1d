import type { SampleSourceAdapter } from './source-adapter';
import { readTjfgPostings } from './read-tjfg-postings';

const LABEL = 'Tech Jobs for Good: Indeed scrape, Jul-Aug 2020';

export const tjfgIndeed2020Adapter: SampleSourceAdapter = {
  name: 'tjfg_indeed_2020',
  label: LABEL,
  samplePath: 'postings/techjobsforgood_indeed_2020/postings.csv',
  read: (filePath, opts = {}) => readTjfgPostings('tjfg_indeed_2020', LABEL, filePath, opts),
};
