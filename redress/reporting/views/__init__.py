"""The reports pages of the staff app: the reports page (choose, preview, download), report
editions with their narratives, and drill-down from a figure to the records behind it."""
