import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { GrowthService } from './growth.service';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

@Module({ imports: [LocationsModule], controllers: [TrendsController], providers: [TrendsService, GrowthService] })
export class TrendsModule {}
