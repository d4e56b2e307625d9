#!/usr/bin/env python3
"""Adds lockfile entries for the platform packages of @biomejs/biome that the registry here does not serve.

npm records optional platform packages in package-lock.json only when it can resolve them. The registry
available to this project serves @biomejs/cli-linux-x64 but not the other platforms, so npm install writes a
lockfile that npm ci then rejects ("Missing: @biomejs/cli-darwin-x64@ from lock file"). The entries added
here carry only the version, os/cpu/libc and the optional flag: npm ci skips them on this platform. Run after
every npm install that rewrites the lockfile: python3 tools/lockfile-platform-entries.py package-lock.json
"""
import json, sys, collections
p = sys.argv[1]
lock = json.load(open(p), object_pairs_hook=collections.OrderedDict)
pk = lock["packages"]
plats = {"android-arm64": ("android","arm64",None), "android-x64": ("android","x64",None),
 "darwin-arm64": ("darwin","arm64",None), "darwin-x64": ("darwin","x64",None),
 "linux-arm64": ("linux","arm64","glibc"), "linux-x64": ("linux","x64","glibc"),
 "linux-arm64-musl": ("linux","arm64","musl"), "linux-x64-musl": ("linux","x64","musl"),
 "win32-arm64": ("win32","arm64",None), "win32-x64": ("win32","x64",None)}
ver = pk["node_modules/@biomejs/biome"]["version"]
for name,(os_,cpu,libc) in plats.items():
    key = f"node_modules/@biomejs/cli-{name}"
    if key in pk: continue
    e = collections.OrderedDict(version=ver)
    e["cpu"]=[cpu]; e["dev"]=True
    if libc: e["libc"]=[libc]
    e["license"]="MIT OR Apache-2.0"; e["optional"]=True; e["os"]=[os_]; e["engines"]={"node": ">=14.21.3"}
    pk[key]=e
lock["packages"] = collections.OrderedDict(sorted(pk.items(), key=lambda kv: (kv[0] != "", kv[0])))
json.dump(lock, open(p,"w"), indent=2); open(p,"a").write("\n")
