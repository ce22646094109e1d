import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TotpEnrollment } from '@jobportal/contracts';
import { toDataURL } from 'qrcode';
import type { Repository } from 'typeorm';
import { invalidField } from '../auth/auth-errors';
import { User } from '../auth/entities/user.entity';
import { newOtpSecret, totpUri, verifyTotp } from '../auth/one-time-codes';
import { SecretBox } from '../auth/secret-box';
import { DatabaseGate } from '../database/database.module';

const ISSUER = 'Job portal';

/**
 * Authenticator-app enrollment: a new secret waits (encrypted) as "pending" until the user proves
 * the app has it by typing one code; only then can log-in use the app.
 */
@Injectable()
export class TotpService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  async enroll(user: User): Promise<TotpEnrollment> {
    await this.gate.ready();
    const secret = newOtpSecret();
    await this.users.update({ id: user.id }, { totpPendingSecret: this.box.seal(secret, `totp-pending:${user.id}`) });
    const otpauthUri = totpUri(secret, user.email ?? user.phone, ISSUER);
    return { otpauthUri, qrDataUrl: await toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }), secret };
  }

  async confirm(user: User, code: string): Promise<User> {
    await this.gate.ready();
    const fresh = await this.users.findOneByOrFail({ id: user.id });
    if (!fresh.totpPendingSecret) throw invalidField('code', 'there is no enrollment to confirm; start one with POST /api/me/totp', 'no_pending_enrollment', 409);
    const secret = this.box.open(fresh.totpPendingSecret, `totp-pending:${user.id}`);
    const step = await verifyTotp(secret, code, null);
    if (step === null) throw invalidField('code', 'is not the current code of the authenticator app', 'invalid_code');
    Object.assign(fresh, {
      totpSecret: this.box.seal(secret, `totp:${user.id}`),
      totpPendingSecret: null,
      totpEnabledAt: new Date(),
      totpLastStep: step,
    });
    return this.users.save(fresh);
  }

  async disable(user: User): Promise<User> {
    await this.gate.ready();
    await this.users.update({ id: user.id }, { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null });
    return this.users.findOneByOrFail({ id: user.id });
  }
}
