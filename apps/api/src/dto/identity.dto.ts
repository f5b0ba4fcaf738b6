import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, UNIT_KINDS, type Role, type UnitKind } from '@mandate/domain';

export class RegisterUnitDto {
  @ApiProperty({ example: 'CAT', description: 'Short unique code (letters, digits, dots, dashes)' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'code must be 1–32 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: 'Provincial Police' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;
}

export class RegisterUserDto {
  @ApiProperty({ example: 'police.officer' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'a long passphrase', minLength: 10, maxLength: 256, description: '10–256 characters, not the username, not a well-known password' })
  @IsString()
  @Length(10, 256, { message: 'password must be 10–256 characters long' })
  password: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for the department role', format: 'uuid' })
  @ValidateIf((o: RegisterUserDto) => o.unitId !== undefined && o.unitId !== null)
  @IsUUID()
  unitId?: string | null;
}


export class ChangeUserRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'The unit of a department user (required for that role)', format: 'uuid' })
  @ValidateIf((o: ChangeUserRoleDto) => o.unitId !== undefined && o.unitId !== null)
  @IsUUID()
  unitId?: string | null;
}

export class DisableUserDto {
  @ApiPropertyOptional({ example: 'Moved to another post', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
