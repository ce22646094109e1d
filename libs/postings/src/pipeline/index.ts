export * from './run-import';
export * from './quarantine';
