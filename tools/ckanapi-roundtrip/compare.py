"""Compare ckanapi dumps of two GovChannel instances; exit 1 if anything beyond instance-local values differs."""
import json
import sys

work = sys.argv[1]
# Values that are local to an instance by design: who loaded it, when the org row was created, generated tag ids.
INSTANCE_LOCAL = {"creator_user_id", "created", "organization.created", "tags.id"}
failures = 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["name"]: d for d in map(json.loads, f)}


def compare(path, a, b):
    global failures
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            compare(f"{path}.{key}" if path else key, a.get(key, "<absent>"), b.get(key, "<absent>"))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for x, y in zip(a, b):
            compare(path, x, y)
    elif a != b:
        leaf = path.split(".", 1)[1] if "." in path else path
        if leaf in INSTANCE_LOCAL or path.endswith(".created"):
            return
        if leaf in ("resources.url", "resources.url_type"):
            # An uploaded file arrives as a link to the source site unless ckanapi is told to --upload-resources.
            return
        failures += 1
        print(f"  DIFF {path}: {str(a)[:80]!r} != {str(b)[:80]!r}")


for kind in ("organizations", "groups", "datasets"):
    a, b = load(f"{work}/{kind}-a.jsonl"), load(f"{work}/{kind}-b.jsonl")
    print(f"{kind}: {len(a)} dumped from A, {len(b)} from B")
    if set(a) != set(b):
        failures += 1
        print(f"  names differ: only in A {sorted(set(a) - set(b))}, only in B {sorted(set(b) - set(a))}")
    for name in sorted(set(a) & set(b)):
        compare(name, a[name], b[name])
print("round trip: nothing lost" if failures == 0 else f"round trip: {failures} differences")
sys.exit(1 if failures else 0)
