"""Redress: complaints, compliments and representations for children's social care."""
