import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

export class CarrierReportDto {
  @IsInt() @Min(0) @Max(200_000_000) submitted!: number;
  @IsInt() @Min(0) @Max(200_000_000) delivered!: number;
  @IsInt() @Min(0) @Max(200_000_000) failed!: number;
  @Type(() => Date) @IsDate() reportedAt!: Date;
  @IsOptional() @IsBoolean() final?: boolean;
}

export class PartnerOrderWindowDto {
  start!: string;
  end!: string;
}

export class PartnerOrderCountsDto {
  submitted!: number;
  delivered!: number;
  failed!: number;
}

/** An order the carrier sends to its own subscribers in an area. */
export class PartnerCarrierOrderDto {
  id!: string;
  campaignId!: string;
  campaignStatus!: string;
  /** Where to send: the code of the administrative unit (official 2025 codes, e.g. 92 = Cần Thơ, 31783 = a ward). */
  area!: string;
  /** The unit's official name, e.g. "Phường Vĩnh Châu". */
  areaName!: string;
  /** The message exactly as to send it. */
  text!: string;
  senderName!: string;
  window!: PartnerOrderWindowDto;
  legalBasis!: string | null;
  status!: 'open' | 'acknowledged' | 'completed' | 'cancelled';
  counts!: PartnerOrderCountsDto;
  lastReportAt!: string | null;
}

/** GET /partners/carriers/:code/orders. */
export class PartnerCarrierOrdersDto {
  carrier!: string;
  orders!: PartnerCarrierOrderDto[];
}
