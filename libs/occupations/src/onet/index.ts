export * from './occupation';
export { DATA_TABLES, type DataTableName } from './data-files';
export { OccupationDataError, readTable, locateTable, type TableSource } from './read-table';
export { SocTaxonomy, loadSocTaxonomy, type SocEntry, type SocLevel } from './soc-taxonomy';
export { OewsWages, EmploymentProjections, loadOewsWages, loadEmploymentProjections, broadGroupOf } from './bls';
export { loadOccupationCores, loadOccupations, readOnetVersion, type OccupationCatalog } from './load-occupations';
