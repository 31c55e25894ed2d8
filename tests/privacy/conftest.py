"""Fixtures for the privacy tests: sockets blocked, and the robustness tests' input files."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

# The bad-input builders live with the robustness tests (tests/robustness/robust_files.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "robustness"))


class NetworkAttempt(AssertionError):
    """Raised (and recorded) when code under test tries to reach the network."""


@pytest.fixture
def sockets_blocked(monkeypatch):
    """Every way to open a connection or look up a host raises; attempts are recorded."""
    attempts: list[str] = []

    def guard(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:2] or args[:1]}")
            raise NetworkAttempt(f"network access attempted: {name}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", guard("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guard("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", guard("sendto"))
    monkeypatch.setattr(socket, "create_connection", guard("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", guard("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", guard("gethostbyname"))
    yield attempts
    assert attempts == [], attempts
