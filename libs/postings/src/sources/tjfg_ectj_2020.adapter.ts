import type { SampleSourceAdapter } from './source-adapter';
import { readTjfgPostings } from './read-tjfg-postings';

/** Platform says "TJFG" (techjobsforgood.com) or "Indeed" row by row. */
const LABEL = 'Ethical tech jobs: techjobsforgood.com + Indeed, Aug-Sep 2020';

export const tjfgEctj2020Adapter: SampleSourceAdapter = {
  name: 'tjfg_ectj_2020',
  label: LABEL,
  samplePath: 'postings/techjobsforgood_indeed_2020/ectj_postings.csv',
  read: (filePath, opts = {}) => readTjfgPostings('tjfg_ectj_2020', LABEL, filePath, opts),
};
