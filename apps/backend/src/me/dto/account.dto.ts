import { ApiProperty } from '@nestjs/swagger';
import type { SessionInfo, TotpEnrollment } from '@jobportal/contracts';

export class TotpEnrollmentDto implements TotpEnrollment {
  @ApiProperty({ example: 'otpauth://totp/Job%20portal:jane%40example.com?secret=...&issuer=Job%20portal' }) otpauthUri!: string;
  @ApiProperty({ description: 'PNG data URL of the otpauth URI' }) qrDataUrl!: string;
  @ApiProperty({ description: 'Base32 secret, for apps that cannot scan' }) secret!: string;
}

export class SessionInfoDto implements SessionInfo {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty() current!: boolean;
}
