"""The benchmarks' HTTP client: one fresh TCP connection per request (asyncio + raw sockets; gunicorn's sync
workers close each one anyway), and the headers and bodies a current desktop Chrome sends. Standard library only."""

import asyncio
import contextlib
import gzip
import secrets
import urllib.parse
import zlib
from dataclasses import dataclass

# A current desktop Chrome, as a reader's browser sends it (the counter ignores robots by User-Agent).
BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
BROWSER_HEADERS = {
    "User-Agent": BROWSER_UA,
    "Accept-Language": "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7",
    "Accept-Encoding": "gzip, deflate",
    "sec-ch-ua": '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Windows"',
}
NAVIGATE_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Site": "none",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-User": "?1",
    "Sec-Fetch-Dest": "document",
}



class HttpError(Exception):
    """A connection error, a timeout or an unreadable answer (counted as an error, never as a success)."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def set_cookies(self) -> dict[str, str]:
        cookies = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                pair = v.split(";", 1)[0]
                if "=" in pair:
                    name, value = pair.split("=", 1)
                    cookies[name.strip()] = value.strip().strip('"')
        return cookies

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Http:
    """One fresh TCP connection per request (a browser's connection would be closed by the sync worker too)."""

    def __init__(self, host: str, port: int, *, timeout: float = 30):
        self.host, self.port, self.timeout = host, port, timeout

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def request(
        self, method: str, path: str, headers: dict | None = None, body: bytes = b""
    ) -> Response:
        try:
            return await asyncio.wait_for(self._request(method, path, headers or {}, body), self.timeout)
        except TimeoutError as exc:
            raise HttpError(f"timeout after {self.timeout} s") from exc
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            raise HttpError(f"{type(exc).__name__}: {exc}") from exc

    async def _request(self, method, path, headers, body) -> Response:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            if body or method in ("POST", "PUT"):
                lines.append(f"Content-Length: {len(body)}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, *header_lines = head.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            resp_headers = [
                tuple(x.strip() for x in line.split(":", 1)) for line in header_lines if ":" in line
            ]
            response = Response(status, resp_headers, b"")
            if method == "HEAD" or status in (204, 304):
                data = b""
            elif response.header("Content-Length") is not None:
                data = await reader.readexactly(int(response.header("Content-Length")))
            elif (response.header("Transfer-Encoding") or "").lower() == "chunked":
                data = await _read_chunked(reader)
            else:
                data = await reader.read()
            encoding = (response.header("Content-Encoding") or "").lower()
            if encoding == "gzip":
                data = gzip.decompress(data)
            elif encoding == "deflate":
                data = zlib.decompress(data)
            response.body = data
            return response
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


async def _read_chunked(reader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


def multipart_form(fields: list[tuple[str, str]], empty_files: list[str]) -> tuple[bytes, str]:
    """The body Chrome sends for a multipart form (an empty file input as an empty file part), and its
    Content-Type."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    boundary = "----WebKitFormBoundary" + "".join(secrets.choice(alphabet) for _ in range(16))
    out = []
    for name, value in fields:
        if name in empty_files:
            out.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n\r\n"
            )
        else:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def multipart_body(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A body as Chrome's ``fetch(url, {body: FormData})`` sends it, and its Content-Type."""
    return multipart_form(fields, [])


def beacon_body(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A body as counter.js's ``fetch(url, {body: URLSearchParams})`` sends it, and the Content-Type Chrome gives it."""
    return urlencoded(fields), "application/x-www-form-urlencoded;charset=UTF-8"


def urlencoded(fields: list[tuple[str, str]]) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def client_address(n: int) -> str:
    """The n-th simulated client's own address (10.x.y.z), sent as X-Real-IP as our nginx does."""
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
