export * from './posting';
export * from './queues';
export * from './search';
