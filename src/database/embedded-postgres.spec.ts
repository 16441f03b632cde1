import { sharedBuffersMb } from './embedded-postgres';

const GiB = 2 ** 30;

describe('sharedBuffersMb: the embedded PostgreSQL cache', () => {
  it('is an eighth of the memory, at least PostgreSQL default of 128 MB and at most 1 GB', () => {
    expect(sharedBuffersMb(4 * GiB, undefined)).toBe(512);
    expect(sharedBuffersMb(512 * 2 ** 20, undefined)).toBe(128);
    expect(sharedBuffersMb(24 * GiB, undefined)).toBe(1024);
  });

  it('follows a container memory limit below the machine memory', () => {
    expect(sharedBuffersMb(24 * GiB, 2 * GiB)).toBe(256);
    expect(sharedBuffersMb(24 * GiB, 2 ** 64)).toBe(1024);
    expect(sharedBuffersMb(24 * GiB, 0)).toBe(1024);
  });
});
