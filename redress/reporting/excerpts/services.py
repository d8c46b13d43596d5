"""The writes behind publishable excerpts: writing one (or changing it), approving it and
withdrawing it. Only a complaints manager may; each write is one transaction with its audit
event, and the record is locked while it runs, so two managers cannot both add a live excerpt.

A changed excerpt needs approving again: what was approved is exactly what is published.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import transaction

from redress.core import audit, clock
from redress.procedures.rules import RuleViolation
from redress.reporting.models import (
    EXCERPT_FIELDS,
    EXCERPT_RECORDS,
    ExcerptSource,
    PublishableExcerpt,
)

from .selectors import (
    MODELS,
    Record,
    describe,
    live_excerpt,
    may_approve_excerpts,
    recorded_text,
    source_of,
)

if TYPE_CHECKING:
    from redress.accounts.models import User

EXCERPT_LIMIT = 1_000


class OnlyManagersApproveExcerpts(RuleViolation):
    """Only a complaints manager can write, approve or withdraw an excerpt for publication."""


class ExcerptMissing(RuleViolation):
    """Write the excerpt that may be published."""

    field = "excerpt"


class ExcerptTooLong(RuleViolation):
    """The excerpt has {length} characters; it can have at most {limit}."""

    field = "excerpt"


class NothingToQuote(RuleViolation):
    """Nothing is recorded here, so there is nothing to quote: an excerpt is written from what
    was recorded."""

    field = "excerpt"


class NoExcerptToWithdraw(RuleViolation):
    """There is no excerpt of this record to withdraw."""


def _state(excerpt: PublishableExcerpt) -> dict[str, Any]:
    """What the audit keeps of an excerpt: what it is of, its words and where it stands."""
    status = (
        "withdrawn"
        if excerpt.withdrawn
        else "approved"
        if excerpt.approved_at is not None
        else "proposed"
    )
    return audit.json_value(
        {
            "source": excerpt.source,
            "record": excerpt.record_id,
            "field": excerpt.field,
            "excerpt": excerpt.text,
            "status": status,
            "approved_by": excerpt.approved_by_id,
            "approved_at": excerpt.approved_at,
        }
    )


def _normalised(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


def _check(by: User) -> None:
    if not may_approve_excerpts(by):
        raise OnlyManagersApproveExcerpts()


def _lock(record: Record) -> None:
    model = MODELS[source_of(record)]
    list(model._default_manager.select_for_update().filter(pk=record.pk).values_list("pk"))


@transaction.atomic
def excerpt_save(
    *,
    record: Record,
    text: str,
    approve: bool,
    by: User,
    source: ExcerptSource | None = None,
) -> PublishableExcerpt:
    """Write the excerpt of a record (or change its words), approving it for publication when
    `approve`. `source` says which of the record's texts it is written from where it has more
    than one (a learning action's description, "you said" or "we did"). Changed words without
    `approve` wait for approval again; saving what is already saved records nothing. Returns
    the live excerpt."""
    _check(by)
    source = source_of(record, source)
    if not recorded_text(record, source):
        # No list offers such a record: the report tells it from its recorded fields alone.
        raise NothingToQuote()
    text = _normalised(text)
    if not text:
        raise ExcerptMissing()
    if len(text) > EXCERPT_LIMIT:
        raise ExcerptTooLong(length=f"{len(text):,}", limit=f"{EXCERPT_LIMIT:,}")
    _lock(record)
    excerpt = live_excerpt(record, source)
    before = _state(excerpt) if excerpt is not None else None
    now = clock.now()
    if excerpt is None:
        excerpt = PublishableExcerpt(
            source=source,
            field=EXCERPT_FIELDS[source],
            text=text,
            written_by=by,
            written_at=now,
            **{EXCERPT_RECORDS[source]: record},
        )
    elif excerpt.text != text:
        excerpt.text = text
        excerpt.written_by = by
        excerpt.written_at = now
        excerpt.approved_by = None
        excerpt.approved_at = None
    elif excerpt.approved_at is not None or not approve:
        return excerpt  # nothing changes
    if approve:
        excerpt.approved_by = by
        excerpt.approved_at = now
    excerpt.save()
    audit.record(
        action="excerpt.approve" if approve else "excerpt.propose",
        obj=excerpt,
        by=by,
        before=before,
        after=_state(excerpt),
        note=describe(record, source),
    )
    return excerpt


@transaction.atomic
def excerpt_withdraw(
    *, record: Record, by: User, source: ExcerptSource | None = None
) -> PublishableExcerpt:
    """Withdraw the record's excerpt (of the text `source` names, where it has several): no
    report prints it from now on. It is kept, with who withdrew it and when; a new excerpt can
    be written."""
    _check(by)
    source = source_of(record, source)
    _lock(record)
    excerpt = live_excerpt(record, source)
    if excerpt is None:
        raise NoExcerptToWithdraw()
    before = _state(excerpt)
    excerpt.withdrawn = True
    excerpt.withdrawn_by = by
    excerpt.withdrawn_at = clock.now()
    excerpt.save()
    audit.record(
        action="excerpt.withdraw",
        obj=excerpt,
        by=by,
        before=before,
        after=_state(excerpt),
        note=describe(record, source),
    )
    return excerpt
