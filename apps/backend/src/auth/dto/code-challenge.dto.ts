import { ApiProperty } from '@nestjs/swagger';
import { CODE_CHANNELS, ROLES, type CodeChallenge, type CodeChannel, type Me, type Role } from '@jobportal/contracts';

export class CodeChallengeDto implements CodeChallenge {
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ enum: CODE_CHANNELS }) channel!: CodeChannel;
  @ApiProperty({ nullable: true, type: String, example: '+1 ••• 0123' }) sentTo!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'Seconds until a resend is accepted' }) resendAfter!: number;
  @ApiProperty({ example: 6 }) codeLength!: number;
}

export class MeDto implements Me {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '+14155550123' }) phone!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty() totpEnabled!: boolean;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['user'] }) roles!: Role[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
