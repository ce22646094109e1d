export * from './onet';
export * from './classifier';
export * from './careers';
// Both the classifier and the resume reader clean titles; the package's public one is the
// classifier's (the resume reader's is internal to careers/titles.ts).
export { normalizeTitle } from './classifier';
