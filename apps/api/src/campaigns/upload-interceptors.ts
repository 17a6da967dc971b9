import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@loa/config';

/**
 * Multer for one uploaded file (field `file`, held in memory) with a size limit read from configuration.
 * `FileInterceptor(...)` takes its options when the decorator is evaluated, before any configuration exists; these
 * build it when the interceptor is created instead.
 */
abstract class ConfiguredFileInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  protected constructor(private readonly maxBytes: number) {
    const Multer = FileInterceptor('file', { limits: { fileSize: maxBytes, files: 1, fields: 5 } });
    this.multer = new Multer();
  }

  /** A file over the limit is 413 naming the field and the limit. */
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (e) {
      if (!(e instanceof PayloadTooLargeException)) throw e;
      const kb = Math.floor(this.maxBytes / 1024);
      throw new PayloadTooLargeException(`file: tệp lớn hơn ${kb} KB / the file is larger than ${kb} KB`);
    }
  }
}

/** A recording (RADIO_UPLOAD_MAX_BYTES). */
@Injectable()
export class RecordingUploadInterceptor extends ConfiguredFileInterceptor {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.radio.uploadMaxBytes);
  }
}

/** A banner image (BANNER_IMAGE_MAX_BYTES). */
@Injectable()
export class BannerImageUploadInterceptor extends ConfiguredFileInterceptor {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.banner.imageMaxBytes);
  }
}

/** What multer (memory storage) hands over for the `file` field. */
export interface UploadedMemoryFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}
