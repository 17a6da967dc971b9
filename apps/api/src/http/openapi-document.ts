import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the API: served at /api/docs and the source of the console's typed client. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Loa API')
    .setDescription('Chiến dịch tuyên truyền đa kênh / Multi-channel public-information campaigns')
    .setVersion('0.1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc);
}
