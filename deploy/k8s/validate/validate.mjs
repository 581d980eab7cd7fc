// Validates every document of the given manifests against the Kubernetes (and Prometheus Operator, KEDA) schemas of
// kubernetes-models, offline: types, required fields, enumerations, formats. Kinds without a model here (Strimzi's)
// are reported as not validated; deploy/k8s/strimzi-topics.yaml is generated and checked by StrimziManifestTest.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const models = {
  "": "kubernetes-models",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "keda.sh": "@kubernetes-models/keda",
};
let invalid = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`${file}: YAML error: ${doc.errors[0].message}`);
      invalid++;
      continue;
    }
    const manifest = doc.toJS();
    if (!manifest) continue;
    const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
    const where = `${file}: ${manifest.kind} ${manifest.metadata?.name}`;
    const builtIn = !group.includes(".") || group.endsWith(".k8s.io");
    const pkg = builtIn ? models[""] : models[group];
    if (!pkg) {
      console.log(`${where}: not validated (no schema for ${manifest.apiVersion})`);
      continue;
    }
    const path = builtIn ? (group === "" ? `${pkg}/${version}/${manifest.kind}` : `${pkg}/${group}/${version}/${manifest.kind}`)
        : `${pkg}/${group}/${version}/${manifest.kind}`;
    try {
      const Model = (await import(path))[manifest.kind];
      new Model(manifest).validate();
      console.log(`${where}: valid`);
    } catch (e) {
      console.log(`${where}: INVALID ${e.message}`);
      invalid++;
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
