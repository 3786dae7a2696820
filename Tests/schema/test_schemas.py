#!/usr/bin/env python3
"""Checks schemas/ with an independent JSON Schema validator (Python's jsonschema).

1. schemas/*.schema.json are exactly what `strata schema KIND` generates from the catalogue.
2. Every YAML file of the valid examples (and a fresh export) validates against its schema.
3. A handful of type errors are rejected by the schemas AND by the compiler.
Prints one line per check and closes with 'N passed, N failed'.
"""
import argparse, json, os, pathlib, shutil, subprocess, sys, tempfile

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + (("  -- " + detail) if detail and not ok else ""))


def schema(kind):
    with open(ROOT / "schemas" / f"{kind}.schema.json") as handle:
        return json.load(handle)


def kind_of(path):
    parts = pathlib.PurePath(path).parts
    if parts[-1] == "cluster.yaml":
        return "cluster"
    return {"groups": "group", "machines": "machine"}.get(parts[-2])


def errors(kind, document):
    validator = jsonschema.Draft202012Validator(schema(kind))
    return [error.message for error in validator.iter_errors(document)]


def strata(binary, *args):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    binary = str(pathlib.Path(parser.parse_args().strata).resolve())

    for kind in ("cluster", "group", "machine", "standalone"):
        jsonschema.Draft202012Validator.check_schema(schema(kind))
        generated = strata(binary, "schema", kind).stdout
        committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text()
        check(f"schemas/{kind}.schema.json is current (make schemas)", generated == committed)

    for path in sorted([*(ROOT / "examples" / "americas").rglob("*.yaml"), *(ROOT / "examples" / "failover-pair").rglob("*.yaml")]):
        kind = kind_of(path)
        with open(path) as handle:
            found = errors(kind, yaml.safe_load(handle))
        check(f"{path.relative_to(ROOT)} matches {kind}.schema.json", not found, "; ".join(found))

    with tempfile.TemporaryDirectory() as scratch:
        exported = pathlib.Path(scratch) / "newyork.yaml"
        run = strata(binary, "export", "newyork.example.com", "--repo", str(ROOT / "examples" / "americas"), "-o", str(exported))
        found = errors("standalone", yaml.safe_load(exported.read_text())) if run.returncode == 0 else [run.stderr]
        check("an export matches standalone.schema.json", not found, "; ".join(found))
        exported = pathlib.Path(scratch) / "relay1.yaml"
        run = strata(binary, "export", "relay1.example.com", "--repo", str(ROOT / "examples" / "failover-pair"), "-o", str(exported))
        found = errors("standalone", yaml.safe_load(exported.read_text())) if run.returncode == 0 else [run.stderr]
        check("an export with failover (no derived peers) matches standalone.schema.json", not found, "; ".join(found))

    for path in sorted((ROOT / "examples" / "ci").glob("*.y*ml")):
        try:
            document = yaml.safe_load(path.read_text())
            ok = isinstance(document, (dict, list)) and bool(document)
        except yaml.YAMLError as error:
            ok, document = False, error
        check(f"{path.relative_to(ROOT)} is well-formed YAML", ok, str(document))

    # (name, file kind, settings YAML) — each is a type error the compiler reports too.
    negatives = [
        ("port as a string", "cluster", "listeners:\n  - {name: In, interface: Data1, port: '25'}\n"),
        ("unknown feature", "cluster", "listners: []\n"),
        ("users at group mode", "group", "users: []\n"),
        ("null feature", "group", "ntp: null\n"),
        ("duration without a unit", "cluster", "mta:\n  maximal_queue_lifetime: 5\n"),
        ("unknown field", "cluster", "dns:\n  servers: root\n  retries: 3\n"),
        ("listener without a name", "cluster", "listeners:\n  - {interface: Data1}\n"),
        ("policy outside its choices", "cluster", "listeners:\n  - name: In\n    interface: Data1\n    hat: [{match: ALL, policy: allow}]\n"),
        ("literal secret", "cluster", "ldap:\n  servers:\n    - {name: s, hosts: [ldap.example.com], base_dn: 'dc=x', bind_password: hunter2}\n"),
        ("interfaces at cluster mode", "cluster", "interfaces: []\n"),
        ("failover peers written by hand", "group",
         "failover:\n  router_id: 51\n  interface: Data1\n  addresses: ['192.0.2.100/24']\n  secret: {env: S}\n  peers: []\n"),
        ("failover router_id 0", "group",
         "failover:\n  router_id: 0\n  interface: Data1\n  addresses: ['192.0.2.100/24']\n  secret: {env: S}\n"),
        ("literal VRRP secret", "group",
         "failover:\n  router_id: 51\n  interface: Data1\n  addresses: ['192.0.2.100/24']\n  secret: hunter2\n"),
        ("failover_priority at group mode", "group", "failover_priority: 100\n"),
    ]
    for name, kind, settings in negatives:
        text = "settings:\n" + "".join("  " + line + "\n" for line in settings.splitlines())
        with tempfile.TemporaryDirectory() as scratch:
            repo = pathlib.Path(scratch)
            (repo / "clusters/c1/groups").mkdir(parents=True)
            (repo / "clusters/c1/machines").mkdir(parents=True)
            (repo / "clusters/c1/cluster.yaml").write_text(text if kind == "cluster" else "settings: {}\n")
            (repo / "clusters/c1/groups/main.yaml").write_text(text if kind == "group" else "settings: {}\n")
            (repo / "clusters/c1/machines/m1.example.com.yaml").write_text(
                "group: main\nsettings:\n  interfaces: [{name: Data1, address: 192.0.2.1/24}]\n")
            schema_rejects = bool(errors(kind, yaml.safe_load(text)))
            compiler = strata(binary, "validate", "--repo", str(repo), "--format", "json")
            compiler_rejects = compiler.returncode == 1 and json.loads(compiler.stdout)["errors"] > 0
            check(f"schema and compiler both reject: {name}", schema_rejects and compiler_rejects,
                  f"schema rejects={schema_rejects}, compiler rejects={compiler_rejects}")

    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
