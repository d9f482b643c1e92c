import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe } from '@nestjs/common';
import { metadataOnce } from '../metadata/metadata-once';
import { isFlatBody } from './flat-body';
import { validateShallow } from './shallow-validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

// Every pipe here validates with class-validator: its rule look-ups are cached from the first use.
cacheValidationMetadata();

const LENIENT = Symbol('lenient-body');

/**
 * Marks a DTO that checks only the fields the gateway needs and lets every other field through
 * untouched: wire formats owned by others (Anthropic, OpenAI, MCP) gain fields over time, and a
 * proxy must not refuse them. The global pipe skips such DTOs; `LenientBodyPipe` validates them.
 */
export function LenientBody(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(LENIENT, true, target);
  };
}

const lenientMark = metadataOnce<boolean>(LENIENT);

/** Asked on every request: read once per class. */
export function isLenientBody(metatype: unknown): boolean {
  return typeof metatype === 'function' && lenientMark(metatype) === true;
}

/** Validates the declared fields, keeps unknown ones, returns the body as sent. */
@Injectable()
export class LenientBodyValidator implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (typeof metatype !== 'function' || !isLenientBody(metatype)) return value;
    await validateShallow(value, metatype, false);
    return value;
  }
}

export const LenientBodyPipe = new LenientBodyValidator();

/** The global pipe, minus lenient bodies; flat bodies are checked shallowly (`@FlatBody()`). */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && isFlatBody(metadata.metatype)) {
      await validateShallow(value, metadata.metatype, true);
      return value;
    }
    return super.transform(value, metadata);
  }

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isLenientBody(metadata.metatype) && super.toValidate(metadata);
  }
}
