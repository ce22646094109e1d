export * from './posting';
export * from './queues';
export * from './search';
export * from './accounts';
export * from './occupations';
export * from './trends';
export * from './analyst';
