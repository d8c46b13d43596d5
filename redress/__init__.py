"""Redress: complaints, compliments and representations for children's social care."""

import os

# Polars allocates with its own jemalloc, which by default keeps freed pages for ten seconds in
# case they are wanted again. A report makes and drops many large frames in a second or two, so
# those pages piled up: a 100,000-complaint report peaked at 821 MB against 556 MB when they
# are returned after 200 ms (ADR 0031). It must be set before Polars is first imported, which is
# why it is here; an operator's own setting wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:200,muzzy_decay_ms:0")
