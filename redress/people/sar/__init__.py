"""Subject access: everything Redress holds about one person, as a ZIP, with other people's
names listed for redaction (`redress sar PERSON`, and the staff page)."""

from .material import Material, Table, complaints_of, person_by_key_or_id, subject_access_material
from .redactions import Flag, names_to_redact
from .services import ACTION, SubjectAccessExport, subject_access_export
from .tables import roles_in

__all__ = [
    "ACTION",
    "Flag",
    "Material",
    "SubjectAccessExport",
    "Table",
    "complaints_of",
    "names_to_redact",
    "person_by_key_or_id",
    "roles_in",
    "subject_access_export",
    "subject_access_material",
]
