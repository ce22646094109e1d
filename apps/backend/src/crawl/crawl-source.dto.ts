import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CRAWL_ADAPTERS, CRAWL_SOURCE_LIMITS, cronProblem, startUrlProblem, type CrawlAdapterName } from '@jobportal/postings';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** A cron expression BullMQ's scheduler accepts (five fields, read by the same cron-parser). */
function IsCron(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCron',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => cronProblem(value) === null,
        defaultMessage: (args) => cronProblem(args?.value) ?? 'must be a cron expression',
      },
    });
}

/** Each item an absolute http(s) URL the crawler can fetch. */
function AreStartUrls(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'areStartUrls',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every((u) => startUrlProblem(u) === null),
        defaultMessage: (args) => {
          const list = Array.isArray(args?.value) ? (args.value as unknown[]) : [];
          const i = list.findIndex((u) => startUrlProblem(u) !== null);
          return i < 0 ? 'must be http(s) URLs' : `item ${i} ${startUrlProblem(list[i])}`;
        },
      },
    });
}

const { startUrls, maxPages } = CRAWL_SOURCE_LIMITS;
const PAGES_MESSAGE = `must be a whole number from ${maxPages.min} to ${maxPages.max}`;

/**
 * The fields both bodies share, optional here; CreateCrawlSourceDto repeats the required ones
 * (class-validator inherits a parent's IsOptional, so the create body cannot extend this one).
 * A null pageAdapter or maxPages means the default.
 */
export class UpdateCrawlSourceDto {
  @ApiPropertyOptional({ enum: CRAWL_ADAPTERS })
  @IsOptional()
  @IsIn(CRAWL_ADAPTERS, { message: `must be one of ${CRAWL_ADAPTERS.join(', ')}` })
  adapter?: CrawlAdapterName;

  @ApiPropertyOptional({ enum: CRAWL_ADAPTERS, nullable: true, description: 'sitemap sources only: the adapter that reads the listed pages (default jsonld)' })
  @ValidateIf((o: UpdateCrawlSourceDto) => o.pageAdapter !== undefined && o.pageAdapter !== null)
  @IsIn(CRAWL_ADAPTERS, { message: `must be one of ${CRAWL_ADAPTERS.join(', ')}` })
  pageAdapter?: CrawlAdapterName | null;

  @ApiPropertyOptional({ type: [String], minItems: startUrls.min, maxItems: startUrls.max })
  @IsOptional()
  @IsArray({ message: 'must be a list of http(s) URLs' })
  @ArrayMinSize(startUrls.min, { message: `must hold at least ${startUrls.min} URL` })
  @ArrayMaxSize(startUrls.max, { message: `must hold at most ${startUrls.max} URLs` })
  @AreStartUrls()
  startUrls?: string[];

  @ApiPropertyOptional({ example: '0 */6 * * *', description: 'five-field cron, UTC' })
  @IsOptional()
  @IsString({ message: 'must be a cron expression such as "0 */6 * * *"' })
  @IsCron()
  cron?: string;

  @ApiPropertyOptional({ description: 'scheduled (true) or run only on demand' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'pages need a browser (headless Chromium)' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  render?: boolean;

  @ApiPropertyOptional({ minimum: maxPages.min, maximum: maxPages.max, nullable: true, description: 'pages per run at most (default 10,000)' })
  @ValidateIf((o: UpdateCrawlSourceDto) => o.maxPages !== undefined && o.maxPages !== null)
  @IsInt({ message: PAGES_MESSAGE })
  @Min(maxPages.min, { message: PAGES_MESSAGE })
  @Max(maxPages.max, { message: PAGES_MESSAGE })
  maxPages?: number | null;
}

/** A new source (POST): name, adapter, startUrls and cron are required; disabled unless `enabled` says so. */
export class CreateCrawlSourceDto {
  @ApiProperty({ example: 'acme-greenhouse', pattern: CRAWL_SOURCE_LIMITS.name.source })
  @IsString({ message: 'must be a string' })
  @Matches(CRAWL_SOURCE_LIMITS.name, { message: 'must be 1-63 lower-case letters, digits, - or _, starting with a letter or digit' })
  name!: string;

  @ApiProperty({ enum: CRAWL_ADAPTERS })
  @IsIn(CRAWL_ADAPTERS, { message: `must be one of ${CRAWL_ADAPTERS.join(', ')}` })
  adapter!: CrawlAdapterName;

  @ApiPropertyOptional({ enum: CRAWL_ADAPTERS, nullable: true, description: 'sitemap sources only: the adapter that reads the listed pages (default jsonld)' })
  @ValidateIf((o: CreateCrawlSourceDto) => o.pageAdapter !== undefined && o.pageAdapter !== null)
  @IsIn(CRAWL_ADAPTERS, { message: `must be one of ${CRAWL_ADAPTERS.join(', ')}` })
  pageAdapter?: CrawlAdapterName | null;

  @ApiProperty({ type: [String], example: ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true'], minItems: startUrls.min, maxItems: startUrls.max })
  @IsArray({ message: 'must be a list of http(s) URLs' })
  @ArrayMinSize(startUrls.min, { message: `must hold at least ${startUrls.min} URL` })
  @ArrayMaxSize(startUrls.max, { message: `must hold at most ${startUrls.max} URLs` })
  @AreStartUrls()
  startUrls!: string[];

  @ApiProperty({ example: '0 */6 * * *', description: 'five-field cron, UTC' })
  @IsString({ message: 'must be a cron expression such as "0 */6 * * *"' })
  @IsCron()
  cron!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  render?: boolean;

  @ApiPropertyOptional({ minimum: maxPages.min, maximum: maxPages.max, nullable: true })
  @ValidateIf((o: CreateCrawlSourceDto) => o.maxPages !== undefined && o.maxPages !== null)
  @IsInt({ message: PAGES_MESSAGE })
  @Min(maxPages.min, { message: PAGES_MESSAGE })
  @Max(maxPages.max, { message: PAGES_MESSAGE })
  maxPages?: number | null;
}
