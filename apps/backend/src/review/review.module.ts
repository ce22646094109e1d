import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { OccupationCorrectionRow } from './correction.entity';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

/** The analysts' review queue for occupation codes (issue 13): /api/review. */
@Module({ imports: [AuthModule, TypeOrmModule.forFeature([OccupationCorrectionRow])], controllers: [ReviewController], providers: [ReviewService] })
export class ReviewModule {}
