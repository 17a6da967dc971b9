import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsEmail() @MaxLength(254) email!: string;
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

/** The signed-in operator. */
export class OperatorDto {
  id!: string;
  organizationId!: string;
  /** editor, approver or admin. */
  role!: 'editor' | 'approver' | 'admin';
  email!: string;
  displayName!: string;
}

export class LoginResultDto {
  /** Bearer token for `Authorization: Bearer …`. */
  token!: string;
  expiresAt!: string;
  user!: OperatorDto;
}
