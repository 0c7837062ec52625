"""A local HTTP server that records every request: proof that a PDF fetched nothing."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


@contextlib.contextmanager
def http_trap():
    """Yield (port, hits): hits lists the paths anything asked the server for."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
