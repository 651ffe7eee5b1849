// YAML import and export of profiles: the form targeters keep in version control and
// exchange between centres. Export carries id, version and status for information; import
// reads only id and the definition, so an imported profile always enters as a draft and goes
// through approval again.
import { parse, stringify, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { validationFailed } from '../platform/index.js';
import { PROFILE_ID_RE, type DefinitionProblem } from './profile-definition.js';
import { validateDefinitionInput } from './profile-compiler.js';
import type { ProfileDefinition, ProfileStatus } from './profile-types.js';

export const MAX_YAML_BYTES = 2_000_000;
export const MAX_YAML_PROFILES = 5000;

export interface YamlProfileEntry {
  id: string | null;
  definition: ProfileDefinition;
}

export interface ExportedProfile {
  id: string;
  version: number;
  status: ProfileStatus;
  author: string;
  definition: ProfileDefinition;
}

const fileSchema = z.object({ profiles: z.array(z.record(z.string(), z.unknown())).max(MAX_YAML_PROFILES) });
const INFORMATIONAL = new Set(['id', 'version', 'status', 'author']);

/** Parses and validates a whole file; any problem rejects the file, listing every problem. */
export function parseProfilesYaml(text: string): YamlProfileEntry[] {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES) throw validationFailed(`profile file is larger than ${MAX_YAML_BYTES} bytes`);
  let doc: unknown;
  try {
    // no custom tags, no merge keys: plain data only
    doc = parse(text, { schema: 'core', merge: false, maxAliasCount: 0 });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      throw validationFailed(`YAML: ${err.message.split('\n')[0] ?? err.message}`, pos ? { line: pos.line, column: pos.col } : undefined);
    }
    throw err;
  }
  const file = fileSchema.safeParse(doc);
  if (!file.success) throw validationFailed('a profile file is a mapping with a "profiles" list', { problems: file.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const entries: YamlProfileEntry[] = [];
  const problems: Array<DefinitionProblem & { profile: number; id: string | null }> = [];
  const seen = new Set<string>();
  file.data.profiles.forEach((raw, index) => {
    const id = typeof raw.id === 'string' ? raw.id : null;
    if (raw.id !== undefined && (id === null || !PROFILE_ID_RE.test(id))) {
      problems.push({ profile: index, id, path: 'id', message: 'must be 3–64 lower-case letters, digits or dashes' });
    }
    if (id !== null) {
      if (seen.has(id)) problems.push({ profile: index, id, path: 'id', message: 'appears twice in the file' });
      seen.add(id);
    }
    const body = Object.fromEntries(Object.entries(raw).filter(([k]) => !INFORMATIONAL.has(k)));
    const v = validateDefinitionInput(body);
    if (!v.ok) {
      for (const p of v.problems) problems.push({ profile: index, id, ...p });
      return;
    }
    entries.push({ id, definition: v.definition });
  });
  if (problems.length > 0) throw validationFailed(`${problems.length} problem(s) in the profile file`, { problems });
  return entries;
}

export function profilesToYaml(profiles: ExportedProfile[], header = 'Tandem risk profiles'): string {
  const body = {
    profiles: profiles.map((p) => ({
      id: p.id,
      version: p.version,
      status: p.status,
      author: p.author,
      ...p.definition,
    })),
  };
  return `# ${header}. Import with \`tandem profiles import FILE\`: every profile enters as a draft.\n${stringify(body, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false })}`;
}
