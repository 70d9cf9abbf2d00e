#!/usr/bin/env bash
# Black-box check with a real CKAN client: ckanapi dumps the demo catalogue from one GovChannel, loads it into an
# empty one, dumps that, and compares the two dumps field by field.
#
# Needs: ckanapi on PATH (its source from github ckan/ckanapi with Debian's python3-requests python3-docopt
# python3-slugify python3-simplejson; `ckanapi dump` starts workers named `ckanapi`, so it must be on PATH).
# Usage: tools/ckanapi-roundtrip/run.sh            (builds the app, uses ports 5071/5072, cleans up after)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT
step() { echo "-- $*" >&2; }

dotnet build "$root/src/GovChannel.Web" -c Release -o "$work/bin" >/dev/null
gc() { dotnet "$work/bin/govchannel.dll" "$@"; }

mkdir -p "$work/a" "$work/b"
(cd "$work/a" && exec dotnet "$work/bin/govchannel.dll" --demo --urls http://127.0.0.1:5071 >server.log 2>&1) &
(cd "$work/b" && exec dotnet "$work/bin/govchannel.dll" --urls http://127.0.0.1:5072 >server.log 2>&1) &
for port in 5071 5072; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/3/action/status_show" >/dev/null && break; sleep 0.5; done
done
step "servers up; creating tokens"
ta=$(cd "$work/a" && gc token create admin 2>/dev/null | tail -1)
(cd "$work/b" && gc sysadmin add loader >/dev/null 2>&1)
tb=$(cd "$work/b" && gc token create loader 2>/dev/null | tail -1)

step "dumping A"
for kind in organizations groups datasets; do
  ckanapi dump "$kind" --all --include-private -r http://127.0.0.1:5071 -a "$ta" -O "$work/$kind-a.jsonl" >/dev/null
done
# GD-Catalog categories are custom group types (category01..07): CKAN's group_list, and so `ckanapi dump groups`,
# lists only type=group, so copy them with group_create as an operator would.
for t in 01 02 03 04 05 06 07; do
  curl -s "http://127.0.0.1:5071/api/3/action/group_list?type=category$t&all_fields=true" \
    | python3 -c 'import json,sys; [print(json.dumps({k: g[k] for k in ("id","name","title","type","description")})) for g in json.load(sys.stdin)["result"]]'
done | while read -r group; do
  curl -sf -X POST -H "Authorization: $tb" -H 'Content-Type: application/json' -d "$group" http://127.0.0.1:5072/api/3/action/group_create >/dev/null
done
step "loading B"
# Organisations twice: a child organisation can only be created once its parent exists.
ckanapi load organizations -I "$work/organizations-a.jsonl" -r http://127.0.0.1:5072 -a "$tb" >/dev/null 2>&1 || true
ckanapi load organizations -I "$work/organizations-a.jsonl" -r http://127.0.0.1:5072 -a "$tb" >/dev/null
ckanapi load groups -I "$work/groups-a.jsonl" -r http://127.0.0.1:5072 -a "$tb" >/dev/null
ckanapi load datasets -I "$work/datasets-a.jsonl" -r http://127.0.0.1:5072 -a "$tb" >/dev/null
for kind in organizations groups datasets; do
  ckanapi dump "$kind" --all --include-private -r http://127.0.0.1:5072 -a "$tb" -O "$work/$kind-b.jsonl" >/dev/null
done
python3 "$(dirname "$0")/compare.py" "$work"
