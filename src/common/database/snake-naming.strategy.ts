import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';

/** Entities declare explicit names; this only guarantees snake_case where they do not. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return customName ?? snake([...prefixes, propertyName].join('_'));
  }
  override tableName(className: string, customName: string | undefined): string {
    return customName ?? snake(className);
  }
}

function snake(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
