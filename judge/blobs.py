"""A content-addressed folder of files (sources, test data), mounted read-only into sandboxes.

Files are named by their SHA-256 and readable by their owner only: inside a sandbox the
runner (root) can open them and the submission's user cannot, so answers stay secret.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    """Put bytes or files in, get their hash back; the same content is stored once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(root, 0o700)

    def path(self, digest: str) -> Path:
        """Where the blob with this hash lives (flat: the sandbox names blobs by hash alone)."""
        return self.root / digest

    def put_bytes(self, data: bytes) -> str:
        """Store data; return its hash."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        return digest

    def put_file(self, source: Path) -> str:
        """Store a file's content, streaming it (test data can be large); return its hash."""
        digest = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        with os.fdopen(fd, "wb") as out, open(source, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        target = self.path(digest.hexdigest())
        if target.exists():
            os.unlink(tmp)
        else:
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        return digest.hexdigest()
