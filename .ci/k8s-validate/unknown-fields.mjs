// Finds field names the Kubernetes API does not know (a misspelt "imagePullPolicy" is silently
// accepted by the JSON schemas, which admit extra properties). The field lists come from the
// TypeScript declarations kubernetes-models generates from the API's OpenAPI document: each
// interface lists its properties and imports the interfaces of nested objects.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_MODULES = join(dirname(fileURLToPath(import.meta.url)), "node_modules");
const cache = new Map();

// The properties of the interface a .d.ts file declares: name -> declaration file of the nested
// object's interface (null for a scalar, a map or anything else not checked further).
function interfaceOf(file) {
  if (cache.has(file)) return cache.get(file);
  let result = null;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const [, name, from] of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
      const base = from.startsWith(".") ? resolve(dirname(file), from) : join(NODE_MODULES, from);
      imports.set(name, base.replace(/\.js$/, "") + ".d.ts");
    }
    const start = text.search(/export interface I\w+(?: extends [\w, ]+)? \{/);
    if (start >= 0) {
      result = new Map();
      let depth = 0;
      for (const line of text.slice(start).split("\n")) {
        const trimmed = line.replace(/\/\*.*?\*\//g, "").trim();
        if (depth === 1) {
          const property = trimmed.match(/^"([^"]+)"\??: (.*?);?$/);
          if (property) {
            const element = property[2].match(/^(?:Array<(\w+)>|(\w+))$/);
            const type = element ? element[1] ?? element[2] : null;
            result.set(property[1], type && imports.has(type) ? imports.get(type) : null);
          }
        }
        depth += (trimmed.match(/\{/g) ?? []).length - (trimmed.match(/\}/g) ?? []).length;
        if (depth === 0 && trimmed.includes("}")) break;
      }
    }
  }
  cache.set(file, result);
  return result;
}

/** The declaration file of a built-in kind, or null. */
export function declarationOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const file = join(NODE_MODULES, "kubernetes-models", ...(group ? [group, version] : [version]), `${kind}.d.ts`);
  return existsSync(file) ? file : null;
}

/** Paths of the fields in value that the interface declared in file does not have. */
export function unknownFields(value, file, path = "") {
  const fields = interfaceOf(file);
  if (fields === null || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, file, `${path}[${i}]`));
  const unknown = [];
  for (const [key, nested] of Object.entries(value)) {
    if (!fields.has(key)) unknown.push(`${path}.${key}`);
    else if (fields.get(key)) unknown.push(...unknownFields(nested, fields.get(key), `${path}.${key}`));
  }
  return unknown;
}
