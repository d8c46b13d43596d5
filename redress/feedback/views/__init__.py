"""The feedback pages: compliments, informal feedback and a complaint's closing-the-loop
answers, each journey in its own module."""
