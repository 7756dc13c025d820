"""HOSTILE-INPUTS H8, TLS: a self-signed certificate and a failed handshake end the
feed with one readable line, and nothing is stored for it."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.net.fetch import FetchError
from newsreader.services.refresh import refresh_store
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer
from tests.unit.test_fetch import CFG, fetch

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")


@pytest.fixture
def tls_server(tmp_path: Path):
    """An HTTPS server on 127.0.0.1 whose certificate no one trusts (self-signed)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    body = rss("Secret")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


def test_a_self_signed_certificate_is_a_clean_error(tls_server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(tls_server, CFG)
    message = str(caught.value)
    assert message.startswith("TLS error:") and "certificate" in message.lower()
    assert "\n" not in message


def test_a_failed_handshake_is_a_clean_error_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with HostileServer() as server:  # plain HTTP: the TLS handshake cannot succeed
        plain = server.feed("/f.xml", rss("Plain"))
        with open_store(db) as store:
            feed_id = store.add_feed(plain.replace("http://", "https://"), "Not TLS").id
            good = store.add_feed(server.feed("/g.xml", rss("Good", 2)), "Good").id
        summary = refresh_store(db, Config(parser="thread", feed_deadline=5))
    assert summary.errors == 1 and summary.new_articles == 2
    with open_store(db) as store:
        feed = store.get_feed(feed_id)
        assert feed.last_error and "\n" not in feed.last_error
        assert store.list_articles(ListQuery(feed_id=feed_id)) == []
        assert len(store.list_articles(ListQuery(feed_id=good))) == 2
