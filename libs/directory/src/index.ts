export * from './errors';
export * from './validation';
export * from './station-csv';
export * from './directory.service';
export * from './stations.service';
export * from './users-admin.service';
