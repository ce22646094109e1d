import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import { APP_CONFIG } from '../config/config.module';
import { AccountErrorsInterceptor } from './auth-errors';
import { AuthHousekeeping } from './auth-housekeeping';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OtpChallenge } from './entities/otp-challenge.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { RateLimiter } from './rate-limiter.service';
import { SecretBox } from './secret-box';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';

/** Sign-up, log-in and sessions (issue 4). Codes go out through the notifications port. */
@Module({
  imports: [TypeOrmModule.forFeature([User, OtpChallenge, Session])],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthHousekeeping,
    RateLimiter,
    SessionService,
    SessionGuard,
    AccountErrorsInterceptor,
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.auth.otpEncryptionKey) },
  ],
  exports: [TypeOrmModule, SessionService, SessionGuard, SecretBox, AccountErrorsInterceptor],
})
export class AuthModule {}
