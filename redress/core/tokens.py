"""Links sent to the public (a satisfaction survey, following a complaint) carry a random token;
only its hash is stored, so a copy of the database opens nothing."""

from __future__ import annotations

import hashlib


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
