import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** One definition of the connection, shared by the app, the migration CLI and the scripts. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '**', '*.orm-entity.{js,ts}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: 20 },
    ...overrides,
  } as DataSourceOptions;
}
