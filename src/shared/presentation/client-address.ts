import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * The caller's network address as Fastify resolved it: the socket's peer, or the client named
 * by a proxy listed in TRUST_PROXY (never a header the client wrote itself).
 */
export const ClientAddress = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest<{ ip?: string }>().ip;
});
