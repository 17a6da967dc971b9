export * from './render-dispatch';
export * from './mail-transport';
export * from './email-dispatch.service';
export * from './email.module';
