import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const CODE = /^[a-z0-9-]+$/;
const CODE_MESSAGE = (f: string) =>
  `${f}: chỉ a-z, 0-9 và dấu gạch ngang / ${f} must be a directory code (a-z, 0-9, -)`;

export class CreateAgencyDto {
  @IsString() @MaxLength(64) @Matches(CODE, { message: CODE_MESSAGE('code') }) code!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MaxLength(64) @Matches(CODE, { message: CODE_MESSAGE('group') }) group!: string;
}

export class UpdateAgencyDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(64) @Matches(CODE, { message: CODE_MESSAGE('group') }) group?: string;
}

export class CreatePortalDto {
  @IsString() @MaxLength(64) @Matches(CODE, { message: CODE_MESSAGE('code') }) code!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsString() @MaxLength(2048) url!: string;
}

export class UpdatePortalDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(2048) url?: string;
}
