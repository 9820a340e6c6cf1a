#!/usr/bin/env python3
"""Runs the six processes with the exact argument lists of the systemd units (ExecStart, the env
file expanded), compose.yaml (command) and the Kubernetes manifests (args, the ConfigMap
expanded), on this machine without systemd, a container engine or a cluster: endpoints are
mapped to free loopback ports, /var/lib/peixun to a temporary folder. For each of the three, it
waits for every process's "ready" line, for `peixun status` to exit 0, then stops them with
SIGTERM and expects exit 0 from each. Needs python3-yaml and a built peixun (PEIXUN_BIN, default
.build/debug/peixun).

With --sandbox (as root), the systemd set only, each process in its unit's sandbox as far as it
can be rebuilt without systemd: bubblewrap for the file system (a read-only root but for the
data folder, a private /tmp, empty /root and /home, a minimal /dev), setpriv for the user
(nobody), no new privileges and no capabilities, and deploy/systemd/sandbox.py for seccomp
(RestrictAddressFamilies, SystemCallFilter, MemoryDenyWriteExecute); needs Debian's bubblewrap
and python3-seccomp. The processes get work to do before they stop: a town's demo
through every service, the dashboard's state over HTTP with a token, and `peixun backup` of the
four stores while they run."""
import os, re, shlex, shutil, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("PEIXUN_BIN", os.path.join(HERE, "..", ".build", "debug", "peixun"))
ORDER = ["broker", "enrollment", "scoring", "reporting", "archive", "dashboard"]


def localised(argument, data, base):
    argument = argument.replace("/var/lib/peixun", data).replace("%S/peixun", data)
    argument = re.sub(r"tcp://[\w.]+:557(\d)", lambda m: f"tcp://127.0.0.1:{base + int(m.group(1))}", argument)
    return re.sub(r"^[\d.]+:5580$", f"127.0.0.1:{base + 10}", argument)


# The user the sandboxed processes run as (nobody): User=peixun stands for any user without
# privileges, who owns only the state folder.
UNPRIVILEGED = 65534


def sandboxed(service, data):
    """bubblewrap for the unit's file-system options (ProtectSystem=strict with the state folder
    writable, PrivateTmp, ProtectHome, PrivateDevices), setpriv for User=, NoNewPrivileges= and
    an empty CapabilityBoundingSet=, then sandbox.py for its seccomp ones."""
    unit = os.path.join(HERE, "systemd", f"peixun-{service}.service")
    return ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--tmpfs", "/root", "--tmpfs", "/home", "--bind", data, data, "--"] + \
        ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", "--inh-caps=-all",
         "--bounding-set=-all", "--no-new-privs", "--"] + \
        ["/usr/bin/python3", os.path.join(HERE, "systemd", "sandbox.py"), unit, "--"]


def terminate(process, sandbox):
    """SIGTERM to the peixun process itself (under bwrap, its child: bwrap forwards no signal)."""
    pids = [process.pid]
    if sandbox:
        with open(f"/proc/{process.pid}/task/{process.pid}/children") as children:
            pids = [int(pid) for pid in children.read().split()] or pids
    for pid in pids:
        os.kill(pid, signal.SIGTERM)


def work(data, base):
    """A town's demo through every service, then the dashboard's state for its root organisation."""
    demo = subprocess.run([BIN, "demo", "--scale", "town", "--broker", f"tcp://127.0.0.1:{base}"], capture_output=True, text=True)
    if demo.returncode != 0 or "figures match" not in demo.stdout:
        return [f"the demo failed ({demo.returncode}): {demo.stdout[-500:]}"]
    # As the services' user, as an operator would (`sudo -u peixun peixun token …`): the file is 0600.
    as_user = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", "--"]
    token = subprocess.run(as_user + [BIN, "token", "--org", "T1-ZS", "--data", data], capture_output=True, text=True).stdout.strip()
    failures = []
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{base + 10}/api/dashboard?token={token}", timeout=10) as answer:
            if answer.status != 200:
                failures.append(f"the dashboard answered {answer.status}")
    except urllib.error.URLError as error:
        failures.append(f"the dashboard did not answer: {error}")
    # An online backup of the four stores while they run, as that user.
    backup = subprocess.run(as_user + [BIN, "backup", "--data", data, "--out", os.path.join(data, "backup")],
                            capture_output=True, text=True)
    if backup.returncode != 0 or backup.stdout.count("integrity ok") != 4:
        failures.append(f"peixun backup failed ({backup.returncode}): {backup.stdout} {backup.stderr}")
    return failures


def check(name, argument_lists, base, sandbox=False):
    data = tempfile.mkdtemp(prefix="peixun-check-")
    if sandbox:
        os.chown(data, UNPRIVILEGED, UNPRIVILEGED)  # as StateDirectory= hands the folder to User=
    processes, failures = [], []
    try:
        for service in ORDER:
            process = subprocess.Popen(
                (sandboxed(service, data) if sandbox else [])
                + [BIN] + [localised(a, data, base) for a in argument_lists[service]],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            processes.append(process)
            line = process.stdout.readline().strip()
            if not line.startswith(f"peixun {service} ready"):
                failures.append(f"{service} did not start: {line!r}")
                return failures
        deadline = time.monotonic() + 30  # polled: every service registers with the broker within a second or so
        while True:
            status = subprocess.run([BIN, "status", "--broker", f"tcp://127.0.0.1:{base}"], capture_output=True, text=True)
            if status.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if status.returncode != 0:
            failures.append(f"peixun status exits {status.returncode}: {status.stdout}")
        elif sandbox:
            failures += work(data, base)
    finally:
        for process in reversed(processes):
            terminate(process, sandbox)
            code = process.wait(timeout=30)
            if code != 0:
                failures.append(f"{process.args} exited {code} after SIGTERM")
        shutil.rmtree(data, ignore_errors=True)
    return failures


def systemd():
    env = dict(line.split("=", 1) for line in open(os.path.join(HERE, "systemd", "peixun.env")).read().splitlines()
               if line and not line.startswith("#"))
    lists = {}
    for service in ORDER:
        unit = open(os.path.join(HERE, "systemd", f"peixun-{service}.service")).read()
        command = next(l for l in unit.splitlines() if l.startswith("ExecStart="))[len("ExecStart="):]
        lists[service] = shlex.split(re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command))[1:]
    return lists


def compose():
    services = yaml.safe_load(open(os.path.join(HERE, "compose.yaml")))["services"]
    return {service: [str(a) for a in services[service]["command"]] for service in ORDER}


def kubernetes():
    config = yaml.safe_load(open(os.path.join(HERE, "kubernetes", "config.yaml")))["data"]
    lists = {}
    for service in ORDER:
        workload = next(yaml.safe_load_all(open(os.path.join(HERE, "kubernetes", f"{service}.yaml"))))
        arguments = workload["spec"]["template"]["spec"]["containers"][0]["args"]
        lists[service] = [re.sub(r"\$\((\w+)\)", lambda m: config[m.group(1)], a) for a in arguments]
    return lists


if "--sandbox" in sys.argv:
    runs = [("systemd, sandboxed, with a demo", systemd(), True)]
else:
    runs = [("systemd", systemd(), False), ("compose", compose(), False), ("kubernetes", kubernetes(), False)]
failed = False
for offset, (name, lists, sandbox) in enumerate(runs):
    failures = check(name, lists, 16100 + 100 * offset, sandbox)
    passed = "six processes ready, peixun status 0, " + ("the demo's figures matched, the dashboard answered, the backup verified, " if sandbox else "")
    print(f"{name}: " + (passed + "each exited 0 on SIGTERM" if not failures else "; ".join(failures)))
    failed = failed or bool(failures)
sys.exit(1 if failed else 0)
