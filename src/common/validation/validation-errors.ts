import type { ValidationError } from '@nestjs/common';

/** One message per failing field, prefixed with its dotted path (`messages.0.role …`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) => (text.startsWith(error.property) ? `${path}${text.slice(error.property.length)}` : `${path}: ${text}`));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
