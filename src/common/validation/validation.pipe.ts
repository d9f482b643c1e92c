import { BadRequestException, type ValidationPipe, type ValidationError } from '@nestjs/common';
import { StrictValidationPipe } from './lenient-body';

/** One message per failing field, prefixed with its dotted path (`messages.0.role …`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) => (text.startsWith(error.property) ? `${path}${text.slice(error.property.length)}` : `${path}: ${text}`));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** Whitelist, forbid unknown fields, transform; a 400 listing each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadRequestException({ message: flattenValidationErrors(errors), error: 'Bad Request' }),
  });
}
