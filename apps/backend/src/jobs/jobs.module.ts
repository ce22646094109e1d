import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Module({ imports: [LocationsModule], controllers: [JobsController], providers: [JobsService] })
export class JobsModule {}
