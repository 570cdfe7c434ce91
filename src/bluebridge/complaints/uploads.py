"""Evidence files: type checked from their content (never their name), size-limited, stored in
the private data directory (outside the web roots), and scanned for viruses in the background.

A refused file is recorded as refused with its reason; the complaint itself is always kept.
"""

from __future__ import annotations

import hashlib
import shlex
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from bluebridge.complaints import config
from bluebridge.complaints.models import Complaint, Evidence

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "application/pdf": ".pdf",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
}
ALLOWED_TEXT = "pictures (JPEG, PNG, WebP, GIF), PDF documents and videos (MP4, MOV, WebM)"


@dataclass(frozen=True)
class Outcome:
    name: str
    accepted: bool
    reason: str = ""


def sniff(head: bytes, handle: Any) -> str | None:
    """The content type of a file from its first bytes (and Pillow for pictures), or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    try:
        handle.seek(0)
        with Image.open(handle) as picture:
            kind = picture.format or ""
            picture.verify()
        return IMAGE_TYPES.get(kind)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        handle.seek(0)


def check(upload: Any) -> tuple[str | None, str]:
    """(content type, "") for an acceptable file, (None, reason) otherwise."""
    limit = config.max_file_bytes()
    if upload.size == 0:
        return None, "the file is empty"
    if upload.size > limit:
        return None, f"the file is larger than {max(1, limit // (1024 * 1024))} MB"
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(head, upload)
    if content_type is None:
        return None, f"this type of file is not accepted: send {ALLOWED_TEXT}"
    return content_type, ""


def store(complaint: Complaint, uploads: list[Any]) -> list[Outcome]:
    """Check and keep each file; too many files: the extra ones are refused. Never raises."""
    outcomes = []
    for index, upload in enumerate(uploads):
        name = (getattr(upload, "name", "") or "file")[-200:]
        if index >= config.max_files():
            reason = f"at most {config.max_files()} files can be sent at once"
            content_type = None
        else:
            content_type, reason = check(upload)
        if content_type is None:
            Evidence.objects.create(
                complaint=complaint,
                original_name=name,
                size=upload.size or 0,
                scan_status=Evidence.REFUSED,
                refused_reason=reason,
            )
            outcomes.append(Outcome(name, False, reason))
            continue
        folder = config.private_dir() / complaint.reference
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}"
        digest = hashlib.sha256()
        upload.seek(0)
        with stored.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        evidence = Evidence.objects.create(
            complaint=complaint,
            original_name=name,
            stored_path=str(stored.relative_to(config.private_dir())),
            content_type=content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
        )
        from bluebridge.complaints.tasks import scan_evidence

        scan_evidence.enqueue(evidence.pk)
        outcomes.append(Outcome(name, True))
    return outcomes


def path_of(evidence: Evidence) -> Path:
    root = config.private_dir().resolve()
    path = (root / evidence.stored_path).resolve()
    if root not in path.parents:
        raise FileNotFoundError("evidence outside the private directory")
    return path


def scan(evidence: Evidence) -> str:
    """Run the configured virus scanner on one file and record what it said."""
    if evidence.scan_status == Evidence.REFUSED:
        return evidence.scan_status
    command = config.virus_scan_command()
    if not command:
        return Evidence.UNSCANNED
    try:
        result = subprocess.run(  # noqa: S603 (the command is the operator's own setting)
            [*shlex.split(command), str(path_of(evidence))],
            capture_output=True,
            timeout=300,
            check=False,
        )
        status = {0: Evidence.CLEAN, 1: Evidence.INFECTED}.get(result.returncode, Evidence.ERROR)
    except (OSError, subprocess.TimeoutExpired):
        status = Evidence.ERROR
    evidence.scan_status = status
    evidence.scanned_at = timezone.now()
    evidence.save(update_fields=["scan_status", "scanned_at"])
    if status == Evidence.INFECTED:
        path_of(evidence).unlink(missing_ok=True)
    return status
