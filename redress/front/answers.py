"""What a submission's `answers` hold: the contract between the public forms that fill them
(`front.forms`, `front.views`) and the triage that turns them into records
(`front.services.triage`).

Values are JSON: strings (blank when not answered), booleans or None (not answered), ints (a
record's primary key) and ISO dates. Name, email and phone are the submission's own fields.

Complaint (kinds `complaint` and `child_complaint`; the child's form fills fewer):
    service_area       int | None  the service it is about (a ServiceArea's pk); None: not sure
    about              str         which service, team or worker, in the sender's words
    what_happened      str         what happened
    put_right          str         what would put it right
    on_behalf          bool        made for a child or young person (not by them)
    complainant_type   str         ComplainantType; the child's form: child_young_person
    child_name         str         the child it is about (on behalf) or the sender (child's form)
    child_dob          str         ISO date or ""
    child_age_band     str         people.models.AgeBand or "" (when no date of birth)
    child_views        str         the child's views, where made on their behalf
    address            str         postal address, as typed
    contact_method     str         people.models.ContactMethod: how they want to hear from us
    advocate           str         ADVOCATE_* below
    advocate_name      str         an advocate already helping (ADVOCATE_HAS)
    advocate_organisation str      their organisation
    interpreter        str         language, or "" for none
    support            str         other support or accessibility needs, or ""

Compliment (`compliment`):
    service_area int | None, about str, staff_member str, what str (what they did),
    consent_to_share bool (the worker and team may be named when it is shared), source str
    (feedback.models.ComplimentSource)

Informal feedback (`feedback`, from a child or young person):
    service_area int | None, about str, what str, better str (what would make it better),
    advocate bool | None (helped by an advocate), and the closing-the-loop answers:
    loop dict[str, str]  feedback.models.Question value -> feedback.models.Answer value or ""

Request for the next stage (`next_stage`; `Submission.complaint` is the complaint):
    reason str (why they are not satisfied), late_reason str (why it is late, when it is)
"""

ADVOCATE_WANTED = "wanted"  # would like an advocate: the authority refers them to its provider
ADVOCATE_HAS = "has"  # already has one (advocate_name, advocate_organisation)
ADVOCATE_NO = "no"  # does not want one (it was offered)
ADVOCATE_CHOICES = (ADVOCATE_WANTED, ADVOCATE_HAS, ADVOCATE_NO)
