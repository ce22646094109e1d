import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';

/** Alert digests are built and sent by the workers; the backend only answers their unsubscribe links. */
@Module({ controllers: [AlertsController] })
export class AlertsModule {}
