"""The public forms' question pages (one thing per page)."""
