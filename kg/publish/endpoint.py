"""The graph behind a standard SPARQL 1.1 endpoint, for YASGUI, Protégé and every other SPARQL client.

`serve` runs the Oxigraph server (`pip install 'industry-kg[serve]'`, the `oxigraph` command) read-only on the
query store `kg build` wrote, listening on 127.0.0.1 only: SPARQL 1.1 Query at `/query`, the Graph Store
HTTP Protocol (reading) at `/store`. `push` uploads the graph to any store that speaks the SPARQL 1.1 Graph
Store HTTP Protocol (Oxigraph, Apache Jena Fuseki, Virtuoso, GraphDB, Amazon Neptune): an HTTP PUT of
N-Triples, which replaces the named graph (or the default graph) there, then POSTs that add the rest, a batch
of triples each, so that a graph of any size goes in requests of bounded size.

    >>> with serve("output", port=7878) as server:          # doctest: +SKIP
    ...     print(server.query_url)
    http://127.0.0.1:7878/query
    >>> push(open_store("output"), "http://127.0.0.1:7878/store", "https://example.org/kg")  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import itertools
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import EndpointError, GraphNotFound, UsageError

DEFAULT_PORT = 7878
HOST = "127.0.0.1"  # never another interface: the server has no authentication
START_TIMEOUT = 20.0
PUSH_TIMEOUT = 300.0
# Triples a push sends in one request (about 50 MB of N-Triples).
PUSH_BATCH = 250_000


def oxigraph_executable() -> str:
    """The `oxigraph` command of the `oxigraph` package: beside this Python (a virtual environment that is
    not activated), or on the PATH."""
    names = ("oxigraph.exe", "oxigraph") if sys.platform == "win32" else ("oxigraph",)
    for name in names:
        beside = Path(sys.executable).parent / name
        if beside.is_file():
            return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the SPARQL server is not installed: pip install 'industry-kg[serve]' "
                            "(it is the `oxigraph` package)")
    return found


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return True
    return False


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Server:
    """A running Oxigraph server; `stop()` (or leaving a `with` block) ends it."""

    process: subprocess.Popen
    port: int
    log: IO[bytes]  # the server's own output, for the error message when it stops

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace").strip()

    def wait(self) -> int:
        """Until the server stops; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_server(location: Path | str, port: int = DEFAULT_PORT, read_only: bool = True, cors: bool = False,
                 timeout: float = START_TIMEOUT) -> Server:
    """Start Oxigraph's server on `location` (a store directory), on 127.0.0.1:`port`, and return once it
    accepts connections. The default graph of a store `kg build` wrote holds every triple (the named
    graph of each document and reference dataset is in `kg export --format trig`: load it into a store of
    your own for `GRAPH` queries). `read_only=False` also accepts SPARQL UPDATE and Graph Store writes
    (for a store of your own)."""
    if _port_taken(port):
        raise EndpointError(f"port {port} on {HOST} is in use: choose another with --port")
    command = [oxigraph_executable(), "serve-read-only" if read_only else "serve", "--location", str(location),
               "--bind", f"{HOST}:{port}"]
    if cors:
        command.append("--cors")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    deadline = time.monotonic() + timeout
    while not _accepts(port):
        if process.poll() is not None or time.monotonic() > deadline:
            exited = process.poll() is not None
            detail = server.output()
            server.stop()
            raise EndpointError(f"the SPARQL server did not start on {HOST}:{port}"
                                + (f": {detail or 'it exited'}" if exited else f" within {timeout:g} s"))
        time.sleep(0.05)
    return server


def serve(graph_dir: Path | str, port: int = DEFAULT_PORT, cors: bool = False) -> Server:
    """Serve the graph `kg build --out GRAPH_DIR` wrote, read-only, at http://127.0.0.1:PORT/query."""
    store = Path(graph_dir) / "store"
    if not (store / "CURRENT").is_file():
        raise GraphNotFound(f"no graph store in {graph_dir}/ (run `kg build --out {graph_dir}` first)")
    return start_server(store, port, read_only=True, cors=cors)


# ---------------------------------------------------------------- push: the Graph Store HTTP Protocol


@dataclass
class PushResult:
    url: str  # where the graph was PUT
    graph: str | None  # the named graph, or None for the default graph
    triples: int
    status: int
    seconds: float


def graph_store_url(endpoint: str, named_graph: str | None) -> str:
    """The Graph Store Protocol address of one graph: `ENDPOINT?graph=IRI`, or `ENDPOINT?default`."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"the endpoint must be an http:// or https:// URL, not {endpoint!r}")
    if named_graph is not None:
        try:
            ox.NamedNode(named_graph)
        except ValueError as exc:
            raise UsageError(f"the named graph must be an absolute IRI, not {named_graph!r}: {exc}") from None
        if not urllib.parse.urlsplit(named_graph).scheme:
            raise UsageError(f"the named graph must be an absolute IRI, not {named_graph!r}")
    param = "default" if named_graph is None else "graph=" + urllib.parse.quote(named_graph, safe="")
    return f"{endpoint}{'&' if parts.query else '?'}{param}"


def push(store: ox.Store, endpoint: str, named_graph: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = PUSH_TIMEOUT, batch: int = PUSH_BATCH) -> PushResult:
    """Upload every triple of `store` to the Graph Store at `endpoint`, replacing the named graph `named_graph`
    there (the default graph when None): an HTTP PUT of the first `batch` triples, then a POST of each next
    `batch` (memory and each request stay bounded, whatever the size of the graph). `user` and `password` are
    sent with HTTP basic authentication. The status is the PUT's."""
    from kg.publish.export import triples

    url = graph_store_url(endpoint, named_graph)
    started = time.perf_counter()
    headers = {"Content-Type": "application/n-triples"}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    sent, status, every = 0, 0, triples(store)
    while True:
        chunk = list(itertools.islice(every, batch))
        if not chunk and sent:
            break
        with tempfile.TemporaryFile() as body:  # a batch can be larger than memory allows twice
            ox.serialize(chunk, body, ox.RdfFormat.N_TRIPLES)
            size = body.tell()
            body.seek(0)
            code = _send(urllib.request.Request(url, data=body, method="POST" if sent else "PUT",
                                                headers={**headers, "Content-Length": str(size)}), endpoint,
                         sent, timeout)
        status = status or code
        sent += len(chunk)
        if len(chunk) < batch:
            break
    return PushResult(url, named_graph, sent, status, time.perf_counter() - started)


def _send(request: urllib.request.Request, endpoint: str, sent: int, timeout: float) -> int:
    """One request of a push; EndpointError (saying what the store holds by then) if it fails."""
    partial = f" (it holds the first {sent:,} triples of the graph: push again to replace them)" if sent else ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(500).decode("utf-8", "replace").split())
        raise EndpointError(f"{endpoint} refused the graph: HTTP {exc.code} {exc.reason}"
                            + (f": {detail}" if detail else "") + partial) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {endpoint}: {reason}{partial}") from None
