import { ApiProperty } from '@nestjs/swagger';
import { CODE_LENGTH, type VerifyCodeRequest } from '@jobportal/contracts';
import { IsString, IsUUID, Matches } from 'class-validator';

export class VerifyCodeDto implements VerifyCodeRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'must be the challengeId returned by sign-up or log-in' })
  challengeId!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(new RegExp(`^\\d{${CODE_LENGTH}}$`), { message: `must be exactly ${CODE_LENGTH} digits` })
  code!: string;
}
