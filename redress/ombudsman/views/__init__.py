"""The Ombudsman pages: the list of enquiries, an enquiry's record, and a form for each step."""
