"""The words a report uses for the codes in the figures: outcomes, methods, who complained,
decisions, questions, cost lines, the values that name a table's rows, a figure's definition in
words, and the captions, column headings and sections of the figure tables.

Codes come from the models' choices wherever a choice list exists, so a new choice shows with
its own label rather than its code.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.db.models import TextChoices

from redress.complaints.choices import (
    ComplainantType,
    MediationOutcome,
    Method,
    Outcome,
    PaymentKind,
    PaymentStage,
)
from redress.core.presenters import govuk_date, month_name
from redress.feedback.models import ComplimentSource, Question
from redress.ombudsman.models import Decision
from redress.reporting.figures import SCALARS
from redress.surveys.models import Question as SurveyQuestion


def _choices(choices: type[TextChoices]) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


OUTCOMES = {**_choices(Outcome), "outstanding": "Response outstanding"}
METHODS = {**_choices(Method), "not_recorded": "Not recorded"}
COMPLAINANTS = {**_choices(ComplainantType), "not_recorded": "Not recorded"}
MEDIATION_OUTCOMES = {**_choices(MediationOutcome), "pending": "Pending"}
DECISIONS = {**_choices(Decision), "pending": "Pending"}
QUESTIONS = _choices(Question)
SURVEY_QUESTIONS = _choices(SurveyQuestion)
SOURCES = {**_choices(ComplimentSource), "Not recorded": "Not recorded"}
PAYMENT_KINDS = _choices(PaymentKind)
PAYMENT_STAGES = {**_choices(PaymentStage), "any": "Any stage"}
STAGES = {1: "Stage 1", 2: "Stage 2", 3: "Stage 3"}


def question_labels(table_id: str) -> dict[str, str]:
    """The questions a table's rows are answers to: children's closing-the-loop questions
    (`cyp.`) or the satisfaction survey's (`survey.`); none for any other table."""
    if table_id.startswith("cyp."):
        return QUESTIONS
    return SURVEY_QUESTIONS if table_id.startswith("survey.") else {}


def label(labels: dict[str, str], code: object) -> str:
    """The label of a code, or the code itself when it has none (e.g. configured values)."""
    if code is None:
        return "Not recorded"
    return labels.get(str(code), str(code))


# The words for a row's naming value, by its column, where the report has a label for the code.
ROW_CODE_LABELS: dict[str, dict[str, str]] = {
    "stage": PAYMENT_STAGES,  # "Stage 1" for 1 or "1", and a cost's "Any stage" and "Ombudsman"
    "decision": DECISIONS,
    "method": METHODS,
    "complainant_type": COMPLAINANTS,
    "source": SOURCES,
    "kind": PAYMENT_KINDS,
}


def naming_words(table_id: str, key: str, value: Any) -> str | None:
    """A value that names a table's row, in the report's words ("Premature: referred back to
    the authority" for a decision "premature", "April 2021" for a month "2021-04", "Parent" for
    a complainant_type "parent"); a value with no words of its own as it is; None for a count,
    amount or date."""
    if key == "stage" and isinstance(value, int):
        return label(PAYMENT_STAGES, value)
    if not isinstance(value, str) or not value:
        return None
    if key == "outcome":
        return label(MEDIATION_OUTCOMES if table_id.startswith("mediation.") else OUTCOMES, value)
    if key == "question":
        return label(question_labels(table_id), value)
    if key == "band":
        return band_label(value)
    if key == "area" and value == "TOTAL":
        return "All areas"
    if key == "month" and re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{month_name(int(value[5:]))} {value[:4]}"
    if key == "complaints":  # repeat complainants: "2", "3" or "4+" complaints each
        return f"{value} stage 1 complaints"
    return label(ROW_CODE_LABELS.get(key, {}), value)


def span_words(start: datetime.date, end: datetime.date) -> str:
    """A part of a period as its heading names it: "April to December 2021", "January to March
    2022", "December 2021 to February 2022", "April 2021"; by its days where it does not start
    and end with a month: "15 January to 31 March 2022"."""
    following = (end.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    if start.day == 1 and end == following - datetime.timedelta(days=1):
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        if start.year == end.year:
            return f"{start:%B} to {end:%B %Y}"
        return f"{start:%B %Y} to {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {govuk_date(end)}"
    return f"{govuk_date(start)} to {govuk_date(end)}"


def row_namings(table_id: str, row: Mapping[str, Any]) -> list[str]:
    """A table row's naming values in the report's words, in order: "Stage 1", "Partially
    upheld"; a restructure's part by its span ("April to December 2021"). Its counts, amounts
    and dates are left out."""
    words = []
    for key, value in row.items():
        if key == "part" and isinstance(row.get("from"), datetime.date):
            words.append(span_words(row["from"], row["to"]))
        elif (naming := naming_words(table_id, key, value)) is not None:
            words.append(naming)
    return words


# -- A scalar figure's definition in words -------------------------------------------------------
# A drill-down page is headed by them, and the annex of withheld figures names the figures
# withheld from the text by them.


def figure_words(figure_id: str, as_of: datetime.date) -> str | None:
    """A scalar figure's definition in words, as it would run in a sentence: "stage 1 records
    received in the period with outcome partially upheld", "learning actions raised in the
    period and completed by 31 May 2022" (`as_of`, the date the figures are as at); a part of
    a figure in that figure's words ("of satisfaction surveys sent in the period, those
    answered by …"), or of the first of its family ("Ombudsman decisions … remedies by: of
    those, …"). None for a figure worked out from others (a sum, a ratio) or not defined."""
    if figure_id not in SCALARS:
        return None
    words = _definition_words(figure_id, as_of)
    if words.startswith("of those"):
        antecedent = _antecedent(figure_id)
        if antecedent is None:
            return None
        words = f"{_definition_words(antecedent, as_of)}: {words}"
    # Left with a sum or a figure's id, it does not read as words.
    if re.search(r"[÷×+]|\b\w+\.\w+", words):
        return None
    return words


def _codes_in_words(figure_id: str, words: str, as_of: datetime.date) -> str:
    """A definition's codes in words: "statutory stage 2" for stage2.statutory, "with outcome
    partially upheld", and the date the figures are as at for as_of."""
    words = re.sub(r"\bstage(\d)\.(statutory|local)\b", r"\2 stage \1", words)
    words = re.sub(r"\bstage(\d)\b", r"stage \1", words)

    def labelled(match: re.Match[str]) -> str:
        noun, code = match[1], match[2]
        if noun == "decision":
            labels = DECISIONS
        else:
            labels = MEDIATION_OUTCOMES if figure_id.startswith("mediation.") else OUTCOMES
        text = label(labels, code).replace(": ", ", ")  # "Investigated: fault found"
        return f"with {noun} {text[:1].lower()}{text[1:]}"

    words = re.sub(r"\bwith (outcome|decision) (\w+)", labelled, words)
    return re.sub(r"\bas_of\b", govuk_date(as_of), words)


def _definition_words(figure_id: str, as_of: datetime.date) -> str:
    """A scalar's definition without its asides (in brackets, after a colon, the places it is
    given to) and without "number of", its codes in words, and a figure it is a part of ("of
    survey.sent, those answered…") in that figure's words."""
    words = re.sub(r"\s*\([^()]*\)", "", SCALARS[figure_id].definition).split(": ")[0]
    words = re.sub(r",? (?:to )?\d+ places$", "", words)
    # A list of records, not a number: "number of stage1 records in …" is those records.
    words = words.replace("`", "").removeprefix("number of ")
    named = re.match(r"of ([\w.]+), ", words)
    if named and named[1] in SCALARS:
        rest = _codes_in_words(figure_id, words[named.end() :], as_of)
        return f"of {_definition_words(named[1], as_of)}, {rest}"
    return _codes_in_words(figure_id, words, as_of)


def _stands_alone(definition: str) -> bool:
    return not definition.startswith("of ") and not re.search(r"[÷×+]", definition)


def _antecedent(figure_id: str) -> str | None:
    """The figure that "those" in the definition of one of its parts refers to: the first of
    its family (lgo.remedies.due for lgo.remedies.on_time) whose definition stands alone."""
    family = figure_id.rsplit(".", 1)[0] + "."
    return next(
        (
            other
            for other, spec in SCALARS.items()
            if other.startswith(family) and _stands_alone(spec.definition)
        ),
        None,
    )


# Captions of the figure tables, as they head a table in the report and name it in the annex of
# withheld figures.
TABLE_CAPTIONS: dict[str, str] = {
    "received.by_year": "Complaints received each year, by stage",
    "received.stage1.by_month": "Stage 1 complaints received each month",
    "received.by_service": "Complaints received by service and stage",
    "received.by_area": "Complaints received by area and stage",
    "ratio.stage1_to_open_cases.by_service": "Stage 1 complaints against open cases, by service",
    "received.by_service.parts": "Complaints received by service and stage, by part of the year",
    "ratio.stage1_to_open_cases.by_service.parts": (
        "Stage 1 complaints against open cases, by service, by part of the year"
    ),
    "trend.stage1.by_year": "Stage 1 complaints received, upheld and answered in time, by year",
    "trend.stage1.responses.by_year": "Stage 1 responses issued and in time, by year",
    "timeliness.stage1.bands_by_area": "Stage 1 response times by area: complaints received",
    "responses.stage1.bands_by_area": "Stage 1 responsiveness by area",
    "timeliness.stage1.by_quarter": "Stage 1 complaints answered in time, by quarter",
    "timeliness.stage2.statutory.bands": "Statutory stage 2 response times: complaints received",
    "timeliness.stage2.local.bands": "Local stage 2 response times: complaints received",
    "responses.stage2.statutory.bands": "Statutory stage 2 responsiveness",
    "responses.stage2.local.bands": "Local stage 2 responsiveness",
    "outcomes": "Outcomes of complaints by stage",
    "aspects.stage1.by_category": "Reasons for stage 1 complaints, by category",
    "aspects.stage1.by_subcategory": "Reasons for stage 1 complaints, by sub-category",
    "themes.stage1": "Stage 1 complaints by theme",
    "themes.stage1.top5": "The five largest themes",
    "method.stage1": "How stage 1 complaints were made",
    "complainant.stage1": "Who made stage 1 complaints",
    "cyp.themes": "What children and young people complained about",
    "informal_feedback.themes": "Informal feedback by theme",
    "cyp.satisfaction": "Closing the loop: what children and young people told us",
    "survey.answers": "What complainants told us when their complaint closed",
    "survey.answers.by_stage": "What complainants told us, by the stage their complaint closed at",
    "survey.answers.by_service": "What complainants told us, by service",
    "repeat_complainants.distribution": "Repeat complainants",
    "mediation.outcomes": "Outcomes of mediation",
    "lgo.decisions": "Ombudsman decisions",
    "lgo.enquiries": "Ombudsman enquiries",
    "costs": "Complaint costs and compensation",
    "compliments.by_service": "Compliments by service",
    "compliments.by_source": "Who sent compliments",
    "actions.by_theme": "Learning actions by theme",
}

# Column headings of the figure tables' columns, where the code is not already readable.
COLUMN_LABELS: dict[str, str] = {
    "stage1": "Stage 1",
    "stage2": "Stage 2",
    "stage3": "Stage 3",
    "count": "Number",
    "pct": "Percentage",
    "complaints": "Stage 1 complaints",
    "open_cases": "Open cases",
    "upheld_or_partially": "Upheld or partially upheld",
    "previous_upheld_or_partially": "Upheld or partially upheld, previous year",
    "previous": "Previous year",
    "previous_pct": "Percentage, previous year",
    "yes": "Yes",
    "no": "No",
    "partly": "Partly",
    "no_answer": "No answer",
    "total": "Raised",
    "completed": "Completed",
    "overdue": "Overdue",
    "met": "In time",
    "missed": "Late",
    "people": "People",
}


def column_label(column: str) -> str:
    """A figure table's column heading: "Number" for count, "Percentage in time" for
    in_time_pct."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    if column.endswith("_pct"):
        of = column_label(column.removesuffix("_pct"))
        return f"Percentage {of[:1].lower()}{of[1:]}"
    return column.replace("_", " ").capitalize()


def stage_column_label(stage: int, column: str) -> str:
    """The heading of a stage's column where a table runs its stages across the page (the
    outcomes by stage): "Stage 1" for its count, "Stage 1: %" for its percentage."""
    return f"Stage {stage}: %" if column == "pct" else f"Stage {stage}"


def band_label(band: str) -> str:
    """`0-10 working days`, `21+ working days`."""
    return f"{band} working days"


# The section of the report that shows each figure table: the annex of withheld figures lists
# them by section.
TABLE_SECTIONS: dict[str, str] = {
    "received.by_year": "volumes",
    # Its received and upheld by year; the timeliness section shows its answered in time beside
    # the responses' trend.
    "trend.stage1.by_year": "volumes",
    "received.stage1.by_month": "volumes",
    "ratio.stage1_to_open_cases.by_service": "rates",
    "received.by_area": "services",
    "received.by_service": "services",
    "received.by_service.parts": "services",
    "ratio.stage1_to_open_cases.by_service.parts": "services",
    "trend.stage1.responses.by_year": "timeliness",
    "timeliness.stage1.by_quarter": "timeliness",
    "timeliness.stage1.bands_by_area": "appendix_responsiveness",
    "responses.stage1.bands_by_area": "appendix_responsiveness",
    "timeliness.stage2.statutory.bands": "appendix_responsiveness",
    "timeliness.stage2.local.bands": "appendix_responsiveness",
    "responses.stage2.statutory.bands": "appendix_responsiveness",
    "responses.stage2.local.bands": "appendix_responsiveness",
    "aspects.stage1.by_category": "reasons",
    "themes.stage1": "reasons",
    "themes.stage1.top5": "reasons",
    "aspects.stage1.by_subcategory": "appendix_reasons",
    "outcomes": "outcomes",
    "method.stage1": "methods",
    "complainant.stage1": "complainants",
    "repeat_complainants.distribution": "complainants",
    "survey.answers": "what_complainants_told_us",
    "survey.answers.by_stage": "what_complainants_told_us",
    "survey.answers.by_service": "what_complainants_told_us",
    "cyp.themes": "children",
    "cyp.satisfaction": "children",
    "informal_feedback.themes": "children",
    "mediation.outcomes": "mediation",
    "lgo.decisions": "ombudsman",
    "lgo.enquiries": "ombudsman",
    "costs": "costs",
    "compliments.by_service": "compliments",
    "compliments.by_source": "compliments",
    "actions.by_theme": "learning",
}

# What the rows of a figure table are about, by the key of the column that names them: the
# singular and the plural ("17 services").
ROW_NOUNS: dict[str, tuple[str, str]] = {
    "service": ("service", "services"),
    "area": ("area", "areas"),
    "theme": ("theme", "themes"),
    "category": ("category", "categories"),
    "subcategory": ("sub-category", "sub-categories"),
    "question": ("question", "questions"),
    "stage": ("stage", "stages"),
    "outcome": ("outcome", "outcomes"),
    "method": ("method", "methods"),
    "complainant_type": ("kind of complainant", "kinds of complainant"),
    "decision": ("decision", "decisions"),
    "source": ("source", "sources"),
    "band": ("band", "bands"),
}
