"""The HTTP front of one `sharaka serve` process: waitress, with two things added.

Waitress reads each request, headers and body, in its I/O loop and hands it to a thread only when it is
complete, so a slow client holds a connection slot, never a thread (docs/production.md has the measurements).
Its own timeout counts inactivity only; a client that trickles a byte every few seconds would keep its slot
forever. So:
- a request must arrive whole within `request_read_timeout` seconds of its first byte, or the connection is
  closed (checked by the server's maintenance pass, every second);
- errors waitress answers itself (a body over `max_request_bytes`, chunked or not; headers over
  `max_header_bytes`; a malformed request) leave as the same problem+json as every other error of the service.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher, WSGITask

from sharaka.errors import PROBLEM_TYPE_BASE
from sharaka.settings import Settings

MAINTENANCE_S = 1.0
FRAMING_ALLOWANCE = 65536  # bytes of chunk framing allowed on top of max_request_bytes (see adjustments)
LINGER_S = 5.0  # after an error answered before the whole request was read: how long the rest is read and dropped
# waitress's own errors → our stable codes, and the setting behind a limit (as service/problems.py names them)
WAITRESS_CODES = {400: ("bad_request", None), 413: ("payload_too_large", "max_request_bytes"),
                  431: ("headers_too_large", "max_header_bytes"), 501: ("not_implemented", None)}


def adjustments(settings: Settings) -> dict[str, Any]:
    """waitress's adjustments from our settings (its defaults fail under slow clients: 100 connections)."""
    return {
        "threads": settings.threads,
        "connection_limit": settings.max_connections,
        "channel_timeout": settings.idle_timeout,
        "cleanup_interval": MAINTENANCE_S,
        "max_request_header_size": settings.max_header_bytes,
        # waitress counts a chunked body's bytes on the wire, chunk sizes included; the app refuses (413, the same
        # problem) any body over max_request_bytes, so waitress only needs to stop what is far beyond it.
        "max_request_body_size": settings.max_request_bytes + FRAMING_ALLOWANCE,
        "asyncore_use_poll": True,  # select() stops at 1,024 descriptors
        "backlog": 2048,
        "ident": "sharaka",
        "expose_tracebacks": False,
        "url_scheme": "http",  # behind a TLS proxy: trusted_proxies, ProxyFix (service/app.py)
        # The app decides which X-Forwarded-* headers to believe (trusted_proxies); waitress would drop them all.
        "clear_untrusted_proxy_headers": False,
    }


class TimedRequestParser(HTTPRequestParser):
    """A request being read, and since when (its first byte)."""

    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.first_byte_at = time.monotonic()


class ProblemErrorTask(ErrorTask):
    """waitress's own error responses as RFC 9457 problems, like every other error of the service."""

    def execute(self) -> None:
        error = self.request.error
        code, setting = WAITRESS_CODES.get(error.code, ("bad_request", None))
        settings: Settings = self.channel.server.settings
        problem: dict[str, Any] = {"type": PROBLEM_TYPE_BASE + code, "title": error.reason, "status": error.code,
                                   "detail": _detail(error.code, error.body, settings), "code": code}
        if setting is not None:
            problem["setting"], problem["limit"] = setting, settings.values[setting]
        body = json.dumps(problem, ensure_ascii=False).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend([("Content-Type", "application/problem+json")])
        self.set_close_on_finish()
        self.channel.linger_on_close = True  # the client may still be sending what we refused
        self.content_length = len(body)
        self.write(body)


def _detail(status: int, said: str, settings: Settings) -> str:
    if status == 413:
        return f"the request body is larger than {settings.max_request_bytes:,} bytes"
    if status == 431:
        return f"the request line and headers are larger than {settings.max_header_bytes:,} bytes"
    return str(said) or "the request could not be read"


class ClosingWhenDrainingTask(WSGITask):
    """A request answered while the process drains (after SIGTERM) closes its connection: `Connection: close`.
    Waitress writes that header itself (an app may not: PEP 3333 forbids hop-by-hop headers, and waitress answers
    a 500 to one that does), as it does for a client that asked to close; so the request is marked so."""

    def build_response_header(self) -> bytes:
        if self.channel.server.draining:
            self.request.headers["CONNECTION"] = "close"
        return bytes(super().build_response_header())


class DeadlineChannel(HTTPChannel):
    """A connection whose request has a deadline, and that closes gently after refusing one.

    Closing a socket with unread input makes the kernel send a reset, and a reset can destroy the answer the
    client has not read yet (a 413 for a body it is still sending). So after an error the connection says it is
    done writing (FIN), reads and drops what still comes for at most LINGER_S, then closes ("lingering close")."""

    parser_class = TimedRequestParser
    task_class = ClosingWhenDrainingTask
    error_task_class = ProblemErrorTask
    linger_on_close = False
    lingering_until: float | None = None

    def handle_close(self) -> None:
        if self.linger_on_close and self.lingering_until is None and self.connected and not self.total_outbufs_len:
            try:
                self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            else:
                self.lingering_until = time.monotonic() + LINGER_S
                self.will_close = self.close_when_flushed = False
                return
        super().handle_close()

    def readable(self) -> bool:
        return True if self.lingering_until is not None else bool(super().readable())

    def writable(self) -> bool:
        return False if self.lingering_until is not None else bool(super().writable())

    def handle_read(self) -> None:
        if self.lingering_until is None:
            super().handle_read()
            return
        try:
            self.recv(self.adj.recv_bytes)  # dropped; an end of input closes the connection (wasyncore)
        except OSError:
            super().handle_close()
            return
        if self.lingering_until is not None and time.monotonic() > self.lingering_until and self.socket is not None:
            super().handle_close()


class FrontServer(TcpWSGIServer):
    """waitress on a listening socket it is given (shared with the other processes), with a read deadline."""

    channel_class = DeadlineChannel
    draining = False  # set when the process stops: every answer from then on closes its connection

    def __init__(self, app: Any, sock: socket.socket, settings: Settings, channels: dict[int, Any]) -> None:
        self.settings = settings
        dispatcher = ThreadedTaskDispatcher()
        dispatcher.set_thread_count(settings.threads)
        sockinfo = (sock.family, sock.type, sock.proto, sock.getsockname())
        super().__init__(app, channels, True, sock, dispatcher=dispatcher, adj=Adjustments(**adjustments(settings)),
                         bind_socket=False, sockinfo=sockinfo)

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle connections (inactivity): idle_timeout
        cutoff = time.monotonic() - self.settings.request_read_timeout
        for channel in list(self.active_channels.values()):
            partial = channel.request
            if partial is not None and not partial.completed and partial.first_byte_at < cutoff:
                channel.will_close = True  # a trickling client: no answer, its slot back
            if channel.lingering_until is not None and time.monotonic() > channel.lingering_until:
                HTTPChannel.handle_close(channel)

    def stop_accepting(self) -> None:
        """Take no new connection; this process's copy of the shared listening socket is closed. Connections the
        kernel has already completed (in the listening queue) are taken first: closing the socket would reset them."""
        for _ in range(self.adj.backlog):
            try:
                accepted = self.accept()
            except OSError:
                break
            if accepted is None:
                break
            self.set_socket_options(accepted[0])
            self.channel_class(self, accepted[0], self.fix_addr(accepted[1]), self.adj, map=self._map)
        self.accepting = False
        self.del_channel()
        self.socket.close()

    def close_idle_channels(self, quiet_s: float) -> None:
        """Close connections with nothing in progress that have been silent for `quiet_s` (a connection just taken
        from the queue gets that long to send its request)."""
        cutoff = time.time() - quiet_s  # waitress keeps last_activity in wall-clock time
        for channel in list(self.active_channels.values()):
            if not (channel.requests or channel.total_outbufs_len) and channel.last_activity < cutoff:
                channel.handle_close()
