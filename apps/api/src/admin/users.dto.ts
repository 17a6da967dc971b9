import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@loa/db';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@loa/directory';

const PASSWORD_MESSAGE = `password: mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự / at least ${MIN_PASSWORD_LENGTH} characters`;

export class CreateUserDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(1) @MaxLength(200) displayName!: string;
  @IsIn(USER_ROLES) role!: UserRole;
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
  /** Their own mobile number ("0912 345 678"): where their test SMS go. */
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class UpdateUserDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;
  @IsOptional() @IsIn(USER_ROLES) role?: UserRole;
  /** Their own mobile number; an empty string clears it. */
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class ResetPasswordDto {
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: PASSWORD_MESSAGE })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}
