export * from './onet';
export * from './classifier';
export * from './careers';
