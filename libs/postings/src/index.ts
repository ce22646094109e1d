export * from './normalize';
export * from './sources';
export * from './pipeline';
export * from './generate';
export * from './crawl';
