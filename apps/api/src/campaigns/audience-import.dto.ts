import { ApiProperty } from '@nestjs/swagger';

/** What one subscriber CSV import did (the service's `AudienceImportCounts`, described for the OpenAPI document). */
export class AudienceImportCountsDto {
  /** For the rejects download: GET /api/campaigns/:id/audience/imports/:importId/rejects.csv */
  importId!: string;
  /** Header of the column read as the phone number. */
  phoneColumn!: string | null;
  /** Data rows read (header and blank rows not counted). */
  rows!: number;
  /** Numbers added to the campaign's audience. */
  accepted!: number;
  /** Numbers seen earlier in the file or already in the audience. */
  duplicates!: number;
  /** Numbers left out because they opted out. */
  optedOut!: number;
  /** Rows that could not be used (see the rejects download). */
  rejected!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byCarrier!: Record<string, number>;
}
