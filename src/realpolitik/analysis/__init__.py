"""Analyses over stored records: networks, balances, timelines."""
