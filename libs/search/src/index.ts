export * from './client';
export * from './indices';
export * from './bulk-index';
export * from './requests/overview';
