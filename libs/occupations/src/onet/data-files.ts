import type { TableSource } from './read-table';

const CODE = 'O*NET-SOC Code';

/** O*NET tables: the CSV conversion (../shared/data) or the publisher's text edition. */
const onet = (csv: string, txt: string, label: string, columns: string[]): TableSource => ({
  label: `O*NET ${label}`,
  paths: [`onet/${csv}.csv`, `onet/${txt}.txt`],
  columns,
});

/**
 * Every table the loader reads, relative to the data directory. The O*NET release these were
 * written against is 29.3 (May 2025); SOC is the 2018 edition; BLS tables are OEWS May 2024 and
 * the 2024-34 Employment Projections.
 */
export const DATA_TABLES = {
  occupationData: onet('occupation_data', 'Occupation Data', 'Occupation Data', [CODE, 'Title', 'Description']),
  alternateTitles: onet('alternate_titles', 'Alternate Titles', 'Alternate Titles', [CODE, 'Alternate Title', 'Short Title']),
  reportedTitles: onet('sample_of_reported_titles', 'Sample of Reported Titles', 'Sample of Reported Titles', [CODE, 'Reported Job Title', 'Shown in My Next Move']),
  taskStatements: onet('task_statements', 'Task Statements', 'Task Statements', [CODE, 'Task ID', 'Task', 'Task Type']),
  technologySkills: onet('technology_skills', 'Technology Skills', 'Technology Skills', [CODE, 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology']),
  skills: onet('skills', 'Skills', 'Skills', [CODE, 'Element ID', 'Element Name', 'Scale ID', 'Data Value']),
  knowledge: onet('knowledge', 'Knowledge', 'Knowledge', [CODE, 'Element ID', 'Element Name', 'Scale ID', 'Data Value']),
  interests: onet('interests', 'Interests', 'Interests', [CODE, 'Element ID', 'Element Name', 'Scale ID', 'Data Value']),
  workValues: onet('work_values', 'Work Values', 'Work Values', [CODE, 'Element ID', 'Element Name', 'Scale ID', 'Data Value']),
  jobZones: onet('job_zones', 'Job Zones', 'Job Zones', [CODE, 'Job Zone']),
  jobZoneReference: onet('job_zone_reference', 'Job Zone Reference', 'Job Zone Reference', ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training']),
  education: onet('education_training_and_experience', 'Education, Training, and Experience', 'Education, Training, and Experience', [
    CODE,
    'Element ID',
    'Scale ID',
    'Category',
    'Data Value',
  ]),
  educationCategories: onet(
    'education_training_and_experience_categories',
    'Education, Training, and Experience Categories',
    'Education, Training, and Experience Categories',
    ['Element ID', 'Scale ID', 'Category', 'Category Description'],
  ),
  relatedOccupations: onet('related_occupations', 'Related Occupations', 'Related Occupations', [CODE, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index']),
  onetToSoc2018: {
    label: 'O*NET-SOC 2019 to SOC 2018 crosswalk',
    paths: ['soc/onet_soc_2019_to_soc_2018_crosswalk.csv', 'soc/2019_to_SOC_Crosswalk.csv'],
    columns: ['O*NET-SOC 2019 Code', '2018 SOC Code', '2018 SOC Title'],
  },
  socStructure: {
    label: 'SOC 2018 structure',
    paths: ['soc/soc_2018_structure.csv'],
    columns: ['level', 'soc_code', 'title', 'major_group', 'minor_group', 'broad_group'],
  },
  socDefinitions: {
    label: 'SOC 2018 definitions',
    paths: ['soc/soc_2018_definitions.csv'],
    columns: ['SOC Group', 'SOC Code', 'SOC Title', 'SOC Definition'],
  },
  oewsNational: {
    label: 'BLS OEWS national estimates (May 2024)',
    paths: ['bls/oews_national_M2024.csv'],
    columns: ['OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'A_MEDIAN', 'H_MEDIAN'],
  },
  projections: {
    label: 'BLS Employment Projections 2024-34 (occupation.xlsx, Table 1.2)',
    paths: ['bls/ep_2024_34_occupational_projections.csv'],
    columns: [
      '2024 National Employment Matrix code',
      'Employment, 2024',
      'Employment, 2034',
      'Employment change, numeric, 2024-34',
      'Employment change, percent, 2024-34',
      'Occupational openings, 2024-34 annual average',
    ],
  },
  nemCrosswalk: {
    label: 'BLS O*NET-SOC to National Employment Matrix crosswalk',
    paths: ['bls/nem_onet_soc_to_nem_ooh_crosswalk_2023.csv'],
    columns: [CODE, 'NEM Code'],
  },
} satisfies Record<string, TableSource>;

export type DataTableName = keyof typeof DATA_TABLES;
