export * from './extract';
export * from './plan';
export * from './directives.service';
export * from './directory-match.service';
export * from './directive-intake.service';
export * from './campaign-from-plan';
export * from './official-domains.loader';
export * from './directives.repository';
