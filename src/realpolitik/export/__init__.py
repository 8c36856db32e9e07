"""Exports of stored records in the field's formats."""
