import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /api/campaigns/:id/result-report: which file, and what the office wants in it. */
export class ResultReportQuery {
  /** `docx` (the default) to edit and sign in the office's own system, `pdf` for a finished copy. */
  @IsOptional() @IsIn(['docx', 'pdf']) format?: 'docx' | 'pdf';
  /** The authority reported to, as the letter should name it; the directive's issuer by default. */
  @IsOptional() @IsString() @MaxLength(300) recipient?: string;
  /** "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"; "GIÁM ĐỐC" by default. */
  @IsOptional() @IsString() @MaxLength(200) signerTitle?: string;
  @IsOptional() @IsString() @MaxLength(200) signerName?: string;
}
