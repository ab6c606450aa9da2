// Validates every Kubernetes object in the YAML files of a folder (default: infra/k8s of this repository) against the
// Kubernetes API's OpenAPI schemas as compiled by the npm package kubernetes-models (types, required fields, enums,
// formats such as int32 and quantities). Unknown fields are NOT reported by those schemas; the C# render test
// (tests/CareGrid.Tests/Deployment) checks the invariants CareGrid relies on. kustomization.yaml is not an API object:
// its resources must exist. Prints one line per object and a closing "N passed, N failed"; exit code 1 on any failure.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const folder = resolve(process.argv[2] ?? join(here, "..", "..", "infra", "k8s"));
let passed = 0;
let failed = 0;

function fail(where, message) {
  failed++;
  console.log(`FAIL ${where}: ${message}`);
}

async function modelOf(apiVersion, kind) {
  // "v1" is the core group (kubernetes-models/v1); "apps/v1" → kubernetes-models/apps/v1.
  const module = await import(`kubernetes-models/${apiVersion}`).catch(() => null);
  return module?.[kind] ?? null;
}

async function checkObject(file, object) {
  const where = `${file} ${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
  if (typeof object?.apiVersion !== "string" || typeof object?.kind !== "string") {
    return fail(where, "apiVersion and kind must be strings");
  }
  if (object.kind === "Kustomization") {
    const missing = (object.resources ?? []).filter((r) => !existsSync(join(folder, r)));
    return missing.length ? fail(where, `resources not found: ${missing.join(", ")}`) : (passed++, console.log(`ok   ${where}`));
  }
  const Model = await modelOf(object.apiVersion, object.kind);
  if (!Model) {
    return fail(where, `unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
    passed++;
    console.log(`ok   ${where}`);
  } catch (e) {
    fail(where, e.message);
  }
}

const files = readdirSync(folder).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
if (files.length === 0) {
  fail(folder, "no YAML files");
}
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(join(folder, file), "utf8"))) {
    if (doc.errors.length) {
      fail(file, doc.errors.map((e) => e.message).join("; "));
      continue;
    }
    const object = doc.toJS();
    if (object !== null) {
      await checkObject(file, object);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
