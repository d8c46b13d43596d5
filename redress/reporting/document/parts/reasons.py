"""What people complain about (by category and sub-category, or by theme: setting
report_reasons_by), outcomes, and how complaints are made and who makes them."""

from __future__ import annotations

from redress.reporting.charts import definitions as charts
from redress.reporting.figures.numbers import pct

from ..context import BuildContext
from ..labels import COMPLAINANTS, METHODS, OUTCOMES, TABLE_CAPTIONS, label, stage_column_label
from ..model import BulletList, Cell, Paragraph, Run, TableBlock, Value
from ..sentences import (
    Tier,
    in_lower_words,
    in_words,
    listing,
    rank,
    reason_phrase,
    shift,
    tied_rest,
    tier_listing,
)
from ..values import Kind, column, fmt, para, text_cell
from .common import Blocks, chart_block, compared_or_new, new_since, nothing_to_compare

TOP_SUBCATEGORIES = 8


def reasons(ctx: BuildContext) -> Blocks:
    if ctx.by_theme:
        return _by_theme(ctx)
    v = ctx.view
    blocks: Blocks = []
    total = v.raw("aspects.stage1.total")
    if total:
        blocks.append(
            para(
                "Complainants may give several reasons for one complaint, so there are more "
                "reasons than complaints. Reasons recorded on stage 1 complaints received in "
                f"{ctx.label}: ",
                v.value("aspects.stage1.total"),
                *compared_or_new(ctx, "aspects.stage1.total"),
                ".",
            )
        )
    categories = v.rows("aspects.stage1.by_category")
    if categories:
        # The year before beside this one where there was something then (its cells do not
        # drill down: the records behind a row are this period's).
        before = _has_previous(categories)
        table = TableBlock(
            key="aspects.stage1.by_category",
            caption=TABLE_CAPTIONS["aspects.stage1.by_category"],
            columns=(
                column("category", "Category"),
                column("count", f"Reasons, {ctx.heading}" if before else "Reasons", "count"),
                column("share", "Share of reasons", "pct"),
                *(
                    [column("previous", f"Reasons, {ctx.previous_heading}", "count")]
                    if before
                    else []
                ),
            ),
            rows=tuple(
                (
                    text_cell(r["category"]),
                    v.cell("aspects.stage1.by_category", i, "count"),
                    Cell(text=fmt(_pct(r["count"], total), "pct"), value=_pct(r["count"], total)),
                    *(
                        [v.cell("aspects.stage1.by_category", i, "previous", "number")]
                        if before
                        else []
                    ),
                )
                for i, r in enumerate(categories)
            ),
        )
        chart_rows = [
            {"category": r["category"], "count": r["count"], "pct": _pct(r["count"], total)}
            for r in categories
        ]
        blocks.append(
            chart_block(
                charts.shares(
                    "reasons.by_category",
                    "Reasons for stage 1 complaints",
                    chart_rows,
                    category_title="Category",
                    what="reasons given for stage 1 complaints",
                ),
                table,
            )
        )
    subs = v.rows("aspects.stage1.by_subcategory")
    if subs:
        items = _most_given(ctx, subs)
        blocks += [para("The reasons given most often were:"), BulletList(tuple(items))]
        # Appendix B by its default letter: the report gives it its own (sections.py).
        blocks.append(para("Appendix B gives every reason by category and sub-category."))
    if v.rows("themes.stage1"):
        blocks += _theme_tables(ctx)
    return blocks


# -- by theme (Sandwell's shape) -------------------------------------------------------------

TOP_THEMES = 5


def _by_theme(ctx: BuildContext) -> Blocks:
    """The themes raised most often, in words; the five largest against last year's upheld
    counts, in words; and their tables (every theme here unless the report has the reasons
    appendix, which lists them)."""
    v = ctx.view
    themes = v.rows("themes.stage1")
    if not themes:
        return [para(f"No stage 1 complaint received in {ctx.label} was given a theme.")]
    blocks: Blocks = [para(*_most_raised(ctx, themes))]
    upheld = _top_upheld(ctx)
    if upheld is not None:
        blocks.append(upheld)
    tables = _theme_tables(ctx)
    if "appendix_reasons" in ctx.sections and "appendix_reasons" not in ctx.left_out:
        # Appendix B by its default letter: the report gives it its own (sections.py).
        return [*blocks, tables[1], para("Appendix B gives every theme.")]
    return [*blocks, *tables]


def _theme_name(theme: str) -> str:
    return in_lower_words(theme)


def _most_raised(ctx: BuildContext, themes: list[dict]) -> list[Run]:
    """ "Each stage 1 complaint is given one theme. The themes raised most often in 2021-22
    were actions or conduct of worker (56 complaints); decision making (35); and financial
    assistance and quality of service (19 each)." Never cutting through a tie."""
    v = ctx.view
    ranking = rank([(i, r["count"]) for i, r in enumerate(themes)], TOP_THEMES)
    runs: list[Run] = ["Each stage 1 complaint is given one theme. "]
    if not ranking.named and ranking.rest is None:
        return [*runs, "The numbers of complaints in each theme are too small to publish."]
    first = True

    def amount(tier: Tier[int]) -> Run:
        nonlocal first
        value = v.row_value("themes.stage1", tier.members[0], "count")
        words = " complaints" if first and tier.count != 1 else " complaint" if first else ""
        first = False
        return Value(value.text + words, value.figure_id, value.suppressed, value.drill)

    if ranking.named:
        one = len(ranking.named) == 1 and len(ranking.named[0].members) == 1
        subject = "The theme raised most often" if one else "The themes raised most often"
        runs += [
            f"{subject} in {ctx.label} {'was' if one else 'were'} ",
            *tier_listing(ranking.named, lambda i: [_theme_name(themes[i]["theme"])], amount),
            ".",
        ]
    if ranking.rest:
        count = int(ranking.rest.count)
        times = {1: "once", 2: "twice"}.get(count, f"{fmt(count, 'count')} times")
        runs.append(
            (" " if ranking.named else "")
            + tied_rest(ranking.rest, "themes", "were raised", times, other=bool(ranking.named))
        )
    return runs


def _top_upheld(ctx: BuildContext) -> Paragraph | None:
    """ "Of the five largest themes, fewer complaints were upheld or partially upheld than in
    2020-21 in four: actions or conduct of worker (30, against 36), …; more in quality of
    service (8, against none)." A count withheld from publication is not compared, and nothing
    is for a locality or service that began after the same period a year before (its table
    says so)."""
    v = ctx.view
    top = v.rows("themes.stage1.top5")
    if not top or new_since(ctx) is not None:
        return None
    table_id = "themes.stage1.top5"
    groups: dict[str, list[list[Run]]] = {"fewer": [], "more": [], "same": [], "withheld": []}
    for i, r in enumerate(top):
        name = _theme_name(r["theme"])
        now, before = r["upheld_or_partially"], r["previous_upheld_or_partially"]
        if now is None or before is None:
            groups["withheld"].append([name])
            continue

        def shown(column_key: str, n: int, row: int = i) -> Run:
            if n == 0:
                return "none"
            return v.row_value(table_id, row, column_key, "number")

        if now == before:
            groups["same"].append([name, " (", shown("upheld_or_partially", now), " in both)"])
            continue
        which = "fewer" if now < before else "more"
        groups[which].append(
            [
                name,
                " (",
                shown("upheld_or_partially", now),
                ", against ",
                shown("previous_upheld_or_partially", before),
                ")",
            ]
        )
    n = len(top)
    largest = "the largest theme" if n == 1 else f"the {in_words(n)} largest themes"
    clauses: list[list[Run]] = []
    for which, words in (("fewer", "fewer"), ("more", "more"), ("same", "the same number")):
        items = groups[which]
        if not items:
            continue
        head = words
        if not clauses:
            than = "as" if which == "same" else "than"
            of = " of" if which == "same" else ""
            head = (
                f"{words}{of} complaints were upheld or partially upheld {than} in "
                f"{ctx.previous_label}"
            )
        if n == 1:
            clauses.append([head, ": ", *items[0]])
            continue
        how_many = (
            "both"
            if len(items) == n == 2
            else (f"all {in_words(n)}" if len(items) == n else in_words(len(items)))
        )
        clauses.append([head, f" in {how_many}: ", *listing(items, joiner=", ")])
    if groups["withheld"]:
        names = listing(groups["withheld"], joiner=", ")
        clauses.append(["for ", *names, " the numbers are too small to publish"])
    if not clauses:
        return None
    runs: list[Run] = [f"Of {largest}, "]
    for n_clause, clause in enumerate(clauses):
        runs += ["; "] if n_clause else []
        runs += clause
    return para(*runs, ".")


def _theme_tables(ctx: BuildContext) -> list[TableBlock]:
    """Every theme, and the five largest with last year's upheld counts beside this year's
    (not for a locality or service that began after last year's period: a footnote says so
    instead of a column of none)."""
    v = ctx.view
    new = new_since(ctx)
    previous: list[tuple[str, str, Kind]] = [
        (
            "previous_upheld_or_partially",
            f"Upheld or partially upheld, {ctx.previous_label}",
            "count",
        )
    ]
    footnote = None
    if new is not None:
        words = nothing_to_compare(ctx, new)
        previous, footnote = [], f"{words[0].upper()}{words[1:]}."
    return [
        v.table(
            "themes.stage1",
            [
                ("theme", "Theme", "text"),
                ("count", "Complaints", "count"),
                ("upheld_or_partially", "Upheld or partially upheld", "count"),
            ],
        ),
        v.table(
            "themes.stage1.top5",
            [
                ("theme", "Theme", "text"),
                ("count", "Complaints", "count"),
                ("upheld_or_partially", f"Upheld or partially upheld, {ctx.label}", "count"),
                *previous,
            ],
            footnote=footnote,
        ),
    ]


def _most_given(ctx: BuildContext, subs: list[dict]) -> list[Paragraph]:
    """ "86 about a service failure or refusal to take action": the reasons given most often,
    each as a phrase; the list never cuts through a tie."""
    v = ctx.view
    order = sorted(
        range(len(subs)), key=lambda i: (subs[i]["category"], str(subs[i]["subcategory"]))
    )
    ranking = rank([(i, subs[i]["count"]) for i in order], TOP_SUBCATEGORIES)
    items = [
        para(
            v.row_value("aspects.stage1.by_subcategory", i, "count"),
            f" about {reason_phrase(subs[i]['category'], subs[i]['subcategory'])}",
        )
        for tier in ranking.named
        for i in tier.members
    ]
    if ranking.rest:
        count = int(ranking.rest.count)
        times = {1: "once", 2: "twice"}.get(count, f"{fmt(count, 'count')} times")
        items.append(para(tied_rest(ranking.rest, "reasons", "were given", times)))
    return items


def _pct(part: int | None, whole: int | None) -> float | None:
    return pct(part, whole) if part is not None and whole else None


# -- Outcomes -------------------------------------------------------------------------------------


def outcomes(ctx: BuildContext) -> Blocks:
    v = ctx.view
    blocks: Blocks = []
    for n in (1, 2, 3):
        figure_id = f"outcome.stage{n}.upheld_or_partially.pct"
        if v.has(figure_id):
            blocks.append(
                para(
                    f"The percentage of stage {n} complaints upheld or partially upheld",
                    *shift(v, figure_id, ctx.previous_label),
                    ".",
                )
            )
    compared = _stage1_shares_compared(ctx)
    if compared is not None:
        blocks.append(compared)
    rows = v.rows("outcomes")
    if rows:
        index = {(r["stage"], r["outcome"]): i for i, r in enumerate(rows)}
        outcomes_ = list(dict.fromkeys(r["outcome"] for r in rows))
        stages = sorted({r["stage"] for r in rows})
        body = []
        for outcome in outcomes_:
            cells: list[Cell] = [text_cell(label(OUTCOMES, outcome))]
            for n in stages:
                i = index[(n, outcome)]
                cells += [v.cell("outcomes", i, "count"), v.cell("outcomes", i, "pct", "pct")]
            body.append(tuple(cells))
        columns = [column("outcome", "Outcome")]
        for n in stages:
            columns += [
                column(f"stage{n}.count", stage_column_label(n, "count"), "count"),
                column(f"stage{n}.pct", stage_column_label(n, "pct"), "pct"),
            ]
        blocks.append(
            TableBlock(
                key="outcomes",
                caption=TABLE_CAPTIONS["outcomes"],
                columns=tuple(columns),
                rows=tuple(body),
                footnote="Percentages of the complaints received at each stage; they may not add "
                "up to 100% because of rounding.",
            )
        )
    return blocks


STAGE1_COMPARED = (
    ("upheld", "upheld"),
    ("partially_upheld", "partially upheld"),
    ("not_upheld", "not upheld"),
)


def _stage1_shares_compared(ctx: BuildContext) -> Paragraph | None:
    """ "Compared with 2020-21, a lower share of stage 1 complaints was upheld (13.3%, against
    14.5%), a lower share partially upheld (…) and a higher share not upheld (…)." A higher
    share upheld is neither better nor worse, so the sentence says only which way it moved."""
    v = ctx.view
    items: list[list[Run]] = []
    for outcome, words in STAGE1_COMPARED:
        figure_id = f"outcome.stage1.{outcome}.pct"
        previous_id = f"{figure_id}.previous"
        if not v.has(figure_id, previous_id):
            continue
        now, before = v.raw(figure_id), v.raw(previous_id)
        which = "the same" if now == before else "a higher" if now > before else "a lower"
        subject = f"{which} share" + ("" if items else " of stage 1 complaints was")
        then: list[Run] = (
            [f" in both {'years' if ctx.since is None else 'periods'})"]
            if now == before
            else [", against ", v.value(previous_id, "pct"), ")"]
        )
        items.append([f"{subject} {words} (", v.value(figure_id, "pct"), *then])
    if not items:
        return None
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            runs.append(" and " if i == len(items) - 1 else ", ")
        runs.extend(item)
    return para(f"Compared with {ctx.previous_label}, ", *runs, ".")


# -- Methods and complainants ----------------------------------------------------------------


def _shares_block(
    ctx: BuildContext,
    table_id: str,
    code: str,
    words: dict[str, str],
    key: str,
    title: str,
    category_title: str,
    what: str,
):
    v = ctx.view
    rows = v.rows(table_id)
    columns: list[tuple[str, str, Kind]] = [
        (code, category_title, "text"),
        ("count", "Complaints", "count"),
        ("pct", "Percentage", "pct"),
    ]
    if _has_previous(rows):
        # The year before beside this one; its cells do not drill down (the records behind a
        # row are this period's).
        columns = [
            (code, category_title, "text"),
            ("count", f"Complaints, {ctx.label}", "count"),
            ("pct", f"Percentage, {ctx.label}", "pct"),
            ("previous", f"Complaints, {ctx.previous_label}", "number"),
            ("previous_pct", f"Percentage, {ctx.previous_label}", "pct"),
        ]
    table = v.table(
        table_id, columns, labels={code: {r[code]: label(words, r[code]) for r in rows}}
    )
    chart_rows = [
        {"category": label(words, r[code]), "count": r["count"], "pct": r["pct"]}
        for r in rows
        if r["count"]
    ]
    return chart_block(
        charts.shares(key, title, chart_rows, category_title=category_title, what=what), table
    )


def _has_previous(rows: list[dict]) -> bool:
    """The table has the year before beside each row, and there was something then."""
    return any(r.get("previous") for r in rows)


def _top_two(ctx: BuildContext, table_id: str, code: str, words: dict[str, str]) -> list:
    """The two largest, each with its share: "email (51.9%, against 51.6% in 2020-21)" (the
    year named once, on the first)."""
    v = ctx.view
    rows = v.rows(table_id)
    ranked = [
        i
        for i in sorted(range(len(rows)), key=lambda i: -(rows[i]["count"] or 0))[:2]
        if rows[i]["count"]
    ]
    compare = _has_previous(rows)
    items = []
    for n, i in enumerate(ranked):
        then: list[Run] = []
        if compare and rows[i].get("previous_pct") is not None:
            then = [", against ", v.row_value(table_id, i, "previous_pct", "pct")]
            then += [f" in {ctx.previous_label}"] if n == 0 else []
        items.append(
            [
                label(words, rows[i][code]).lower(),
                " (",
                v.row_value(table_id, i, "pct", "pct"),
                *then,
                ")",
            ]
        )
    return items


def methods(ctx: BuildContext) -> Blocks:
    if not ctx.view.rows("method.stage1") or not ctx.view.raw("received.stage1"):
        return [para(f"No stage 1 complaints were received in {ctx.label}.")]
    top = _top_two(ctx, "method.stage1", "method", METHODS)
    # Every method's count withheld (a report for one small locality): no largest to name.
    return [
        *([para("Most stage 1 complaints were made by ", *listing(top), ".")] if top else []),
        _shares_block(
            ctx,
            "method.stage1",
            "method",
            METHODS,
            "methods",
            "How stage 1 complaints were made",
            "Method",
            "stage 1 complaints",
        ),
    ]


def complainants(ctx: BuildContext) -> Blocks:
    v = ctx.view
    if not v.rows("complainant.stage1") or not v.raw("received.stage1"):
        return [para(f"No stage 1 complaints were received in {ctx.label}.")]
    top = _top_two(ctx, "complainant.stage1", "complainant_type", COMPLAINANTS)
    blocks: Blocks = [
        *(
            [para("The largest groups making stage 1 complaints were: ", *listing(top), ".")]
            if top
            else []
        ),
        _shares_block(
            ctx,
            "complainant.stage1",
            "complainant_type",
            COMPLAINANTS,
            "complainants",
            "Who made stage 1 complaints",
            "Complainant",
            "stage 1 complaints",
        ),
    ]
    if v.has("repeat_complainants.stage1.people"):
        blocks.append(
            para(
                f"People who made two or more stage 1 complaints in {ctx.label}: ",
                v.value("repeat_complainants.stage1.people"),
                ".",
            )
        )
        blocks.append(
            v.table(
                "repeat_complainants.distribution",
                [("complaints", "Stage 1 complaints made", "text"), ("people", "People", "count")],
            )
        )
    return blocks
