import { Module } from '@nestjs/common';
import { ClassifyModule } from '../classify/classify.module';
import { LocationsModule } from '../locations/locations.module';
import { CareersCatalogService } from './careers-catalog.service';
import { CareersController } from './careers.controller';
import { CareersRateLimiter } from './careers-rate-limit';
import { CareersService } from './careers.service';
import { InterestsService } from './interests.service';

@Module({
  imports: [ClassifyModule, LocationsModule],
  controllers: [CareersController],
  providers: [CareersService, InterestsService, CareersCatalogService, CareersRateLimiter],
})
export class CareersModule {}
