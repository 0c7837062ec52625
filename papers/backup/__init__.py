"""Backup and restore of every record and uploaded file, as one zip archive."""
