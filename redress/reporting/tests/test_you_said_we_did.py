"""Appendix D, "you said, we did" (issue 11, part 3): each learning action raised in the period
with what its complaint told us and what changed, the stage that prompted it (stage 1, 2 or 3,
the Ombudsman) and whether it was completed, is due or overdue. The team's version names the
complaint; a published version prints only approved words, never the complaint's reference.
And no name or unapproved free text reaches any format of a published report."""

from __future__ import annotations

import datetime
import io
import json

import openpyxl
import pytest

from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.tests.factories import PersonFactory
from redress.reporting import services
from redress.reporting.document.model import Paragraph, TableBlock
from redress.reporting.models import ExcerptSource
from redress.reporting.periods import financial_year
from redress.reporting.tests.test_excerpts_in_reports import readable
from redress.taxonomies.tests.factories import TermFactory

from .builders.cases import childs_complaint, excerpt, ombudsman_decision

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = financial_year("2021-22")
AS_OF = D(2022, 5, 31)
# Free text only the complaints team may read: names, an address, an Ombudsman reference.
SECRETS = ("Jamie", "Smith", "Okafor", "Larch Grove", "21 004 512", "CSC-2021")
YOU_SAID = ExcerptSource.YOU_SAID


@pytest.fixture
def actions(db):
    fostering = ServiceAreaFactory(name="Fostering")
    communication = TermFactory(name="Communication")
    jamie = childs_complaint("CSC-2021-00101", service_area=fostering, received=D(2021, 6, 1))
    second = ComplaintFactory(reference="CSC-2021-00102", service_area=fostering)
    to_lgo = ComplaintFactory(
        reference="CSC-2021-00103",
        service_area=fostering,
        complainant=PersonFactory(name="Ada Okafor"),
    )
    ombudsman_decision(
        lgo_reference="21 004 512",
        complaint=to_lgo,
        received=D(2021, 7, 1),
        decision="fault_found",
        decided=D(2021, 10, 1),
        summary="Ada Okafor of 2 Larch Grove waited a year for her plan.",
    )
    made = {
        "stage1": LearningActionFactory(
            complaint=jamie,
            stage_number=1,
            theme=communication,
            description="Call back within a day.",
            you_said="Jamie Smith said nobody called back to 14 Larch Grove.",
            we_did="Duty workers call back within a day.",
            raised_date=D(2021, 7, 1),
            due_date=D(2021, 9, 30),
            completed_date=D(2021, 8, 2),
        ),
        "stage2": LearningActionFactory(
            complaint=second,
            stage_number=2,
            theme=communication,
            description="Review the statement of complaint template.",
            raised_date=D(2021, 9, 1),
            due_date=D(2022, 3, 1),
        ),
        "ombudsman": LearningActionFactory(
            complaint=to_lgo,
            stage_number=None,
            description="Plans written within 20 working days.",
            you_said="Ada Okafor waited a year.",
            raised_date=D(2021, 11, 1),
            due_date=D(2022, 7, 31),
        ),
        "general": LearningActionFactory(
            complaint=None,
            description="Complaints training for new managers.",
            raised_date=D(2022, 1, 10),
            due_date=None,
        ),
        # Completed after as_of: still due on the report's day.
        "stage3": LearningActionFactory(
            complaint=second,
            stage_number=3,
            description="Panel recommendations tracked monthly.",
            raised_date=D(2022, 2, 1),
            due_date=D(2022, 6, 30),
            completed_date=D(2022, 6, 5),
        ),
    }
    LearningActionFactory(complaint=second, raised_date=D(2021, 3, 1))  # the year before
    return made


def appendix(publish: bool) -> tuple[list[str], TableBlock | None]:
    document = services.prepare_report(period=YEAR, as_of=AS_OF, publish=publish).document
    assert document is not None
    blocks = document.section("appendix_learning").blocks
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    return [b.plain for b in blocks if isinstance(b, Paragraph)], (tables[0] if tables else None)


def rows(table: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_the_team_s_version_pairs_what_was_said_and_done_with_stage_and_completion(actions):
    paragraphs, table = appendix(publish=False)
    assert table is not None
    assert [c.label for c in table.columns] == [
        "Complaint",
        "You said",
        "We did",
        "Prompted by",
        "Done",
    ]
    assert rows(table) == [
        ["Communication", "", "", "", ""],
        [
            "CSC-2021-00101",
            "Jamie Smith said nobody called back to 14 Larch Grove.",
            "Duty workers call back within a day.",
            "Stage 1",
            "Completed 2 August 2021",
        ],
        [
            "CSC-2021-00102",
            "Not recorded",
            "Review the statement of complaint template.",
            "Stage 2",
            "Overdue: due by 1 March 2022",
        ],
        ["No theme", "", "", "", ""],
        [
            "CSC-2021-00103",
            "Ada Okafor waited a year.",
            "Plans written within 20 working days.",
            "Ombudsman",
            "Due by 31 July 2022",
        ],
        [
            "–",
            "Not recorded",
            "Complaints training for new managers.",
            "Complaints in general",
            "Open, no due date",
        ],
        [
            "CSC-2021-00102",
            "Not recorded",
            "Panel recommendations tracked monthly.",
            "Stage 3",
            "Due by 30 June 2022",
        ],
    ]
    assert table.row_kinds == ("group", "row", "row", "group", "row", "row", "row")
    assert paragraphs == [
        "What complaints told us in 2021-22 and what changed as a result, by learning theme, "
        "with the complaint each came from (this version only)."
    ]


def test_published_prints_only_approved_words_and_no_reference(actions, manager):
    paragraphs, table = appendix(publish=True)
    assert table is None
    assert paragraphs == [
        "The learning actions raised from complaints in 2021-22 are described only in the "
        "complaints team's version of this report: no excerpt of them has been approved for "
        "publication."
    ]
    stage1, ombudsman = actions["stage1"], actions["ombudsman"]
    excerpt(stage1, "A child said nobody called Jamie back.", by=manager, source=YOU_SAID)
    excerpt(stage1, "Call-backs within a day.", by=manager, source=ExcerptSource.WE_DID)
    # Not approved: not printed.
    excerpt(
        ombudsman,
        "A parent waited too long for a plan.",
        by=manager,
        source=YOU_SAID,
        approve=False,
    )
    # The description's excerpt stands for "we did" where none was written.
    excerpt(ombudsman, "Plans on time.", by=manager)
    paragraphs, table = appendix(publish=True)
    assert table is not None
    assert [c.label for c in table.columns] == ["You said", "We did", "Prompted by", "Done"]
    assert rows(table) == [
        ["Communication", "", "", ""],
        [
            "A child said nobody called [name] back.",
            "Call-backs within a day.",
            "Stage 1",
            "Completed 2 August 2021",
        ],
        ["No theme", "", "", ""],
        ["–", "Plans on time.", "Ombudsman", "Due by 31 July 2022"],
    ]
    assert "approved for publication" in paragraphs[0]


FORMATS = ("html", "pdf", "docx")


def published_outputs() -> dict[str, str]:
    prepared = services.prepare_report(period=YEAR, as_of=AS_OF, publish=True)
    out = {
        fmt: readable(
            fmt,
            services.render_report(prepared, fmt=fmt, period=YEAR, published=True).content,
        )
        for fmt in FORMATS
    }
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            services.render_report(prepared, fmt="xlsx", period=YEAR, published=True).content
        )
    )
    out["xlsx"] = " ".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )
    out["json"] = json.dumps(
        json.loads(
            services.render_report(prepared, fmt="json", period=YEAR, published=True).content
        )
    )
    return out


def test_no_name_or_unapproved_text_reaches_any_published_format(actions, manager):
    from redress.ombudsman.models import Enquiry

    excerpt(Enquiry.objects.get(), "A parent, Ada Okafor, waited a year for a plan.", by=manager)
    excerpt(actions["stage1"], "Nobody called back.", by=manager, source=YOU_SAID)
    outputs = published_outputs()
    for fmt, text in outputs.items():
        assert [s for s in SECRETS if s in text] == [], fmt
        # Nothing recorded as free text, either.
        for recorded in (
            "nobody called back to",
            "Call back within a day",
            "waited a year for her",
        ):
            assert recorded not in text, (fmt, recorded)
    for fmt in FORMATS:
        text = outputs[fmt]
        assert "Case 1, decided 1 October 2021." in text, fmt
        assert "The Ombudsman investigated and found fault." in text, fmt
        assert "A parent, [name], waited a year for a plan." in text, fmt
        assert "Nobody called back." in text, fmt


def test_no_you_said_column_where_none_was_written(db):
    LearningActionFactory(
        complaint=ComplaintFactory(reference="CSC-2021-00201"),
        stage_number=1,
        description="Share minutes within five days.",
        raised_date=D(2021, 7, 1),
        due_date=D(2021, 9, 30),
        completed_date=D(2021, 9, 1),
    )
    _, table = appendix(publish=False)
    assert table is not None
    assert [c.label for c in table.columns] == ["Complaint", "We did", "Prompted by", "Done"]
    assert rows(table)[1] == [
        "CSC-2021-00201",
        "Share minutes within five days.",
        "Stage 1",
        "Completed 1 September 2021",
    ]
    assert table.footnote is not None
    assert table.footnote.endswith("No “you said” was recorded for any of them.")
