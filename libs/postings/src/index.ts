export * from './normalize';
export * from './sources';
export * from './pipeline';
