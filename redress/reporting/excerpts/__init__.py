"""Publishable excerpts: the only free text from case records that the versions of the report
leaving the complaints team (the publication version, and the executive's version without
names) print.

A complaints manager writes an excerpt from a compliment's words, a complaint's summary or a
learning action's description, approves it, and may withdraw it; each of those is audited
(`services`). The report reads approved, not withdrawn, excerpts through
`reporting.document.selectors`; `selectors` here serves the managers' pages.
"""
