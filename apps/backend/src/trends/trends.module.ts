import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

@Module({ imports: [LocationsModule], controllers: [TrendsController], providers: [TrendsService] })
export class TrendsModule {}
