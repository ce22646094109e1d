export * from './posting';
export * from './queues';
