export * from './entities';
export * from './migrations';
export * from './data-source';
export * from './database-admin';
export * from './db.module';
export * from './update-returning';
export * from './transient-errors';
