"""Sealing the processes that execute strangers' queries: no network at all, and death with their parent.

A query engine that can be talked into a federated call (SPARQL `SERVICE`) makes HTTP requests from inside
the process that runs the query. The guard refuses such queries; this is the defence in depth for the day a
parser gap lets one through: the process cannot open a network connection whatever it is told.

Two ways, tried in this order (measured on Linux 6.x, as root and as an unprivileged user, both work):
1. a seccomp filter (no privilege needed once PR_SET_NO_NEW_PRIVS is set): socket(2) and socketpair(2) fail
   with EPERM for every address family, and so do io_uring (which can open sockets without socket(2)) and
   system calls of a foreign ABI (x32, i386). The workers talk to the service over pipes made before the seal.
2. an empty network namespace (unshare CLONE_NEWNET, with CLONE_NEWUSER when not root): sockets can be made
   but there is no interface to reach, not even loopback.
If neither works, the process runs unsealed and says so (`Sealing.method == "none"`), and the service logs
it and shows it at /readyz; CI fails on it (tests/test_sparql_sealing.py).
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import platform
import signal
import socket
import struct
from dataclasses import dataclass

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

# BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h).
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_X32_BIT = 0x40000000


@dataclass(frozen=True)
class Arch:
    audit: int  # AUDIT_ARCH_* of the native ABI
    seccomp: int  # the seccomp(2) system call
    refused: tuple[int, ...]  # socket, socketpair, io_uring_setup
    has_x32: bool


ARCHES = {
    "x86_64": Arch(0xC000003E, 317, (41, 53, 425), has_x32=True),
    "aarch64": Arch(0xC00000B7, 277, (198, 199, 425), has_x32=False),
}


@dataclass(frozen=True)
class Sealing:
    method: str  # "seccomp", "network namespace" or "none"
    detail: str = ""

    @property
    def sealed(self) -> bool:
        return self.method != "none"


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def die_with_parent(parent_pid: int, service_pid: int | None = None) -> None:
    """SIGKILL this process when its parent ends (however it ends), and exit now if it (or the service process
    this one works for) already has."""
    _check(_libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")
    if os.getppid() != parent_pid:  # the parent ended before the request took effect
        os._exit(1)
    if service_pid is not None:
        try:
            os.kill(service_pid, 0)
        except ProcessLookupError:
            os._exit(1)


def _instruction(code: int, k: int, jump_true: int = 0, jump_false: int = 0) -> bytes:
    return struct.pack("HBBI", code, jump_true, jump_false, k)


def seccomp_program(arch: Arch) -> bytes:
    """The filter: refuse (EPERM) the calls that make sockets and every call of a foreign ABI; allow the rest."""
    refuse = _instruction(_RET_K, _ERRNO | errno.EPERM)
    program = [_instruction(_LD_W_ABS, 4),  # seccomp_data.arch
               _instruction(_JEQ_K, arch.audit, 1, 0), refuse,
               _instruction(_LD_W_ABS, 0)]  # seccomp_data.nr
    if arch.has_x32:
        program += [_instruction(_JGE_K, _X32_BIT, 0, 1), refuse]
    for index, number in enumerate(arch.refused):
        remaining = len(arch.refused) - index - 1
        program.append(_instruction(_JEQ_K, number, remaining + 1, 0))  # to `refuse` after the allow
    program += [_instruction(_RET_K, _ALLOW), refuse]
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_seccomp() -> None:
    arch = ARCHES.get(platform.machine())
    if arch is None:
        raise OSError(errno.ENOSYS, f"no seccomp filter written for {platform.machine()}")
    libc = _libc()
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    program = seccomp_program(arch)
    buffer = ctypes.create_string_buffer(program)
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    # TSYNC: every thread of the process, not only the calling one.
    _check(libc.syscall(arch.seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(fprog)),
           "seccomp(SECCOMP_SET_MODE_FILTER)")


def enter_empty_network_namespace() -> None:
    libc = _libc()
    if libc.unshare(CLONE_NEWNET) != 0:  # needs CAP_SYS_ADMIN; an unprivileged user needs a user namespace too
        _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNET), "unshare(CLONE_NEWUSER | CLONE_NEWNET)")


def network_reachable() -> bool:
    """Whether this process can still open a TCP connection attempt (to a closed port on loopback)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            error = probe.connect_ex(("127.0.0.1", 9))
    except OSError:
        return False
    return error not in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL)


def seal_network() -> Sealing:
    """Cut this process (and every process it forks later) off the network; say how, or why it could not."""
    failures = []
    for method, install in (("seccomp", install_seccomp), ("network namespace", enter_empty_network_namespace)):
        try:
            install()
        except OSError as exc:
            failures.append(f"{method}: {exc.strerror or exc}")
            continue
        if not network_reachable():
            return Sealing(method)
        failures.append(f"{method}: installed, but a connection could still be attempted")
    return Sealing("none", "; ".join(failures))
