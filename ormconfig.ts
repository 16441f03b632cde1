import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';

// For the TypeORM CLI (migration:generate / run / revert). Needs DATABASE_URL.
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required for the migration CLI, e.g. postgres://postgres@127.0.0.1:5432/test');
}

export default new DataSource(dataSourceOptions(url));
