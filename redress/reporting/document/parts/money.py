"""Complaint costs and compensation, and compliments (with quotes)."""

from __future__ import annotations

from redress.core import presenters

from .. import selectors
from ..context import BuildContext
from ..labels import PAYMENT_KINDS, PAYMENT_STAGES, SOURCES, TABLE_CAPTIONS, label
from ..model import BulletList, Cell, Paragraph, Run, TableBlock
from ..redact import redact
from ..sentences import count_or_none, trend_clause
from ..values import column, para, text_cell
from .common import Blocks, compared_or_new, new_since, nothing_to_compare

QUOTES = 10


def costs(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    for subject, figure_id in (
        ("The cost of investigating complaints at stages 2 and 3", "costs.investigation.total"),
        ("Compensation and financial remedies paid", "compensation.total"),
    ):
        if v.has(figure_id):
            blocks.append(
                para(
                    subject,
                    *trend_clause(v, figure_id, "money"),
                    *compared_or_new(ctx, figure_id, "money"),
                    ".",
                )
            )
    if v.rows("costs"):
        blocks.append(_costs_table(ctx))
    return blocks


def _costs_table(ctx: BuildContext) -> TableBlock:
    """Each cost beside the same period a year before's; for a locality or service that began
    after that period, the period's alone, and a footnote saying why (a column of £0 would read
    as nothing paid, not as nothing to compare with)."""
    v = ctx.view
    rows = v.rows("costs")
    body: list[tuple[Cell, ...]] = []
    new = new_since(ctx)

    def line(words: str, before: Cell, now: Cell) -> tuple[Cell, ...]:
        return (text_cell(words), now) if new else (text_cell(words), before, now)

    def subtotal(words: str, figure_id: str) -> tuple[Cell, ...]:
        return line(
            words,
            v.scalar_cell(f"{figure_id}.previous", "money"),
            v.scalar_cell(figure_id, "money"),
        )

    for i, r in enumerate(rows):
        if r["kind"] == "other_cost" and not r["amount"] and not r["previous"]:
            continue
        if r["kind"] == "compensation" and r["stage"] == "1":
            body.append(subtotal("Investigation costs: total", "costs.investigation.total"))
        words = (
            f"Compensation: {label(PAYMENT_STAGES, r['stage']).lower()}"
            if r["kind"] == "compensation"
            else f"{label(PAYMENT_STAGES, r['stage'])}: {label(PAYMENT_KINDS, r['kind']).lower()}"
        )
        body.append(line(words, v.cell("costs", i, "previous", "money"), _amount(ctx, i)))
    body.append(subtotal("Compensation: total", "compensation.total"))
    before = () if new else (column(ctx.previous_heading, ctx.previous_heading, "money"),)
    footnote = None
    if new:
        words = nothing_to_compare(ctx, new, dated=True)
        footnote = f"{words[0].upper()}{words[1:]}."
    return TableBlock(
        key="costs",
        caption=TABLE_CAPTIONS["costs"],
        columns=(column("line", "Cost"), *before, column(ctx.heading, ctx.heading, "money")),
        rows=tuple(body),
        total=subtotal("Total payments", "payments.total"),
        footnote=footnote,
    )


def _amount(ctx: BuildContext, row: int) -> Cell:
    """The period's amount, with the payments behind it for drill-down."""
    cell = ctx.view.cell("costs", row, "amount", "money")
    drill = ctx.view.row_value("costs", row, "amount", "money").drill
    return Cell(text=cell.text, value=cell.value, drill=drill)


def compliments(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    if v.has("compliments.received"):
        count = v.raw("compliments.received")
        external: list[Run] = (
            ["; ", count_or_none(v, "compliments.external"), " came from outside the organisation"]
            if count and v.has("compliments.external")
            else []
        )
        blocks.append(
            para(
                *(
                    [
                        v.value("compliments.received"),
                        f" {presenters.plural(count, 'compliment')} "
                        f"{'was' if count == 1 else 'were'} recorded in {ctx.label}",
                    ]
                    if count
                    else [f"No compliments were recorded in {ctx.label}"]
                ),
                # "…; 1 came from outside the organisation" reads before the longer "…; the
                # West locality began on …, so there is nothing … to compare with".
                *(
                    [*external, *compared_or_new(ctx, "compliments.received")]
                    if new_since(ctx)
                    else [*compared_or_new(ctx, "compliments.received"), *external]
                ),
                ".",
            )
        )
    if v.rows("compliments.by_service"):
        blocks.append(
            v.table(
                "compliments.by_service",
                [("service", "Service", "text"), ("count", "Compliments", "count")],
            )
        )
    if v.rows("compliments.by_source"):
        rows = v.rows("compliments.by_source")
        blocks.append(
            v.table(
                "compliments.by_source",
                [("source", "From", "text"), ("count", "Compliments", "count")],
                labels={"source": {r["source"]: label(SOURCES, r["source"]) for r in rows}},
            )
        )
    quotes = _quotes(ctx)
    if quotes:
        blocks += [
            para(f"Some of the compliments received during {ctx.span}:"),
            BulletList(tuple(quotes)),
        ]
    return blocks


def _quotes(ctx: BuildContext) -> list[Paragraph]:
    """Quotes, named only where the staff member agreed to be (or in the internal report). A
    published report quotes only excerpts a complaints manager approved, never the words
    recorded."""
    out = []
    removed = 0
    for quote in selectors.compliment_quotes(
        period=ctx.period,
        as_of=ctx.as_of,
        areas=ctx.areas,
        limit=QUOTES,
        approved_only=ctx.published,
    ):
        said = (quote.excerpt or "") if ctx.published else quote.text
        named = quote.consent or not ctx.published
        text = said if named else redact(said, [quote.staff_member])
        removed += not named and (text != said or bool(quote.staff_member))
        who = (
            f"{quote.staff_member} ({quote.service})"
            if named and quote.staff_member
            else quote.service
        )
        out.append(para(f"“{text}” — {who}"))
    if ctx.published:
        ctx.redactions["compliment"] = removed
    return out
