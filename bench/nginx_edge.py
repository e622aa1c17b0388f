"""Debian's nginx run as a local process: deploy/nginx.conf with local ports and every path in a scratch directory,
or a plain static-file server for comparison. Used by bench/http_bench.py and tests/test_nginx.py."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STATIC = """{user}worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    open_file_cache max=10000 inactive=60s;
    access_log off;
    keepalive_requests 100000;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type application/json;
        location / {{ try_files $uri =404; }}
    }}
}}
"""
EDGE_LOCATION = "        location / {\n            proxy_pass http://lnst_api;"
LOCATION_END = "\n        }\n"
STATIC_LOCATION = """        root {root};
        location / {{
            default_type application/json;
            try_files $uri =404;
            add_header X-Request-Id $lnst_request_id always;
        }}
"""


def available() -> bool:
    """Whether Debian's nginx is installed."""
    return Path(NGINX).exists()


def edge_config(work: Path, port: int, upstream: int, workers: int = 1, timeouts: str = "10s", access_log: bool = True) -> Path:
    """deploy/nginx.conf listening on 127.0.0.1:port in front of 127.0.0.1:upstream, writing only under work."""
    conf = work / "nginx.conf"
    conf.write_text(edge_text(work, port, upstream, workers, timeouts, access_log), encoding="utf-8")
    return conf


def edge_text(work: Path, port: int, upstream: int, workers: int, timeouts: str, access_log: bool) -> str:
    """The text of deploy/nginx.conf with local ports and every path under work."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    replacements = [
        ("user www-data;", "user root;" if os.geteuid() == 0 else ""),  # the scratch directory is this user's
        ("worker_processes auto;", f"worker_processes {workers};"),
        ("/run/nginx-lnst-api.pid", f"{work}/nginx.pid"),
        ("/var/log/nginx/", f"{work}/"),
        ("/var/lib/nginx/", f"{work}/"),
        ("/var/cache/nginx-lnst-api", f"{work}/cache"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("listen [::]:80;", ""),
        ("client_header_timeout 10s;", f"client_header_timeout {timeouts};"),
        ("client_body_timeout 10s;", f"client_body_timeout {timeouts};"),
        ("send_timeout 10s;", f"send_timeout {timeouts};"),
    ]
    if not access_log:
        replacements.append((f"access_log {work}/lnst-api.access.log lnst_json buffer=64k flush=1s;", "access_log off;"))
    for old, new in replacements:
        if old not in text:
            raise ValueError(f"deploy/nginx.conf no longer says {old!r}: update bench/nginx_edge.py")
        text = text.replace(old, new)
    return text


def static_config(work: Path, port: int, root: Path, workers: int = 1, like_the_edge: bool = False) -> Path:
    """A static-file server of root on 127.0.0.1:port: the plainest (no log), or deploy/nginx.conf itself with files
    where the proxy was (its JSON access log, request ids and every other setting kept)."""
    conf = work / "static.conf"
    if like_the_edge:
        text = edge_text(work, port, 9, workers, "10s", True)  # the upstream is never asked
        start = text.find(EDGE_LOCATION)
        end = text.find(LOCATION_END, start) + len(LOCATION_END)
        if start == -1 or end < start or text[start:end].count("location") != 1:
            raise ValueError("deploy/nginx.conf's proxy location no longer reads as expected: update bench/nginx_edge.py")
        text = text[:start] + STATIC_LOCATION.format(root=root) + text[end:]
    else:
        user = "user root;\n" if os.geteuid() == 0 else ""
        text = STATIC.format(user=user, workers=workers, work=work, port=port, root=root)
    conf.write_text(text, encoding="utf-8")
    return conf


def start(conf: Path, port: int, seconds: float = 10) -> subprocess.Popen[bytes]:
    """Run nginx in the foreground with this configuration until it answers on port."""
    process = subprocess.Popen(
        [NGINX, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except httpx2.TransportError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("nginx did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop nginx (SIGTERM: a fast shutdown) and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr is not None:
        process.stderr.close()
