import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_LIMITS, CODE_CHANNELS, type CodeChannel, type LoginRequest } from '@jobportal/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsE164Phone } from '../identifiers';

/** Exactly one of phone and email (checked by the service, which names the field). */
export class LoginDto implements LoginRequest {
  @ApiPropertyOptional({ example: '+14155550123' })
  @IsOptional()
  @IsString()
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional({ example: 'jane@example.com' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(ACCOUNT_LIMITS.emailMax, { message: `must be at most ${ACCOUNT_LIMITS.emailMax} characters` })
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ enum: CODE_CHANNELS, description: 'Default: sms for a phone, email for an e-mail; "app" for the authenticator app.' })
  @IsOptional()
  @IsIn(CODE_CHANNELS)
  channel?: CodeChannel;
}
