import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import { MESSAGE_DELIVERY, TwilioVerify, type MessageDelivery } from '@jobportal/notify';
import { APP_CONFIG } from '../config/config.module';
import { AccountErrorsInterceptor } from './auth-errors';
import { AuthHousekeeping } from './auth-housekeeping';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CODE_ISSUERS, type CodeIssuers } from './code-issuer';
import { OtpChallenge } from './entities/otp-challenge.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { OtpCodeIssuer } from './otp-code-issuer';
import { RateLimiter } from './rate-limiter.service';
import { RolesGuard } from './roles.guard';
import { SecretBox } from './secret-box';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { TwilioVerifyCodeIssuer } from './twilio-verify-code-issuer';

/** Who makes, sends and checks codes per channel: ours (otplib) everywhere, or Twilio Verify for SMS when configured. */
function codeIssuers(config: AppConfig, delivery: MessageDelivery, box: SecretBox): CodeIssuers {
  const ours = (channel: 'sms' | 'email') => new OtpCodeIssuer(channel, delivery, box, config.auth.otpTtlS);
  const verify = config.notify.twilioVerify;
  return { sms: verify ? new TwilioVerifyCodeIssuer(new TwilioVerify(verify)) : ours('sms'), email: ours('email') };
}

/** Sign-up, log-in and sessions (issue 4). Codes go out through the notifications port, or Twilio Verify. */
@Module({
  imports: [TypeOrmModule.forFeature([User, OtpChallenge, Session])],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthHousekeeping,
    RateLimiter,
    SessionService,
    SessionGuard,
    RolesGuard,
    AccountErrorsInterceptor,
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.auth.otpEncryptionKey) },
    { provide: CODE_ISSUERS, inject: [APP_CONFIG, MESSAGE_DELIVERY, SecretBox], useFactory: codeIssuers },
  ],
  exports: [TypeOrmModule, SessionService, SessionGuard, RolesGuard, SecretBox, AccountErrorsInterceptor],
})
export class AuthModule {}
