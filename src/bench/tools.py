#!/usr/bin/env python3
"""Helpers for src/bench/run.sh (standard library only).

  tools.py proxy LISTEN_PORT TARGET_PORT MODE_FILE   fault proxy; MODE_FILE holds pass|refuse|reset|blackhole|starting
  tools.py recovery PROXY_PORT TARGET_PORT API_PORT MGMT_PORT KINDS COUNT
                                                     outages through the proxy, each: ms to the first 200, to ready
  tools.py latency URL SECONDS|COUNT CLIENTS         per-request latencies (ms), one per line, keep-alive
  tools.py gcpause GC_LOG FROM_MS TO_MS              GC pause time (ms) per 10 s between two epoch-ms instants
  tools.py report RESULTS_JSON                       prints the markdown table
  tools.py profiletop COLLAPSED                      top frames of an async-profiler collapsed profile
  tools.py profilecompare SERVICE BASELINE            CPU µs per request by layer, service against baseline
                                                     (each a path without .collapsed/.requests)
Only 127.0.0.1 is ever contacted.
"""
import http.client
import json
import re
import os
import select
import socket
import sys
import threading
import time
import urllib.parse


RESET_LINGER = b"\x01\x00\x00\x00\x00\x00\x00\x00"  # SO_LINGER on, 0 s: close() sends RST, not FIN
# What PostgreSQL answers while it replays its log after a restart (SQLSTATE 57P03).
STARTING_UP = b"SFATAL\x00VFATAL\x00C57P03\x00Mthe database system is starting up\x00\x00"


def reset(sock):
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_LINGER)
        sock.close()
    except OSError:
        pass


class Proxy:
    """A TCP proxy on 127.0.0.1 that fails like a database server or its network:
    pass: forwards; refuse: the port is closed and live connections are reset (a stopped server);
    reset: live connections are reset and new ones reset on accept; blackhole: connections are
    accepted and never answered, live ones stop moving bytes (a dead host; they resume on pass, as
    TCP retransmission would), starting: the startup packet is answered with PostgreSQL's 57P03.
    mode() changes apply at once; accepting() is when the port last started passing, in
    time.monotonic() seconds."""

    def __init__(self, listen_port, target_port, mode="pass"):
        self.listen_port, self.target_port = listen_port, target_port
        self.lock = threading.Lock()
        self.live = set()       # sockets of forwarded connections
        self.held = []          # connections accepted while black-holed: never answered
        self.listener = None
        self.current = None
        self.accepting_since = None
        self.mode(mode)
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def mode(self, new_mode):
        assert new_mode in ("pass", "refuse", "reset", "blackhole", "starting")
        with self.lock:
            if new_mode in ("refuse", "reset", "starting"):
                for s in self.live:
                    reset(s)
                self.live.clear()
            if new_mode == "refuse":
                if self.listener is not None:
                    self.listener.close()
                    self.listener = None
            elif self.listener is None:
                listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                listener.bind(("127.0.0.1", self.listen_port))
                listener.listen(512)
                listener.settimeout(0.005)
                self.listener = listener
            self.current = new_mode
            if new_mode == "pass":
                self.accepting_since = time.monotonic()
                self.accepting_wall_ms = int(time.time() * 1000)  # to line up with the service's log

    def close(self):
        self.mode("refuse")
        with self.lock:
            for s in self.held:
                reset(s)
            self.held.clear()

    def _accept_loop(self):
        while True:
            with self.lock:
                listener = self.listener
            if listener is None:
                time.sleep(0.002)
                continue
            try:
                client, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            client.settimeout(None)
            current = self.current
            if current == "reset":
                reset(client)
            elif current == "blackhole":
                with self.lock:
                    self.held.append(client)
            elif current == "starting":
                threading.Thread(target=self._starting_up, args=(client,), daemon=True).start()
            else:
                threading.Thread(target=self._forward, args=(client,), daemon=True).start()

    @staticmethod
    def _starting_up(client):
        try:
            client.settimeout(1)
            while True:
                length = int.from_bytes(client.recv(4, socket.MSG_WAITALL), "big")
                code = int.from_bytes(client.recv(length - 4, socket.MSG_WAITALL)[:4], "big")
                if code == 80877103:  # SSLRequest: no TLS here, then the startup packet follows
                    client.sendall(b"N")
                    continue
                client.sendall(b"E" + (len(STARTING_UP) + 4).to_bytes(4, "big") + STARTING_UP)
                break
        except (OSError, ValueError):
            pass
        finally:
            client.close()

    def _forward(self, client):
        try:
            server = socket.create_connection(("127.0.0.1", self.target_port), timeout=2)
        except OSError:
            reset(client)
            return
        server.settimeout(None)
        with self.lock:
            if self.current != "pass":  # the mode changed while connecting
                reset(client)
                server.close()
                return
            self.live.update((client, server))
        sockets = [client, server]
        try:
            while True:
                if self.current == "blackhole":
                    time.sleep(0.01)  # hold the bytes: the peer sees silence, not an error
                    continue
                readable, _, _ = select.select(sockets, [], [], 0.05)
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    (server if s is client else client).sendall(data)
        except (OSError, ValueError):
            pass  # reset by a mode change, or closed by a peer
        finally:
            with self.lock:
                self.live.discard(client)
                self.live.discard(server)
            for s in sockets:
                reset(s)


def proxy(listen_port, target_port, mode_file):
    """The proxy, its mode read from MODE_FILE (pass|refuse|reset|blackhole|starting) every 5 ms."""
    def mode():
        try:
            with open(mode_file) as f:
                return f.read().strip() or "pass"
        except OSError:
            return "pass"

    current = mode()
    p = Proxy(listen_port, target_port, current)
    while True:
        time.sleep(0.005)
        wanted = mode()
        if wanted != current:
            p.mode(wanted)
            current = wanted


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
            conn, status = get_once(conn, "/" + path)
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


def get_once(conn, path):
    """One GET over a keep-alive connection: (the connection to use next, the status or 0 on failure)."""
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return conn, response.status
    except (OSError, http.client.HTTPException):
        conn.close()
        return http.client.HTTPConnection(conn.host, conn.port, timeout=5), 0


class Poller:
    """Sends GET URL back to back (a pause of PAUSE s between answers) from its own thread over one
    keep-alive connection, and remembers the monotonic instant each answer arrived with its status."""
    PAUSE = 0.005

    def __init__(self, url):
        host_port, self.path = url.split("//", 1)[1].split("/", 1)
        self.host, port = host_port.split(":")
        assert self.host == "127.0.0.1"
        self.port = int(port)
        self.answers = []
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
        while self.running:
            conn, status = get_once(conn, "/" + self.path)
            self.answers.append((time.monotonic(), status))
            time.sleep(self.PAUSE)

    def first(self, status, after):
        """Seconds from AFTER to the first answer with STATUS that arrived after it, or None."""
        for at, got in list(self.answers):
            if at >= after and got == status:
                return at - after
        return None

    def latest(self):
        return self.answers[-1][1] if self.answers else None

    def stop(self):
        self.running = False
        self.thread.join()


def until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"recovery: timed out waiting for {what}")
        time.sleep(0.005)


def health(url):
    """(status, JSON body) of one GET; (0, {}) when it cannot be had."""
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    try:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
        conn.request("GET", parts.path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, json.loads(body or b"{}")
    except (OSError, http.client.HTTPException, ValueError):
        return 0, {}


def database_attempts(ready_url):
    _, body = health(ready_url)
    for check in body.get("checks", []):
        if check.get("name") == "database":
            return check.get("data", {}).get("attempts", 0)
    return 0


# How each outage is made, and how long it lasts once the service has seen it (readiness DOWN).
OUTAGE_HOLD_S = 1.0
RESTART_REFUSED_S = 0.5
RESTART_STARTING_S = 0.5


def recovery(proxy_port, target_port, api_port, mgmt_port, kinds, count):
    """Outages through an in-process proxy in front of PostgreSQL, and for each the time from the
    proxy passing again (the database accepting) to the first 200 of the API and to readiness UP.
    Kinds: refused, reset, blackhole, restart (each COUNT times against the running service) or
    empty (once: the service was launched against this proxy while it refused; the bench has just
    created its empty database). Prints "kind first_200_ms ready_ms" per outage."""
    api = f"http://127.0.0.1:{api_port}/api/perks?size=1"
    ready = f"http://127.0.0.1:{mgmt_port}/q/health/ready"
    kinds = kinds.split(",")
    empty = kinds == ["empty"]
    p = Proxy(int(proxy_port), int(target_port), "refuse" if empty else "pass")
    try:
        if empty:
            # Launched while refused: wait until the service has tried and failed, then a little more,
            # so the migrator sits in its backoff as it would after a real wait.
            until(lambda: database_attempts(ready) >= 1, 60, "the service to find the database away")
            time.sleep(OUTAGE_HOLD_S)
            measure(p, "empty", api, ready)
            return
        until(lambda: health(ready)[0] == 200, 60, "readiness")
        for kind in kinds:
            for _ in range(int(count)):
                measure(p, kind, api, ready)
    finally:
        p.close()


def measure(p, kind, api, ready):
    served = Poller(api)   # traffic through the outage: requests are how the service notices it
    readiness = Poller(ready)
    try:
        if kind != "empty":
            until(lambda: served.latest() == 200 and readiness.latest() == 200, 30, "a steady service")
            if kind == "restart":
                p.mode("refuse")
                time.sleep(RESTART_REFUSED_S)
                p.mode("starting")
                time.sleep(RESTART_STARTING_S)
            else:
                p.mode({"refused": "refuse", "reset": "reset", "blackhole": "blackhole"}[kind])
                until(lambda: readiness.latest() == 503, 30, f"readiness DOWN ({kind})")
                time.sleep(OUTAGE_HOLD_S)
        p.mode("pass")
        accepting = p.accepting_since
        if kind == "empty":
            print(f"empty: database accepting at epoch ms {p.accepting_wall_ms}", file=sys.stderr, flush=True)
        until(lambda: served.first(200, accepting) is not None and readiness.first(200, accepting) is not None,
              30, f"recovery ({kind})")
        print(f"{kind} {served.first(200, accepting) * 1000:.0f} {readiness.first(200, accepting) * 1000:.0f}", flush=True)
    finally:
        served.stop()
        readiness.stop()


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


# Where a CPU sample's time goes: socket syscalls by the Java frame that made them, else the
# innermost frame of a known layer. First match wins; order matters (the PostgreSQL encoder's
# flush is a netty flush, say).
PROFILE_LAYERS = [
    ("socket: PostgreSQL writes", r"PgEncoder\.flush|SocketConnectionBase\.checkPending", r"SocketDispatcher\.write"),
    ("socket: HTTP writes", r"ConnectionBase\.write|Http1x", r"SocketDispatcher\.write"),
    ("socket: reads", r"", r"SocketDispatcher\.read"),
    ("socket: epoll", r"", r"EPoll\.wait|epoll_wait"),
]
FRAME_LAYERS = [
    ("application code (perks-service / BaselineServer)", r"^dev/perks/|^BaselineServer"),
    ("Quarkus REST (RESTEasy Reactive)", r"resteasy"),
    ("Micrometer", r"micrometer"),
    ("Jackson", r"jackson"),
    ("context propagation", r"smallrye/context"),
    ("Mutiny", r"smallrye/mutiny|io/vertx/mutiny"),
    ("Quarkus HTTP and security", r"io/quarkus/vertx/http|io/quarkus/security|smallrye/jwt"),
    ("Quarkus Vert.x core glue", r"io/quarkus/vertx/core"),
    ("ArC (CDI)", r"io/quarkus/arc"),
    ("Vert.x Web", r"io/vertx/ext/web"),
    ("reactive SQL client", r"io/vertx/pgclient|io/vertx/sqlclient"),
    ("Vert.x core", r"io/vertx/core"),
    ("Netty", r"io/netty"),
    ("logging", r"jboss/log|org/slf4j"),
]


def profile_layer(frames):
    for name, caller, syscall in PROFILE_LAYERS:
        hit = [i for i, f in enumerate(frames) if re.search(syscall, f)]
        if hit and (not caller or any(re.search(caller, f) for f in frames[:hit[0]])):
            return name
    for frame in reversed(frames):
        if frame.endswith("_[k]") or "/" not in frame.replace(".", "/"):
            continue
        for name, pattern in FRAME_LAYERS:
            if re.search(pattern, frame.replace(".", "/")):
                return name
    if any(re.search(r"CompileBroker|C2Compiler|Compilation::|Compile::", f) for f in frames):
        return "JIT compiler"
    if any(re.search(r"GCTask|GC Thread|GenCollect|SerialHeap|DefNewGeneration|TenuredGeneration|"
                     r"YoungGenScanClosure|OopOopIterate|G1|ParallelScavenge|WeakProcessor|Scavenge", f) for f in frames):
        return "GC"
    return "JDK and other"


def profilecompare(service, baseline):
    """CPU µs per request by layer (cpu mode, 1 ms interval: one sample is 1,000 µs of CPU)."""
    def per_request(prefix):
        requests = int(open(prefix + ".requests").read().split()[0])
        layers, whole = {}, 0
        for line in open(prefix + ".collapsed"):
            stack, _, samples = line.rstrip().rpartition(" ")
            if stack:
                layer = profile_layer(stack.split(";"))
                layers[layer] = layers.get(layer, 0) + int(samples)
                whole += int(samples)
        return {k: v * 1000 / requests for k, v in layers.items()}, whole * 1000 / requests
    svc, svc_total = per_request(service)
    base, base_total = per_request(baseline)
    print("| CPU µs per request (profiled round) | service | baseline | difference |")
    print("|---|---:|---:|---:|")
    for layer in sorted(set(svc) | set(base), key=lambda k: -(svc.get(k, 0) - base.get(k, 0))):
        s, b = svc.get(layer, 0), base.get(layer, 0)
        print(f"| {layer} | {s:.1f} | {b:.1f} | {s - b:+.1f} |")
    print(f"| **all** | **{svc_total:.1f}** | **{base_total:.1f}** | **{svc_total - base_total:+.1f}** |")


TARGETS = {
    "read_rps_ratio": "≥ 0.9", "cpu_ratio": "≤ 1.25", "open50_p99_ratio": "≤ 1.5 (and p99 ≤ 10 ms)",
    "rss_idle_mib": "≤ 160", "rss_after_mib": "≤ 320, no growth", "oversold": "0",
    "live_ms_production": "≤ 800", "ready_ms_production": "≤ 1000, < ready_ms_baseline",
    "live_ms_jdk17": "≤ 3000", "ready_ms_jdk17": "≤ 3500",
    "recovery_p95_ms": "≤ 1000",
    "recovery_refused": "first_200_p95 ≤ 1000", "recovery_reset": "first_200_p95 ≤ 1000",
    "recovery_blackhole": "first_200_p95 ≤ 1000", "recovery_restart": "first_200_p95 ≤ 1000",
    "recovery_empty_schema": "first_200_p95 ≤ 1500", "outage_refused_p99_ms": "≤ 50", "outage_open_p99_ms": "≤ 20",
}


def bootsteps(jdk17_log, production_log, over_ms=15):
    """Quarkus' per-step boot clock (print-startup-times) of both launches, steps over 15 ms."""
    step = re.compile(r"Build step (\S+) completed in: (\d+)ms")
    def steps(log):
        found = {}
        for line in open(log, errors="replace"):
            m = step.search(line)
            if m:
                found[m.group(1)] = found.get(m.group(1), 0) + int(m.group(2))
        return found
    a, b = steps(jdk17_log), steps(production_log)
    rows = sorted(set(a) | set(b), key=lambda k: -max(a.get(k, 0), b.get(k, 0)))
    print(json.dumps({"boot_steps_ms": {k: {"jdk17": a.get(k), "production": b.get(k)} for k in rows
                                        if max(a.get(k, 0), b.get(k, 0)) >= over_ms}}))


def report(path):
    r = json.load(open(path))
    print("| metric | value | SPEC §6 |")
    print("|---|---|---|")
    for key, value in r.items():
        if key in ("machine", "boot_steps_ms"):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        print(f"| `{key}` | {value} | {TARGETS.get(key, '')} |")
    if "boot_steps_ms" in r:
        print("\n| boot step (print-startup-times) | plain JDK 17, ms | production launch, ms |")
        print("|---|---:|---:|")
        for name, ms in r["boot_steps_ms"].items():
            print(f"| `{name}` | {ms['jdk17'] if ms['jdk17'] is not None else '-'} | {ms['production'] if ms['production'] is not None else '-'} |")
    m = r.get("machine", {})
    print(f"\n{m.get('date')}, {m.get('nproc')} cores, {m.get('jdk17')} / {m.get('jdk25')}, AOT cache {m.get('aot_cache')}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "proxy":
        proxy(int(args[0]), int(args[1]), args[2])
    elif command == "recovery":
        recovery(*args)
    elif command == "latency":
        latency(*args)
    elif command == "gcpause":
        gcpause(*args)
    elif command == "bootsteps":
        bootsteps(*args)
    elif command == "profiletop":
        profiletop(*args)
    elif command == "profilecompare":
        profilecompare(*args)
    elif command == "report":
        report(args[0])
    else:
        sys.exit(f"unknown command {command}")
