export * from './status-machine';
export * from './channel-plans';
export * from './errors';
export * from './campaigns.service';
export * from './campaign-report.service';
export * from './fanout.service';
export * from './lifecycle.service';
export * from './campaigns.module';
