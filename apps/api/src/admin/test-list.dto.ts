import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { MAX_TEST_LIST_ENTRIES } from '@loa/campaigns';

/** PUT /api/admin/test-list: the whole list (numbers in any common Vietnamese form). */
export class UpdateTestListDto {
  @IsArray()
  @ArrayMaxSize(MAX_TEST_LIST_ENTRIES)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  msisdns!: string[];
  @IsArray()
  @ArrayMaxSize(MAX_TEST_LIST_ENTRIES)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  emails!: string[];
}
