export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  /**
   * With no hash (unknown account) it still does a full verification against a dummy hash, so
   * response times do not reveal which emails have accounts.
   */
  abstract verify(hash: string | null, password: string): Promise<boolean>;
}
