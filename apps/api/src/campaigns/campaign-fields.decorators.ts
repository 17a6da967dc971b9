import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { CAMPAIGN_MODES } from '@loa/campaigns';

/** An optional campaign mode (actual, exercise or test), refused with the modes named, and an enum in OpenAPI. */
export function OptionalCampaignMode(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsIn(CAMPAIGN_MODES, { message: `mode must be one of ${CAMPAIGN_MODES.join(', ')}` }),
    ApiPropertyOptional({ enum: CAMPAIGN_MODES }),
  );
}

/** How many units one area may list. */
const MAX_AREA_UNITS = 500;
const UNIT_CODE = /^\d{2,5}$/;

/**
 * An optional list of administrative unit codes (config/admin-units): at most 500, each of 2 to 5 digits. The
 * OpenAPI document says so itself: the Swagger plugin cannot read validators applied through a function.
 */
export function OptionalAreaCodes(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_AREA_UNITS),
    Matches(UNIT_CODE, { each: true, message: 'area must list codes of administrative units, e.g. 92 or 31507' }),
    ApiPropertyOptional({
      type: 'array',
      maxItems: MAX_AREA_UNITS,
      items: { type: 'string', pattern: UNIT_CODE.source },
    }),
  );
}
