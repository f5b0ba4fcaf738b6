import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
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

  @ApiProperty({ example: 'a long passphrase', minLength: 8 })
  @IsString()
  @Length(8, 256)
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

