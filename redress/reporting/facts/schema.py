"""The columns of each fact frame, with their Polars types.

Extraction (from the database) and the test builders (from hand-written rows) both produce
frames with exactly these columns, so every figure function sees the same shape.
"""

import polars as pl

STAGE_BASE: dict[str, pl.DataType] = {
    "stage_id": pl.Int64(),
    "complaint_id": pl.Int64(),
    "reference": pl.String(),
    "stage": pl.Int8(),
    "procedure": pl.String(),
    "received": pl.Date(),
    "complaint_received": pl.Date(),
    "acknowledged": pl.Date(),
    "statement_agreed": pl.Date(),
    "responded": pl.Date(),
    "outcome": pl.String(),
    "panel": pl.Date(),
    "panel_report": pl.Date(),
    "extended_to_days": pl.Int32(),
    "held_days": pl.Int32(),
    "initial_days": pl.Int32(),
    "max_days": pl.Int32(),
    "clock_start_rule": pl.String(),
    "panel_within_days": pl.Int32(),
    "service_area_id": pl.Int64(),
    "service": pl.String(),
    "locality": pl.String(),
    "organisation": pl.String(),
    "stage_organisation": pl.String(),
    "method": pl.String(),
    "complainant_type": pl.String(),
    "complainant_id": pl.Int64(),
    "advocate": pl.String(),
    "advocacy_offered": pl.Boolean(),
    "advocacy_referred": pl.Date(),
    "theme": pl.String(),
}

# The stage columns the figures read (and the drill-down lists from their evidence), and those
# of them held as categories: every selection a figure makes (a year's records received, its
# timeliness cohort…) copies these columns and no others, and a category is four bytes a row
# where a name is sixteen. The rest of the stage frame (the procedure's rule, the raw dates the
# clock and deadlines were derived from) is kept in `Facts.stages` for whoever needs it. Not the
# complaint's reference: no figure counts by it, and the drill-down reads the references of the
# records it lists (a million of them were 60 MB read and held for nothing).
STAGE_FIGURES: tuple[str, ...] = (
    "stage_id",
    "complaint_id",
    "stage",
    "procedure",
    "received",
    "complaint_received",
    "statement_agreed",
    "responded",
    "outcome",
    "panel",
    "held_days",
    "initial_days",
    "max_days",
    "service_area_id",
    "service",
    "locality",
    "method",
    "complainant_type",
    "complainant_id",
    "advocate",
    "advocacy_offered",
    "advocacy_referred",
    "theme",
    "applicable_days",
    "area",
    "cyp",
    "excluded_from_timeliness",
    "quarter",
    "taken",
    "panel_taken",
    "in_time_applicable",
    "in_time_initial",
    "in_time_maximum",
    "panel_in_time",
)
# A handful of values each, repeated on every row. (Not `theme`: figures stack it with the
# themes of feedback and learning actions, which are text.)
STAGE_CATEGORIES: tuple[str, ...] = (
    "procedure",
    "outcome",
    "service",
    "locality",
    "method",
    "complainant_type",
    "advocate",
    "area",
    "quarter",
)
ASPECT_CATEGORIES: tuple[str, ...] = ("category", "subcategory", "finding")
# The columns an aspect takes from its stage (in facts for the figures, all but the reference).
ASPECT_OF_STAGE: tuple[str, ...] = (
    "stage_id",
    "complaint_id",
    "reference",
    "stage",
    "received",
    "service_area_id",
)

ASPECT: dict[str, pl.DataType] = {
    "stage_id": pl.Int64(),
    "complaint_id": pl.Int64(),
    "reference": pl.String(),
    "stage": pl.Int8(),
    "received": pl.Date(),
    "service_area_id": pl.Int64(),
    "category": pl.String(),
    "subcategory": pl.String(),
    "finding": pl.String(),
}

MEDIATION: dict[str, pl.DataType] = {
    "complaint_id": pl.Int64(),
    "reference": pl.String(),
    "service_area_id": pl.Int64(),
    "offered": pl.Date(),
    "held": pl.Date(),
    "outcome": pl.String(),
}

ENQUIRY: dict[str, pl.DataType] = {
    "enquiry_id": pl.Int64(),
    "lgo_reference": pl.String(),
    "complaint_id": pl.Int64(),
    "service_area_id": pl.Int64(),
    "received": pl.Date(),
    "decided": pl.Date(),
    "decision": pl.String(),
    "remedy_due": pl.Date(),
    "remedy_completed": pl.Date(),
}

PAYMENT: dict[str, pl.DataType] = {
    "payment_id": pl.Int64(),
    "complaint_id": pl.Int64(),
    "service_area_id": pl.Int64(),
    "date": pl.Date(),
    "stage": pl.String(),
    "kind": pl.String(),
    # Pence, as whole numbers: money is exact. Figures convert back to Decimal pounds.
    "pence": pl.Int64(),
}

COMPLIMENT: dict[str, pl.DataType] = {
    "compliment_id": pl.Int64(),
    "received": pl.Date(),
    "service_area_id": pl.Int64(),
    "service": pl.String(),
    "locality": pl.String(),
    "staff_member": pl.String(),
    "consent": pl.Boolean(),
    "source": pl.String(),
    "external": pl.Boolean(),
    "text": pl.String(),
}

FEEDBACK: dict[str, pl.DataType] = {
    "feedback_id": pl.Int64(),
    "received": pl.Date(),
    "service_area_id": pl.Int64(),
    "from_child": pl.Boolean(),
    "theme": pl.String(),
    "advocate": pl.Boolean(),
    "satisfied": pl.Boolean(),
}

SATISFACTION: dict[str, pl.DataType] = {
    "complaint_id": pl.Int64(),
    "service_area_id": pl.Int64(),
    "complaint_received": pl.Date(),
    "question": pl.String(),
    "answer": pl.String(),
}

# A satisfaction survey sent to a complainant (redress.surveys): the stage the complaint closed
# at and its service area when it was sent; `answered` and the answers are null until the
# survey is answered (by `as_of`). Its free-text comment is never extracted.
SURVEY: dict[str, pl.DataType] = {
    "survey_id": pl.Int64(),
    "complaint_id": pl.Int64(),
    "reference": pl.String(),
    "stage": pl.Int8(),
    "service_area_id": pl.Int64(),
    "service": pl.String(),
    "sent": pl.Date(),
    "answered": pl.Date(),
    "listened": pl.String(),
    "outcome_understood": pl.String(),
    "kept_informed": pl.String(),
    "complain_again": pl.String(),
}

ACTION: dict[str, pl.DataType] = {
    "action_id": pl.Int64(),
    "complaint_id": pl.Int64(),
    "service_area_id": pl.Int64(),
    "theme": pl.String(),
    "raised": pl.Date(),
    "due": pl.Date(),
    "completed": pl.Date(),
}

# Each service area version the facts cover, with its name and effective dates (null: since
# records began, still in use), as `organisations.ServiceArea` stores them: where a period
# spans a restructure (figures/structure.py).
SERVICE_AREA: dict[str, pl.DataType] = {
    "service_area_id": pl.Int64(),
    "service": pl.String(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
}

CONTEXT: dict[str, pl.DataType] = {
    "period": pl.String(),
    "measure": pl.String(),
    "service_area_id": pl.Int64(),
    "service": pl.String(),
    "value": pl.Float64(),
}


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)
