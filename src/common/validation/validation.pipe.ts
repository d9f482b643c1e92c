import { BadRequestException, type ValidationPipe } from '@nestjs/common';
import { StrictValidationPipe } from './lenient-body';
import { flattenValidationErrors } from './validation-errors';

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
