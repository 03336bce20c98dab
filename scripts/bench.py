#!/usr/bin/env python3
"""Measures the list server function on the demo data, over HTTP on loopback.

Usage: scripts/bench.py [base-url] [requests]   (default http://127.0.0.1:3000, 300)

Signs in as admin@example.org, then calls /api/list_contacts with a mix of filters and
reports the median and 95th percentile round-trip times, and every call that got no whole
answer (the run then exits with 1). Start the release server first
(`target/release/server` from the repository root, on a fresh demo database).
"""

import http.client
import http.cookiejar
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300

jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
form = urllib.parse.urlencode(
    {"email": "admin@example.org", "password": "demo-admin-2026", "next": ""}
).encode()
try:
    opener.open(urllib.request.Request(f"{base}/api/sign_in", data=form, headers={"accept": "text/html"}))
except urllib.error.HTTPError as redirect:
    if redirect.code != 302:
        raise

queries = [
    {},
    {"active": "0"},
    {"active": "0", "page": "3"},
    {"last_name": "leb"},
    {"first_name": "eve", "active": "0"},
    {"email": "vallee", "access": "1"},
]
for q in queries:  # warm-up
    opener.open(urllib.request.Request(f"{base}/api/list_contacts", data=json.dumps({"query": q}).encode(), headers={"content-type": "application/json"})).read()

times = {}
# A call that gets no whole answer (a closed connection, a short body, a status other than
# 200) is counted and reported, and makes the run fail: it is never left out of the figures.
errors = []
for i in range(count):
    q = queries[i % len(queries)]
    body = json.dumps({"query": q}).encode()
    req = urllib.request.Request(f"{base}/api/list_contacts", data=body, headers={"content-type": "application/json"})
    start = time.perf_counter()
    try:
        with opener.open(req) as res:
            res.read()
    except (OSError, http.client.HTTPException) as err:
        errors.append(f"{json.dumps(q)}: {err!r}")
        continue
    times.setdefault(json.dumps(q), []).append((time.perf_counter() - start) * 1000)

if errors:
    print(f"{len(errors)} of {count} calls failed:", file=sys.stderr)
    for line in errors[:10]:
        print(f"  {line}", file=sys.stderr)
if not times:
    sys.exit(1)

everything = sorted(t for ts in times.values() for t in ts)
print(f"{len(everything)} calls: median {statistics.median(everything):.2f} ms, "
      f"p95 {everything[int(len(everything) * 0.95)]:.2f} ms")
for q, ts in times.items():
    print(f"  {q:45} median {statistics.median(ts):.2f} ms")
sys.exit(1 if errors else 0)
