export * from './create-posting-generator';
export * from './load-generator-corpus';
export * from './prng';
export * from './write-generated-postings';
