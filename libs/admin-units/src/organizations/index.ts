export { OrganizationLineage, parseLineageCsv } from './organization-lineage';
export type { LetterSigner, NamedBody, OrganizationBody } from './organization-lineage';
