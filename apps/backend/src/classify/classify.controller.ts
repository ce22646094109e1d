import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ClassifyResponseDto, ClassifyTitlesDto, MAX_CLASSIFY_ITEMS } from './dto/classify-titles.dto';
import { ClassifyService } from './classify.service';

@ApiTags('occupations')
@Controller('classify')
export class ClassifyController {
  constructor(@Inject(ClassifyService) private readonly classifier: ClassifyService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Code job titles to SOC 2018',
    description: `Up to ${MAX_CLASSIFY_ITEMS} { title, description? } items; each gets the top 5 SOC 2018 codes with calibrated probabilities, the best O*NET-SOC occupation and a review flag. The same model as \`npm run classify\` and the ingest pipeline.`,
  })
  @ApiOkResponse({ type: ClassifyResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed` with `errors: [{ field, reason }]`, e.g. `items` (none, or more than 1,000) or `items[3].title` (missing, too long, no letter)' })
  @ApiServiceUnavailableResponse({ description: '`model_unavailable`: no trained model; the message names `npm run train:classifier`' })
  classify(@Body() body: ClassifyTitlesDto): Promise<ClassifyResponseDto> {
    return this.classifier.classify(body);
  }
}
