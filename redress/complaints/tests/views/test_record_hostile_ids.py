"""Found by `make fuzz`: a complainant's id past the database's integers was a server error."""

import pytest

from redress.complaints.tests.factories import ComplaintFactory


@pytest.mark.parametrize("person", ["99999999999999999999", "9223372036854775808", "-1"])
def test_a_complainant_id_no_record_can_have_is_asked_again(officer_client, person):
    complaint = ComplaintFactory()
    check = officer_client.get(f"/complaints/{complaint.pk}/details/")["Location"]
    page = check.replace("/check/", "/complainant/")
    response = officer_client.post(page, {"action": "continue", "search": "", "person": person})
    assert response.status_code == 200
    assert "Select the complainant, or choose to add someone new" in response.content.decode()
