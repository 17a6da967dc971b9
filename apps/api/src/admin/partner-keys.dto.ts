import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PARTNER_KINDS, PartnerKind } from '@loa/db';

export class IssuePartnerKeyDto {
  @IsIn(PARTNER_KINDS) kind!: PartnerKind;
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9-]+$/, { message: 'partnerCode must be a directory code (a-z, 0-9, -)' })
  partnerCode!: string;
}

export class ListPartnerKeysQuery {
  @IsOptional() @IsIn(PARTNER_KINDS) kind?: PartnerKind;
}
