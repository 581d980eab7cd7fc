"""Rejects fields that the Kubernetes API does not define, which schema validation alone lets through (a misspelt
readOnlyRootFilesystem would be ignored by the API server and the pod would run without it). Walks each built-in
manifest along the field maps of Debian's python3-kubernetes models; custom resources are left to validate.mjs."""
import sys

import yaml
from kubernetes import client

SCALARS = {"str", "int", "bool", "float", "object", "datetime", "date"}


def walk(value, type_name, path, errors):
    if type_name in SCALARS or value is None:
        return
    if type_name.startswith("list["):
        for index, item in enumerate(value):
            walk(item, type_name[5:-1], f"{path}[{index}]", errors)
    elif type_name.startswith("dict("):
        inner = type_name[type_name.index(",") + 1:-1].strip()
        for key, item in value.items():
            walk(item, inner, f"{path}.{key}", errors)
    else:
        model = getattr(client, type_name)
        attributes = {json_name: attribute for attribute, json_name in model.attribute_map.items()}
        for key, item in value.items():
            if key not in attributes:
                errors.append(f"{path}.{key}: no such field in {type_name}")
            else:
                walk(item, model.openapi_types[attributes[key]], f"{path}.{key}", errors)


def main(files):
    errors = []
    for file in files:
        with open(file, encoding="utf-8") as stream:
            for manifest in yaml.safe_load_all(stream):
                if not manifest:
                    continue
                group = manifest["apiVersion"].rpartition("/")[0]
                if group not in ("", "apps", "policy") and not group.endswith(".k8s.io"):
                    continue
                version = manifest["apiVersion"].rpartition("/")[2]
                model = version[0].upper() + version[1:] + manifest["kind"]
                walk(manifest, model, f"{file}: {manifest['kind']} {manifest['metadata']['name']}", errors)
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
