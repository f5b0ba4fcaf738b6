import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'mandate-admin', maxLength: 256 })
  @IsString()
  @Length(1, 256)
  password: string;
}
