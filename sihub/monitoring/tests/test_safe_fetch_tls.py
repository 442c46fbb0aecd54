"""HTTPS through the vetted connection: the certificate is checked against the name.

The fetcher connects to a vetted IP address itself, so these tests make sure
TLS still sends the host name (SNI) and verifies the certificate against it,
not against the address. A throwaway CA made with the openssl command signs a
certificate for feeds.test; the fetcher trusts only that CA here.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess  # nosec B404
from collections.abc import Callable
from pathlib import Path

import pytest

from sihub.monitoring import safe_fetch
from sihub.monitoring.safe_fetch import FetchFailed, fetch
from sihub.monitoring.tests.servers import LocalServer, fixture_bytes, respond

FEED = fixture_bytes("atom_en.xml")


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    openssl = shutil.which("openssl")
    assert openssl, "the openssl command makes the test certificates"
    folder = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        # A fixed argv with the full path of openssl, no shell.
        subprocess.run([openssl, *args], cwd=folder, check=True, capture_output=True)  # nosec B603

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=sihub test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=feeds.test")
    (folder / "ext.cnf").write_text(
        "subjectAltName=DNS:feeds.test\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return folder


@pytest.fixture
def tls_server(
    certificates: Path, make_server: Callable[..., LocalServer], monkeypatch: pytest.MonkeyPatch
) -> LocalServer:
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(certificates / "server.pem", certificates / "server.key")
    server = make_server("127.0.0.2", tls=server_side)
    server.routes["/feed"] = lambda h: respond(h, 200, FEED, content_type="application/atom+xml")
    # The fetcher's TLS settings, trusting the test CA instead of the public ones.
    client_side = ssl.create_default_context(cafile=str(certificates / "ca.pem"))
    monkeypatch.setattr(safe_fetch, "_ssl_context", lambda: client_side)
    return server


def resolve_to_server(host: str, port: int) -> list[str]:
    return ["127.0.0.2"]


def test_it_fetches_https_with_the_name_checked(tls_server: LocalServer) -> None:
    result = fetch(f"https://feeds.test:{tls_server.port}/feed", allowed_networks=["127.0.0.2/32"],
                   resolver=resolve_to_server)
    assert result.content == FEED
    assert result.remote_address == "127.0.0.2"
    assert tls_server.requests[0][1]["host"] == f"feeds.test:{tls_server.port}"


@pytest.mark.parametrize("host", ["other.test", "127.0.0.2"])
def test_it_refuses_a_certificate_for_another_name(tls_server: LocalServer, host: str) -> None:
    with pytest.raises(FetchFailed, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://{host}:{tls_server.port}/feed", allowed_networks=["127.0.0.2/32"],
              resolver=resolve_to_server)
    assert tls_server.requests == []
