import { Role } from '../../../shared/domain/actor';

export interface RoleDescription {
  name: Role;
  description: string;
}

export abstract class RoleRepository {
  abstract list(): Promise<RoleDescription[]>;
}
