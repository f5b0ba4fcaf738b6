export * from './aggregate-spec';
export * from './actor-fixtures';
export * from './event-builder';
export * from './task-fixtures';
export * from './directive-fixtures';
export * from './postgres-test-database';
