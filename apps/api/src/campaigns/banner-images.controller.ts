import {
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  Post,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BannerImagesService } from '@loa/banner';
import { isUuid } from '@loa/common';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { BannerImageDto } from './banner-preview.dto';
import { operator } from './operator';
import { BannerImageUploadInterceptor, UploadedMemoryFile } from './upload-interceptors';
import { utf8FileName } from './utf8-file-name';

/** Banner images an editor uploads, then names in a banner plan (`channels.banner.images`). */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/banner-images')
export class BannerImagesController {
  constructor(private readonly images: BannerImagesService) {}

  /**
   * Uploads one image (multipart field `file`): PNG, JPEG or WebP whose proportions match a standard size
   * (300×250, 728×90, 320×100, 320×50, 160×600), at least that large. It is cropped to the size, re-encoded without
   * metadata and stored; 422 naming `file` says why one is refused.
   */
  @Post()
  @Roles('editor')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(BannerImageUploadInterceptor)
  upload(@UploadedFile() file: UploadedMemoryFile | undefined, @Req() req: LoaRequest): Promise<BannerImageDto> {
    return this.images.upload(
      operator(req),
      file ? { bytes: file.buffer, originalName: utf8FileName(file.originalname) } : null,
      req.requestId,
    );
  }

  /** The stored image (the organisation's only), for the console's thumbnails. */
  @Get(':id')
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @Header('Cache-Control', 'private, max-age=86400')
  async bytes(@Param('id') id: string, @Req() req: LoaRequest): Promise<StreamableFile> {
    const image = isUuid(id) ? await this.images.one(operator(req).organizationId, id) : null;
    if (!image) throw new NotFoundException('No such banner image');
    return new StreamableFile(image.bytes, { type: image.contentType, length: image.bytes.length });
  }
}
