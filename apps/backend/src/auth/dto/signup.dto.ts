import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_LIMITS, type SignupRequest } from '@jobportal/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsE164Phone } from '../identifiers';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignupDto implements SignupRequest {
  @ApiProperty({ example: 'Jane Doe', maxLength: ACCOUNT_LIMITS.nameMax })
  @Transform(trim)
  @IsString()
  @Length(1, ACCOUNT_LIMITS.nameMax, { message: `must be 1 to ${ACCOUNT_LIMITS.nameMax} characters` })
  @Matches(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  @IsString()
  @IsE164Phone()
  phone!: string;

  @ApiPropertyOptional({ example: 'jane@example.com', maxLength: ACCOUNT_LIMITS.emailMax })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(ACCOUNT_LIMITS.emailMax, { message: `must be at most ${ACCOUNT_LIMITS.emailMax} characters` })
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
}
