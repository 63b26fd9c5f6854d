#!/usr/bin/env python3
"""Helpers for src/bench/run.sh (standard library only).

  tools.py proxy LISTEN_PORT TARGET_PORT MODE_FILE   fault proxy; MODE_FILE holds pass|refuse|blackhole
  tools.py latency URL SECONDS|COUNT CLIENTS         per-request latencies (ms), one per line, keep-alive
  tools.py gcpause GC_LOG FROM_MS TO_MS              GC pause time (ms) per 10 s between two epoch-ms instants
  tools.py report RESULTS_JSON                       prints the markdown table
  tools.py profiletop COLLAPSED                      top frames of an async-profiler collapsed profile
Only 127.0.0.1 is ever contacted.
"""
import http.client
import json
import os
import select
import socket
import sys
import threading
import time


def proxy(listen_port, target_port, mode_file):
    """refuse: the port is closed and live connections are reset (a restarting database);
    blackhole: connections are accepted and live ones kept, but nothing is forwarded (a dead host)."""
    def mode():
        try:
            with open(mode_file) as f:
                return f.read().strip() or "pass"
        except OSError:
            return "pass"

    live = []
    lock = threading.Lock()
    listener = None

    def pump(client, server):
        sockets = [client, server]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 0.05)
                current = mode()
                if current == "refuse":
                    break
                if current == "blackhole":
                    continue
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    (server if s is client else client).sendall(data)
        except OSError:
            pass
        finally:
            for s in sockets:
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    s.close()
                except OSError:
                    pass

    while True:
        current = mode()
        if current == "refuse":
            if listener is not None:
                listener.close()
                listener = None
            time.sleep(0.01)
            continue
        if listener is None:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", listen_port))
            listener.listen(512)
            listener.settimeout(0.01)
        try:
            client, _ = listener.accept()
        except socket.timeout:
            continue
        if mode() == "blackhole":
            with lock:
                live.append(client)  # accepted, never answered
            continue
        try:
            server = socket.create_connection(("127.0.0.1", target_port), timeout=2)
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, server), daemon=True).start()


def latency(url, amount, clients):
    """Sequential keep-alive GETs from CLIENTS threads; amount: '5s' (duration) or '200' (requests per client)."""
    host_port, path = url.split("//", 1)[1].split("/", 1)
    host, port = host_port.split(":")
    assert host == "127.0.0.1"
    deadline = time.monotonic() + float(amount[:-1]) if amount.endswith("s") else None
    count = None if deadline else int(amount)
    results = []
    lock = threading.Lock()

    def run():
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        done = 0
        while (deadline and time.monotonic() < deadline) or (count and done < count):
            started = time.perf_counter()
            try:
                conn.request("GET", "/" + path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=5)
            with lock:
                results.append(((time.perf_counter() - started) * 1000, status))
            done += 1

    threads = [threading.Thread(target=run) for _ in range(int(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for millis, status in results:
        print(f"{millis:.3f} {status}")


def gcpause(log, from_ms, to_ms):
    """Sums the pauses a -Xlog:gc:file=...:time log reports between two instants, per 10 s."""
    import datetime
    import re
    total = 0.0
    line_re = re.compile(r"^\[([^\]]+)\].*Pause.* ([0-9.]+)ms$")
    for line in open(log):
        m = line_re.match(line.strip())
        if not m:
            continue
        stamp = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000
        if int(from_ms) <= stamp <= int(to_ms):
            total += float(m.group(2))
    print(f"{total / ((int(to_ms) - int(from_ms)) / 10000):.1f}")


def profiletop(path, count=45):
    """Self and total shares of the heaviest frames (total: each frame counted once per stack)."""
    self_samples, total_samples, whole = {}, {}, 0
    for line in open(path):
        stack, _, samples = line.rstrip().rpartition(" ")
        if not stack:
            continue
        n = int(samples)
        whole += n
        frames = stack.split(";")
        self_samples[frames[-1]] = self_samples.get(frames[-1], 0) + n
        for frame in set(frames):
            total_samples[frame] = total_samples.get(frame, 0) + n
    for title, table in (("self", self_samples), ("total", total_samples)):
        print(f"--- {title} ({whole} samples)")
        for frame, n in sorted(table.items(), key=lambda kv: -kv[1])[:int(count)]:
            print(f"{100 * n / whole:6.2f} %  {frame}")


TARGETS = {
    "read_rps_ratio": "≥ 0.9", "cpu_ratio": "≤ 1.25", "open50_p99_ratio": "≤ 1.5 (and p99 ≤ 10 ms)",
    "rss_idle_mib": "≤ 160", "rss_after_mib": "≤ 320, no growth", "oversold": "0",
    "live_ms_production": "≤ 800", "ready_ms_production": "≤ 1000, < ready_ms_baseline",
    "live_ms_jdk17": "≤ 3000", "ready_ms_jdk17": "≤ 3500",
    "recovery_p95_ms": "≤ 1000", "outage_refused_p99_ms": "≤ 50", "outage_open_p99_ms": "≤ 20",
}


def report(path):
    r = json.load(open(path))
    print("| metric | value | SPEC §6 |")
    print("|---|---|---|")
    for key, value in r.items():
        if key == "machine":
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        print(f"| `{key}` | {value} | {TARGETS.get(key, '')} |")
    m = r.get("machine", {})
    print(f"\n{m.get('date')}, {m.get('nproc')} cores, {m.get('jdk17')} / {m.get('jdk25')}, AOT cache {m.get('aot_cache')}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "proxy":
        proxy(int(args[0]), int(args[1]), args[2])
    elif command == "latency":
        latency(*args)
    elif command == "gcpause":
        gcpause(*args)
    elif command == "profiletop":
        profiletop(*args)
    elif command == "report":
        report(args[0])
    else:
        sys.exit(f"unknown command {command}")
