"""Garbage on the socket never hurts the server: it answers 4xx or closes, and keeps serving."""

import json
import random
import socket
import urllib.parse
import urllib.request


def send_raw(root: str, payload: bytes) -> bytes:
    address = urllib.parse.urlsplit(root)
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(payload)
        connection.shutdown(socket.SHUT_WR)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError, socket.timeout):
            pass
        return b"".join(chunks)


def healthy(root: str) -> bool:
    with urllib.request.urlopen(f"{root}/health", timeout=5) as response:
        return json.load(response)["status"] == "ok"


def test_raw_garbage_and_broken_http(server_root):
    generator = random.Random(2026)
    valid = (
        b'{"model":"mock-gpt","messages":[{"role":"user","content":"hello"}]}'
    )
    payloads = [
        b"\x00\xff" * 100,
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n{",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    ]
    for _ in range(300):
        size = generator.randrange(0, 400)
        payloads.append(bytes(generator.randrange(256) for _ in range(size)))
        body = bytearray(valid)
        for _ in range(generator.randrange(1, 6)):
            body[generator.randrange(len(body))] = generator.randrange(256)
        payloads.append(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + bytes(body)
        )
    for payload in payloads:
        answer = send_raw(server_root, payload)
        if answer.startswith(b"HTTP/1.1 "):
            status = int(answer[9:12])
            assert status < 500, answer[:300]
    assert healthy(server_root)
