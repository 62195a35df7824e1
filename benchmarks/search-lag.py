#!/usr/bin/env python3
"""Write-to-searchable lag through the public API.

Creates projects at a fixed rate through the gateway and polls the search endpoint until each one is
found. The lag of a project is the time from the create's 201 (its commit) to the first search answer
that contains it. Each second's writes share one random word, so one query finds a whole batch and a
fuzzy match never mixes batches.

Environment: GATEWAY (http://127.0.0.1:8080), TOKEN (a user's access token), ORG (an org the user can
write to), RATE (writes per second, 50), DURATION (seconds, 20), POLL_MS (how often each pending batch is
queried, 100).
Prints one line of JSON: {"rate", "writes", "failed", "unseen", "p50_ms", "p95_ms", "p99_ms", "max_ms"}.
"""
import json
import os
import random
import string
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

GATEWAY = os.environ.get("GATEWAY", "http://127.0.0.1:8080")
TOKEN = os.environ["TOKEN"]
ORG = os.environ["ORG"]
RATE = float(os.environ.get("RATE", "50"))
DURATION = float(os.environ.get("DURATION", "20"))
POLL = float(os.environ.get("POLL_MS", "100")) / 1000.0
HEADERS = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(GATEWAY + path, data=data, headers=HEADERS, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, None
    except Exception:  # timeouts, resets: a failed call, counted
        return 0, None


def word():
    return "".join(random.choice(string.ascii_lowercase) for _ in range(12))


lock = threading.Lock()
acked = {}  # id -> (batch word, time of the 201)
seen = {}  # id -> time first found
failed = 0
batches = []
done_writing = threading.Event()


def write(i, batch):
    global failed
    status, body = call("POST", f"/api/v1/orgs/{ORG}/projects", {"name": f"{batch} n{i}"})
    now = time.monotonic()
    with lock:
        if status == 201:
            acked[body["data"]["id"]] = (batch, now)
        else:
            failed += 1


def query(batch, projects):
    params = urllib.parse.urlencode({"q": batch, "type": "project", "limit": 100})
    status, body = call("GET", f"/api/v1/orgs/{ORG}/search?{params}")
    now = time.monotonic()
    if status == 200:
        with lock:
            for hit in body.get("data", []):
                if hit.get("id") in projects and hit["id"] not in seen:
                    seen[hit["id"]] = now


def poll():
    """Every pending batch is queried every POLL_MS, each batch on its own (a batch's next query starts when
    its previous one has answered), so the observer adds at most one poll interval plus one query to a lag
    however many batches are pending. About one batch per second is pending at a time, so the observer's load
    stays near 1000 / POLL_MS queries per second."""
    in_flight = {}
    with ThreadPoolExecutor(max_workers=8) as queries:
        while True:
            tick = time.monotonic()
            with lock:
                pending = {}
                for project, (batch, _) in acked.items():
                    if project not in seen:
                        pending.setdefault(batch, set()).add(project)
            if not pending and done_writing.is_set():
                return
            if done_writing.is_set() and tick > deadline[0]:
                return
            for batch, projects in pending.items():
                running = in_flight.get(batch)
                if running is None or running.done():
                    in_flight[batch] = queries.submit(query, batch, projects)
            time.sleep(max(0.0, POLL - (time.monotonic() - tick)))


deadline = [float("inf")]
poller = threading.Thread(target=poll, daemon=True)
poller.start()
total = int(RATE * DURATION)
start = time.monotonic()
with ThreadPoolExecutor(max_workers=16) as pool:
    for i in range(total):
        if i % int(RATE) == 0:
            batches.append(word())
        at = start + i / RATE
        delay = at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        pool.submit(write, i, batches[-1])
deadline[0] = time.monotonic() + 30
done_writing.set()
poller.join(timeout=40)

lags = sorted((seen[p] - t) * 1000 for p, (_, t) in acked.items() if p in seen)


def pct(p):
    if not lags:
        return None
    return round(lags[min(len(lags) - 1, int(round(p / 100 * len(lags) + 0.5)) - 1)], 1)


print(json.dumps({
    "rate": RATE,
    "writes": len(acked),
    "failed": failed,
    "unseen": len(acked) - len(lags),
    "p50_ms": pct(50),
    "p95_ms": pct(95),
    "p99_ms": pct(99),
    "max_ms": round(lags[-1], 1) if lags else None,
}))
sys.exit(0 if lags else 1)
