export * from './onet';
export * from './classifier';
