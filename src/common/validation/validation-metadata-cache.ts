import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;
type Constraints = ReturnType<Storage['getTargetValidatorConstraints']>;

const INSTALLED = Symbol.for('systemprompt.validation-metadata-cache');

/**
 * class-validator looks a DTO's rules up again on every `validate()`: it filters the rules of
 * every registered class (an `instanceof` test per class, for inheritance), groups them by
 * property and filters the custom constraints, allocating new arrays each time. The rules only
 * change when a class is declared, so the answers are kept per class until one is added.
 * Only calls without validation groups are kept (the only ones this code makes); the executor
 * reads the arrays and never changes them.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  let targets = new Map<unknown, Map<string, TargetMetadatas>>();
  let groups = new WeakMap<TargetMetadatas, Grouped>();
  let constraints = new Map<unknown, Constraints>();
  const forget = () => {
    targets = new Map();
    groups = new WeakMap();
    constraints = new Map();
  };

  const getTargets = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groupNames) => {
    if ((groupNames && groupNames.length > 0) || schema) return getTargets(target, schema, always, strictGroups, groupNames);
    const key = `${always ? 1 : 0}${strictGroups ? 1 : 0}`;
    let byFlags = targets.get(target);
    if (!byFlags) targets.set(target, (byFlags = new Map()));
    let found = byFlags.get(key);
    if (!found) byFlags.set(key, (found = getTargets(target, schema, always, strictGroups, groupNames)));
    return found;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadatas) => {
    let found = groups.get(metadatas);
    if (!found) groups.set(metadatas, (found = group(metadatas)));
    return found;
  };

  const getConstraints = storage.getTargetValidatorConstraints.bind(storage);
  storage.getTargetValidatorConstraints = (target) => {
    let found = constraints.get(target);
    if (!found) constraints.set(target, (found = getConstraints(target)));
    return found;
  };

  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = (storage[method] as (arg: never) => void).bind(storage);
    (storage as unknown as Record<string, (arg: never) => void>)[method] = (arg) => {
      forget();
      add(arg);
    };
  }
}
