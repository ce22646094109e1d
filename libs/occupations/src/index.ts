export * from './onet';
export * from './classifier';
export * from './careers';
// Both the classifier and the resume reader clean titles. The package's `normalizeTitle` is the
// classifier's (posting titles); the resume reader's, which also drops resume dates, is
// `normalizeResumeTitle`.
export { normalizeTitle } from './classifier';
export { normalizeTitle as normalizeResumeTitle } from './careers/titles';
