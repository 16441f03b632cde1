import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Repair Commerce API')
    .setDescription(
      'Sells appliance parts and products and books appliance-repair visits. ' +
        'Errors are application/problem+json (RFC 9457). Amounts are integers in minor units (pence).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Method names are the operation ids (listProducts, createOrder): generated clients read well.
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Repair Commerce API' });
}
