export { AreaOptionsService } from './area-options.service';
export { checkCampaignArea, organizationProvince } from './campaign-area-rules';
export type { AreaCheck, AreaProblem, DirectoryPlaces } from './campaign-area-rules';
