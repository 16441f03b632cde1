import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { BookingModule } from './modules/booking/booking.module';
import { CartModule } from './modules/cart/cart.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { CheckoutModule } from './modules/checkout/checkout.module';
import { IdentityModule } from './modules/identity/identity.module';
import { NotificationModule } from './modules/notification/notification.module';
import { OrderModule } from './modules/order/order.module';
import { PaymentModule } from './modules/payment/payment.module';
import { ShippingModule } from './modules/shipping/shipping.module';
import { InvoicingModule } from './modules/invoicing/invoicing.module';
import { loggerOptions } from './logging';
import { MetricsModule } from './metrics/metrics.module';
import { JwtAuthGuard, RolesGuard } from './shared/presentation/auth.guards';
import { ProblemFilter } from './shared/presentation/problem.filter';
import { apiValidationPipe } from './shared/presentation/validation';
import { SharedModule } from './shared/shared.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** For writing the OpenAPI document: build the app without connecting to a database. */
  withoutDatabase?: boolean;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, withoutDatabase }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, {
            extra: { max: config.databasePool.size, connectionTimeoutMillis: config.databasePool.connectTimeoutMs },
          }),
          manualInitialization: withoutDatabase,
        }),
        SharedModule,
        HealthModule,
        MetricsModule,
        IdentityModule,
        CatalogModule,
        ShippingModule,
        CartModule,
        OrderModule,
        PaymentModule,
        InvoicingModule,
        BookingModule,
        CheckoutModule,
        NotificationModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: apiValidationPipe },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
