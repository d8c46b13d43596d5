"""The staff pages for complaints: the list, a complaint's tabs, and the actions on it."""
