export { AreaOptionsService } from './area-options.service';
export { areaDay, checkCampaignArea, organizationProvince } from './campaign-area-rules';
export type { AreaCheck, AreaProblem, DirectoryPlaces } from './campaign-area-rules';
