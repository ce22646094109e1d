import { ApiProperty } from '@nestjs/swagger';
import { CODE_LENGTH } from '@jobportal/contracts';
import { IsString, Matches } from 'class-validator';

export class ConfirmTotpDto {
  @ApiProperty({ example: '123456', description: 'The code the authenticator app shows now' })
  @IsString()
  @Matches(new RegExp(`^\\d{${CODE_LENGTH}}$`), { message: `must be exactly ${CODE_LENGTH} digits` })
  code!: string;
}
