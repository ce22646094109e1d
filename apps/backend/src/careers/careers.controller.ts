import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CAREER_RESUME_MAX_BYTES, type CareersResponse, type FromInterestsResponse, type InterestProfilerItems } from '@jobportal/contracts';
import type { Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { ApiError } from '../common/error-envelope.filter';
import { CareersRateLimiter } from './careers-rate-limit';
import { CareersService } from './careers.service';
import { checkText, parseFromInterestsBody, parseFromTextBody, parseLocation, parseRadiusKm } from './careers-validation';
import { FromInterestsRequestDto, FromResumeRequestDto, FromTextRequestDto } from './dto/careers-requests.dto';
import { InterestsService } from './interests.service';
import { detectResumeKind, extractResumeText, noTextFound, unsupportedType } from './resume-text';

/** What multer's memory storage hands over. */
interface UploadedResume {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

/** multer's "file too large" as the API's own 413 code. */
@Injectable()
class UploadErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException) {
          throw new ApiError(413, 'file_too_large', `The file is larger than ${CAREER_RESUME_MAX_BYTES / 1024 / 1024} MB; upload a shorter resume or paste its text.`, [{ field: 'file', reason: 'over 5 MB' }]);
        }
        throw err;
      }),
    );
  }
}

@ApiTags('careers')
@Controller('careers')
export class CareersController {
  constructor(
    @Inject(CareersService) private readonly careers: CareersService,
    @Inject(InterestsService) private readonly interests: InterestsService,
    @Inject(CareersRateLimiter) private readonly limiter: CareersRateLimiter,
  ) {}

  @Post('from-text')
  @HttpCode(200)
  @ApiOperation({ summary: 'Occupations that fit a resume or a description of experience, with live postings near a place' })
  // Documented by the DTO, checked by parseFromTextBody (the body stays `unknown` until then).
  @ApiBody({ type: FromTextRequestDto })
  async fromText(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CareersResponse> {
    await this.limiter.hit(req.ip ?? 'unknown', res);
    return this.careers.fromText(parseFromTextBody(body));
  }

  @Post('from-resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Occupations that fit an uploaded resume (PDF, DOCX or text, at most 5 MB); the file is read in memory only' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FromResumeRequestDto })
  // No `dest` or `storage`: multer keeps the file in memory, it never touches the disk. One file, at most 5 MB, a few small fields.
  @UseInterceptors(UploadErrors, FileInterceptor('file', { limits: { fileSize: CAREER_RESUME_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 } }))
  async fromResume(
    @UploadedFile() file: UploadedResume | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CareersResponse> {
    await this.limiter.hit(req.ip ?? 'unknown', res);
    if (!file) throw new ApiError(400, 'validation_failed', 'file: is required (multipart field `file`: a PDF, DOCX or plain-text resume)', [{ field: 'file', reason: 'is required' }]);
    const location = parseLocation(body?.location);
    const radiusKm = parseRadiusKm(body?.radiusKm);
    const kind = detectResumeKind(file.buffer, file.originalname ?? '', file.mimetype ?? '');
    if (!kind) throw unsupportedType();
    const raw = await extractResumeText(file.buffer, kind);
    if (kind === 'pdf' && raw.trim().length === 0) throw noTextFound();
    const text = checkText(raw, 'file');
    return this.careers.fromText({ text, location, radiusKm });
  }

  @Get('interest-profiler')
  @ApiOperation({ summary: 'The 60 O*NET Interest Profiler Short Form items, the answer scale, work values and education levels' })
  profiler(): Promise<InterestProfilerItems> {
    return this.interests.items();
  }

  @Post('from-interests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Occupations whose O*NET interest profile has the shape of the answers, within job zones, optionally weighed by work values' })
  @ApiBody({ type: FromInterestsRequestDto })
  fromInterests(@Body() body: unknown): Promise<FromInterestsResponse> {
    return this.interests.fromInterests(parseFromInterestsBody(body));
  }
}
