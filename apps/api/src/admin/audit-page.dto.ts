import { ApiProperty } from '@nestjs/swagger';

export class AuditEventDto {
  id!: string;
  actorType!: string;
  actorId!: string | null;
  /** The user's display name when the actor is a user. */
  actorName!: string | null;
  /** `campaign.approve`, `campaign.radio.amend`, … */
  action!: string;
  targetType!: string;
  targetId!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) before!: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) after!: unknown;
  requestId!: string | null;
  createdAt!: string;
}

export class AuditPageDto {
  events!: AuditEventDto[];
  /** Pass as `before` for the next page; null at the end. */
  nextCursor!: string | null;
}
