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
