"""Secret links of surveys: personal invitations and the resume link of a response.

The database keeps only a SHA-256 digest of each secret; the link itself is
sent or shown once. A stolen database therefore opens no one's answers.
"""

from __future__ import annotations

import hashlib
import secrets


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh secret and its digest."""
    token = secrets.token_urlsafe(24)
    return token, digest(token)
