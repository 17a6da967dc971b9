import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditQuery {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) targetType?: string;
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @IsOptional() @Matches(/^\d{1,19}$/, { message: 'before must be an event id (cursor)' }) before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

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
