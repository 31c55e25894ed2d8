"""Helpers shared by the privacy tests."""

# Prepended to a child Python process: the same block, in place before anything is imported.
BLOCK_SOCKETS = """
import socket
def _blocked(*args, **kwargs):
    raise RuntimeError("network access attempted")
for _name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, _name, _blocked)
for _name in ("create_connection", "getaddrinfo", "gethostbyname"):
    setattr(socket, _name, _blocked)
"""


def redacted_text(text: str) -> str:
    from reviewer.redact import redact

    return redact(text).text


def assert_gone(text: str, *secrets: str) -> str:
    """Redact `text`; every secret must be gone from the result (which is returned)."""
    out = redacted_text(text)
    for secret in secrets:
        assert secret not in out, (secret, out)
    return out


def assert_kept(text: str, *words: str) -> str:
    """Redact `text`; every word must still be in the result (which is returned)."""
    out = redacted_text(text)
    for word in words:
        assert word in out, (word, out)
    return out
