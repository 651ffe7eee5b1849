import { validationFailed } from '../platform/index.js';
import type { CsvProfile } from './csv-profile.js';
import { kcsProfile } from './kcs-profile.js';

const PROFILES: ReadonlyMap<string, CsvProfile> = new Map([[kcsProfile.name, kcsProfile]]);

export function csvProfile(name: string): CsvProfile {
  const p = PROFILES.get(name);
  if (!p) throw validationFailed(`unknown CSV profile ${name}; known: ${[...PROFILES.keys()].join(', ')}`);
  return p;
}

export function csvProfileNames(): string[] {
  return [...PROFILES.keys()];
}
