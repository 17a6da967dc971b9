export * from './extract';
export * from './directives.service';
