export * from './posting';
export * from './queues';
export * from './search';
export * from './accounts';
export * from './occupations';
export * from './careers';
export * from './career-plans';
