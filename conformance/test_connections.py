"""Connection hygiene of the real binary: rejected requests leave no file descriptor behind, even
when their clients never close."""

import os
import socket
import time
import urllib.parse

import pytest


def descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def held_for(pid, client_ports):
    """The server's sockets whose peer is one of `client_ports` (from /proc/net/tcp*)."""
    peers = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                peers[fields[9]] = int(fields[2].rsplit(":", 1)[1], 16)
    count = 0
    for entry in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{entry}")
        except OSError:
            continue
        if target.startswith("socket:[") and peers.get(target[8:-1]) in client_ports:
            count += 1
    return count


def test_1000_rejected_requests_leave_no_descriptor(server_root):
    pid = os.environ.get("MOCK_LLM_PID")
    if not pid or not os.path.isdir(f"/proc/{pid}"):
        pytest.skip("MOCK_LLM_PID is not set: run scripts/conformance.sh")
    address = urllib.parse.urlsplit(server_root)
    before = descriptors(pid)
    payloads = [
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
        b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        b"\x00\x01 not http\r\n\r\n",
    ]
    clients = []
    statuses = {}
    try:
        for index in range(1000):
            connection = socket.create_connection((address.hostname, address.port), timeout=10)
            try:
                connection.sendall(payloads[index % 4] if index % 40 != 1 else payloads[0])
            except OSError:
                pass
            clients.append(connection)  # never closed before the server lets go
        ports = {connection.getsockname()[1] for connection in clients}
        peak = held_for(pid, ports)
        for connection in clients:
            answer = b""
            try:
                while chunk := connection.recv(65536):
                    answer += chunk
            except OSError:
                pass
            statuses[answer[:12]] = statuses.get(answer[:12], 0) + 1
        deadline = time.monotonic() + 30
        while held_for(pid, ports) > 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        held = held_for(pid, ports)
        after = descriptors(pid)
    finally:
        for connection in clients:
            connection.close()
    print(
        f"\nmock-llm: {before} descriptors before, {after} after; of the 1000 rejected clients' connections it held "
        f"{peak} while they were being sent, {held} after; answers {statuses}"
    )
    assert held == 0
    assert after <= before
    assert set(statuses) <= {b"HTTP/1.1 413", b"HTTP/1.1 400"}, statuses
