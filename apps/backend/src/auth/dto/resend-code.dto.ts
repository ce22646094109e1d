import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ResendCodeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'must be the challengeId returned by sign-up or log-in' })
  challengeId!: string;
}
