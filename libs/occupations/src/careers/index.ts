export * from './titles';
export * from './career-match';
export * from './profiler';
export * from './job-zones';
export * from './profiler-items';
