#!/usr/bin/python3
"""Runs a command under the seccomp part of a unit's sandbox, without systemd: the unit's
RestrictAddressFamilies= (socket() of any other family fails with EAFNOSUPPORT),
SystemCallFilter= (any other system call fails with EPERM, as SystemCallErrorNumber=EPERM says;
groups expanded by `systemd-analyze syscall-filter`) and MemoryDenyWriteExecute=yes (a mapping
both writable and executable, or making memory executable, fails with EPERM).

    sandbox.py UNIT_FILE -- COMMAND [ARGUMENTS…]

Needs Debian's python3-seccomp (for /usr/bin/python3). Used by deploy/check-commands.py
--sandbox; the namespace options (ProtectSystem=, PrivateTmp=…) are not reproduced."""
import errno, mmap, os, re, socket, subprocess, sys
import seccomp


def settings(unit):
    values = {}
    for line in open(unit).read().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def expand(name, seen):
    if not name.startswith("@"):
        return {name}
    if name in seen:
        return set()
    seen.add(name)
    listing = subprocess.run(["systemd-analyze", "syscall-filter", name], capture_output=True, text=True, check=True).stdout
    calls = set()
    for line in listing.splitlines()[1:]:
        entry = line.strip()
        if entry.startswith("@") or re.fullmatch(r"[a-z0-9_]+", entry):
            calls |= expand(entry, seen)
    return calls


unit, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
values = settings(unit)
filters = []
if "SystemCallFilter" in values:  # loaded last: loading a filter is not in @system-service
    allowed = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
    for name in sorted(set().union(*(expand(n, set()) for n in values["SystemCallFilter"].split()))):
        try:
            allowed.add_rule(seccomp.ALLOW, name)
        except (RuntimeError, ValueError):
            pass  # a call this architecture or libseccomp does not know
    # What systemd itself needs after the filter is in place, before it runs the command.
    allowed.add_rule(seccomp.ALLOW, "execve")
    filters.append(allowed)
refused = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
if "RestrictAddressFamilies" in values:
    families = {getattr(socket, name) for name in values["RestrictAddressFamilies"].split()}
    for family in range(0, 46):
        if family not in families:
            refused.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), "socket", seccomp.Arg(0, seccomp.EQ, family))
if values.get("MemoryDenyWriteExecute") == "yes":
    write_execute = mmap.PROT_WRITE | mmap.PROT_EXEC
    refused.add_rule(seccomp.ERRNO(errno.EPERM), "mmap", seccomp.Arg(2, seccomp.MASKED_EQ, write_execute, write_execute))
    for call in ("mprotect", "pkey_mprotect"):
        refused.add_rule(seccomp.ERRNO(errno.EPERM), call, seccomp.Arg(2, seccomp.MASKED_EQ, mmap.PROT_EXEC, mmap.PROT_EXEC))
filters.insert(0, refused)
for layer in filters:
    layer.load()
os.execv(command[0], command)
