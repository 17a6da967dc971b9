import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@loa/config';

/**
 * Multer for a recording upload (field `file`), its size limit from RADIO_UPLOAD_MAX_BYTES as loaded at boot.
 * `FileInterceptor(...)` takes its options when the decorator is evaluated, before any configuration exists; this
 * builds it when the interceptor is created instead.
 */
@Injectable()
export class RecordingUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const Multer = FileInterceptor('file', { limits: { fileSize: config.radio.uploadMaxBytes, files: 1, fields: 5 } });
    this.multer = new Multer();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    return this.multer.intercept(context, next);
  }
}
