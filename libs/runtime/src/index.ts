export * from './runtime.module';
export * from './runtime.tokens';
export * from './projection-admin';
export * from './metrics.registry';
export * from './quiet-startup';
export { STORAGE, type Storage } from './storage/storage';
