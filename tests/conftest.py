"""Shared fixtures. The reviewer is loaded once per test session (models load once per process)."""
import socket

import pytest

from reviewer import Reviewer


@pytest.fixture(scope="session")
def reviewer() -> Reviewer:
    return Reviewer.load()


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a network connection during the test."""
    def guard(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    yield
