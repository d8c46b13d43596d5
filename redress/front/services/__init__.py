"""Writes of the front door: submissions (`submissions`), their triage (`triage`) and following a
complaint (`follow`)."""
