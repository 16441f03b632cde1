import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeDocument } from './openapi/complete-document';

/** Tags in the order Swagger UI shows them, each with what it is for. */
const TAGS: [string, string][] = [
  ['auth', 'Accounts and sessions: register, sign in (merging an anonymous cart), refresh, sign out'],
  ['users', 'The signed-in user’s profile'],
  ['catalog', 'Products, categories and search'],
  ['services', 'Repair services a customer can book'],
  ['reviews', 'Product reviews by customers'],
  ['inventory', 'Stock levels and the stock ledger (admins; a seller for their own products)'],
  ['cart', 'The shopper’s cart, signed in (bearer token) or anonymous (X-Cart-Token)'],
  ['orders', 'Checkout, orders, their state machine and history'],
  ['payments', 'Payment intents, confirmation, refunds and the provider webhook'],
  ['bookings', 'Availability and repair visits by technicians'],
  ['seller', 'Sellers: their own products with stock, and the orders holding them (their lines only)'],
  ['admin', 'Administration: users, roles, carts, discounts, technicians'],
  ['health', 'Liveness and readiness of the service'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Repair Commerce API')
    .setDescription(
      'Sells appliance parts and products and books appliance-repair visits. ' +
        'Errors are application/problem+json (RFC 9457, schema `Problem`). Amounts are integers in minor units (pence). ' +
        'To act as an admin in Swagger UI: call `login`, copy `accessToken`, press Authorize and paste it.',
    )
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://api.repair-commerce.example/license')
    .setContact('Repair Commerce API team', 'https://api.repair-commerce.example', 'api@repair-commerce.example')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from login or register' }, 'bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    // Method names are the operation ids (listProducts, createOrder): generated clients read well.
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return completeDocument(document);
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Repair Commerce API',
    // Keeps the token across reloads once an admin pressed Authorize.
    swaggerOptions: { persistAuthorization: true },
  });
}
